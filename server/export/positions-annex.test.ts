import { describe, expect, it } from 'vitest';
import type { ConsensusDto, DelegationSummary, PositionDto } from '@/lib/api/types';
import { buildPositionsAnnex, consensusLine } from './positions-annex';

const base: ConsensusDto = {
  clauseId: 'c1',
  state: 'consensus',
  objecting: [],
  missing: [],
  stale: [],
  adRef: [],
  reservations: [],
  openBrackets: 0,
  textHash: 'h',
};

describe('consensusLine', () => {
  it('states consensus, pending and blocked clauses with every delegation named', () => {
    expect(consensusLine(base)).toBe('Consensus: no objection, every position stated.');
    expect(
      consensusLine({
        ...base,
        state: 'pending',
        missing: ['DE', 'IT', 'FR'],
        stale: ['FR'],
        adRef: ['TR'],
        reservations: [{ delegation: 'NL', reservation: 'parliamentary' }],
        openBrackets: 2,
      }),
    ).toBe(
      'Pending: no position yet from DE, IT; given on earlier text, to confirm: FR; ad referendum, pending capitals: TR; reservations: NL (parliamentary reservation); 2 open brackets or alternatives.',
    );
    expect(
      consensusLine({ ...base, state: 'blocked', objecting: ['DE', 'PL'], reservations: [{ delegation: 'DE', reservation: 'substantive' }], openBrackets: 1 }),
    ).toBe('Blocked by DE (substantive reservation), PL (opposes); also pending: 1 open bracket or alternative.');
    expect(consensusLine(undefined)).toBe('Consensus not computed.');
  });
});

describe('buildPositionsAnnex', () => {
  const delegations: DelegationSummary[] = [
    { code: 'UA', name: 'Ukraine', participation: 'participant', color: '#000' },
    { code: 'US', name: 'United States', participation: 'observer', color: '#000' },
    { code: 'FR', name: 'France', participation: 'participant', color: '#000' },
  ];
  const position = (clauseId: string, delegation: string, extra: Partial<PositionDto> = {}): PositionDto => ({
    clauseId,
    delegation,
    position: 'support',
    stale: false,
    textHash: 'h',
    logId: 1,
    updatedAt: '2026-11-29T10:00:00.000Z',
    updatedBy: 'x',
    ...extra,
  });

  it('lists every participating delegation per clause, with "none" for those that said nothing, and leaves out withdrawn clauses', () => {
    const annex = buildPositionsAnnex({
      clauses: [
        { id: 'c1', number: 1, title: 'Purpose', status: 'negotiating' },
        { id: 'c2', number: 2, title: 'Old', status: 'withdrawn' },
        { id: 'c3', number: 3, title: 'Monitoring', status: 'agreed' },
      ],
      delegations,
      positions: [position('c1', 'UA', { position: 'reservation', reservation: 'scrutiny', note: 'Kyiv to confirm', stale: true }), position('c3', 'FR')],
      consensus: [
        { ...base, clauseId: 'c1', state: 'pending', missing: ['FR'] },
        { ...base, clauseId: 'c3', state: 'pending', missing: ['UA'] },
      ],
    });
    expect(annex).toEqual([
      {
        number: 1,
        title: 'Purpose',
        consensus: 'Pending: no position yet from FR.',
        positions: [
          { delegation: 'FR', delegationName: 'France', position: 'none', reservation: null, stale: false, note: null },
          { delegation: 'UA', delegationName: 'Ukraine', position: 'reservation', reservation: 'scrutiny', stale: true, note: 'Kyiv to confirm' },
        ],
      },
      {
        number: 3,
        title: 'Monitoring',
        consensus: 'Pending: no position yet from UA.',
        positions: [
          { delegation: 'FR', delegationName: 'France', position: 'support', reservation: null, stale: false, note: null },
          { delegation: 'UA', delegationName: 'Ukraine', position: 'none', reservation: null, stale: false, note: null },
        ],
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ConsensusDto, MandateDto, PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import {
  applyEvent,
  fromSnapshot,
  isPendingOn,
  isStalePosition,
  NO_POSITIONS,
  runningSilences,
  silenceMandators,
  type NegotiationEvent,
  type NegotiationSnapshot,
} from './negotiation-state';

const DRAFT = 'd0000000-0000-4000-8000-000000000000';

function position(clauseId: string, delegation: string, patch: Partial<PositionDto> = {}): PositionDto {
  return {
    clauseId,
    delegation,
    position: 'support',
    stale: false,
    textHash: 'h1',
    logId: 1,
    updatedAt: '2026-03-04T10:00:00.000Z',
    updatedBy: 'Someone',
    ...patch,
  };
}

function consensus(clauseId: string, patch: Partial<ConsensusDto> = {}): ConsensusDto {
  return { clauseId, state: 'pending', objecting: [], missing: [], stale: [], adRef: [], reservations: [], openBrackets: 0, textHash: 'h1', ...patch };
}

function silence(id: string, patch: Partial<SilenceProcedureDto> = {}): SilenceProcedureDto {
  return {
    id,
    draftId: DRAFT,
    clauseIds: ['c1'],
    deadline: '2026-03-05T10:00:00.000Z',
    state: 'running',
    startedAt: '2026-03-04T10:00:00.000Z',
    startedBy: 'Secretariat',
    ...patch,
  };
}

const snapshot: NegotiationSnapshot = {
  statuses: [
    { clauseId: 'c1', status: 'negotiating' },
    { clauseId: 'c2', status: 'negotiating' },
  ],
  positions: [position('c1', 'FR'), position('c2', 'DE', { position: 'oppose' })],
  consensus: [consensus('c1', { missing: ['DE'] }), consensus('c2', { state: 'blocked', objecting: ['DE'] })],
  silence: [],
};

describe('negotiation state', () => {
  it('indexes the snapshot by clause and delegation', () => {
    const data = fromSnapshot(snapshot);
    expect(data.positions.get('c1')?.get('FR')?.position).toBe('support');
    expect(data.positions.get('c3') ?? NO_POSITIONS).toBe(NO_POSITIONS);
    expect(data.statuses.get('c2')?.status).toBe('negotiating');
    expect(data.consensus.get('c2')?.state).toBe('blocked');
  });

  it('replaces only the positions of the clause an event is about', () => {
    const data = fromSnapshot(snapshot);
    const event: NegotiationEvent = { type: 'position:updated', payload: { draftId: DRAFT, position: position('c1', 'DE', { position: 'ad_ref' }) } };
    const next = applyEvent(data, event);
    expect(next.positions.get('c1')?.get('DE')?.position).toBe('ad_ref');
    expect(next.positions.get('c1')?.get('FR')?.position).toBe('support');
    // Untouched clauses keep their identity, so their memoised rows do not re-render.
    expect(next.positions.get('c2')).toBe(data.positions.get('c2'));
    expect(next.consensus).toBe(data.consensus);
    expect(data.positions.get('c1')?.has('DE')).toBe(false);
  });

  it('merges statuses by clause, consensus by clause and silence procedures by id', () => {
    let data = fromSnapshot(snapshot);
    data = applyEvent(data, { type: 'clause:status', payload: { draftId: DRAFT, clause: { clauseId: 'c1', status: 'silence' } } });
    data = applyEvent(data, { type: 'consensus:updated', payload: { draftId: DRAFT, consensus: [consensus('c1', { state: 'consensus', textHash: 'h2' })] } });
    data = applyEvent(data, { type: 'silence:updated', payload: { draftId: DRAFT, procedure: silence('s1') } });
    data = applyEvent(data, {
      type: 'silence:updated',
      payload: { draftId: DRAFT, procedure: silence('s2', { startedAt: '2026-03-04T11:00:00.000Z', deadline: '2026-03-04T12:00:00.000Z' }) },
    });
    data = applyEvent(data, { type: 'silence:updated', payload: { draftId: DRAFT, procedure: silence('s1', { state: 'broken', brokenBy: 'PL' }) } });
    expect(data.statuses.get('c1')?.status).toBe('silence');
    expect(data.statuses.get('c2')?.status).toBe('negotiating');
    expect(data.consensus.get('c1')?.state).toBe('consensus');
    expect(data.consensus.get('c2')?.state).toBe('blocked');
    expect(data.silence.map((p) => `${p.id}:${p.state}`)).toEqual(['s2:running', 's1:broken']);
    expect(runningSilences(data.silence).map((p) => p.id)).toEqual(['s2']);
  });

  it('sees a position as given on earlier text when the clause text hash moved on', () => {
    const p = position('c1', 'FR', { textHash: 'h1', stale: false });
    expect(isStalePosition(p, consensus('c1', { textHash: 'h1' }))).toBe(false);
    expect(isStalePosition(p, consensus('c1', { textHash: 'h2' }))).toBe(true);
    expect(isStalePosition({ ...p, stale: true }, undefined)).toBe(true);
  });

  it('finds what is pending on a delegation: silence, earlier text, ad ref or a non-substantive reservation', () => {
    const c = consensus('c1', {
      missing: ['AU', 'NZ'],
      stale: ['NZ'],
      adRef: ['TR'],
      reservations: [
        { delegation: 'IT', reservation: 'scrutiny' },
        { delegation: 'DE', reservation: 'substantive' },
      ],
      objecting: ['DE'],
    });
    expect(['AU', 'NZ', 'TR', 'IT'].every((d) => isPendingOn(c, d))).toBe(true);
    expect(isPendingOn(c, 'DE')).toBe(false);
    expect(isPendingOn(c, 'FR')).toBe(false);
    expect(isPendingOn(undefined, 'FR')).toBe(false);
  });
});

describe('silenceMandators', () => {
  const mandate = (patch: Partial<MandateDto>): MandateDto => ({
    id: 'm',
    draftId: DRAFT,
    from: 'HU',
    to: 'PL',
    clauseIds: null,
    until: null,
    breakSilence: true,
    byLetter: false,
    createdAt: '2026-03-04T10:00:00Z',
    createdBy: 'A',
    state: 'active',
    ...patch,
  });
  const now = new Date('2026-03-05T10:00:00Z');

  it('offers breaking silence for a delegation only under a mandate in force that allows it and covers every clause', () => {
    expect(silenceMandators([mandate({})], 'PL', ['c1', 'c2'], now)).toEqual(['HU']);
    expect(silenceMandators([mandate({ breakSilence: false })], 'PL', ['c1'], now)).toEqual([]);
    expect(silenceMandators([mandate({ clauseIds: ['c1'] })], 'PL', ['c1', 'c2'], now)).toEqual([]);
    expect(silenceMandators([mandate({ clauseIds: ['c1', 'c2'] })], 'PL', ['c1', 'c2'], now)).toEqual(['HU']);
    expect(silenceMandators([mandate({ revokedAt: '2026-03-04T12:00:00Z', state: 'revoked' })], 'PL', ['c1'], now)).toEqual([]);
    expect(silenceMandators([mandate({ until: '2026-03-05T09:00:00Z' })], 'PL', ['c1'], now)).toEqual([]);
    expect(silenceMandators([mandate({})], 'DE', ['c1'], now)).toEqual([]);
    expect(silenceMandators([mandate({})], null, ['c1'], now)).toEqual([]);
    // One mandate that allows it is enough, next to one that does not.
    expect(silenceMandators([mandate({ breakSilence: false }), mandate({ id: 'n' })], 'PL', ['c1'], now)).toEqual(['HU']);
  });
});

import { describe, expect, it } from 'vitest';
import { POSITIONS, RESERVATIONS, type Position, type Reservation } from '../domain/vocabulary';
import { computeConsensus, type ConsensusState, type StatedPosition } from './compute-consensus';

const participants = ['DE', 'FR', 'PL'];

function withPositions(entries: Record<string, StatedPosition>, openBrackets = 0) {
  return computeConsensus({ participants, positions: new Map(Object.entries(entries)), openBrackets });
}

const fresh = (position: Position, reservation?: Reservation): StatedPosition => ({ position, reservation, stale: false });

/** What a single delegation's position does to an otherwise agreed clause. */
const EFFECT: Record<Position, ConsensusState> = {
  support: 'consensus',
  can_live_with: 'consensus',
  interpretative_statement: 'consensus',
  abstain: 'consensus',
  ad_ref: 'pending',
  reservation: 'pending', // scrutiny by default; see the reservation kinds below
  oppose: 'blocked',
  none: 'pending',
};

const RESERVATION_EFFECT: Record<Reservation, ConsensusState> = {
  scrutiny: 'pending',
  parliamentary: 'pending',
  linguistic: 'pending',
  substantive: 'blocked',
};

describe('computeConsensus', () => {
  it('reaches consensus when everyone supports and no bracket is open', () => {
    expect(withPositions({ DE: fresh('support'), FR: fresh('support'), PL: fresh('support') })).toEqual({
      state: 'consensus',
      objecting: [],
      missing: [],
      stale: [],
      adRef: [],
      reservations: [],
      openBrackets: 0,
      brackets: { typed: 0, recorded: 0, alternatives: 0 },
    });
  });

  describe.each(POSITIONS.map((p) => [p]))('one delegation saying %s, the others supporting', (position) => {
    it(`is ${EFFECT[position]}`, () => {
      const result = withPositions({ DE: fresh('support'), FR: fresh(position), PL: fresh('support') });
      expect(result.state).toBe(EFFECT[position]);
      if (EFFECT[position] === 'blocked') expect(result.objecting).toEqual(['FR']);
      if (position === 'none') expect(result.missing).toEqual(['FR']);
      if (position === 'ad_ref') expect(result.adRef).toEqual(['FR']);
    });
  });

  describe.each(RESERVATIONS.map((r) => [r]))('a %s reservation', (reservation) => {
    it(`is ${RESERVATION_EFFECT[reservation]} and listed`, () => {
      const result = withPositions({ DE: fresh('support'), FR: fresh('reservation', reservation), PL: fresh('support') });
      expect(result.state).toBe(RESERVATION_EFFECT[reservation]);
      expect(result.reservations).toEqual([{ delegation: 'FR', reservation }]);
      expect(result.objecting).toEqual(reservation === 'substantive' ? ['FR'] : []);
    });
  });

  it('lists every delegation that has said nothing', () => {
    const result = withPositions({ FR: fresh('support') });
    expect(result).toMatchObject({ state: 'pending', missing: ['DE', 'PL'] });
  });

  it('ignores positions of delegations that do not participate (observers)', () => {
    const result = withPositions({ DE: fresh('support'), FR: fresh('support'), PL: fresh('support'), US: fresh('oppose') });
    expect(result.state).toBe('consensus');
  });

  it('keeps a clause with open brackets pending even with full support', () => {
    const result = withPositions({ DE: fresh('support'), FR: fresh('support'), PL: fresh('support') }, 2);
    expect(result).toMatchObject({ state: 'pending', openBrackets: 2, missing: [] });
  });

  it('blocks rather than pends when an objection and missing positions coexist, listing both', () => {
    const result = withPositions({ DE: fresh('oppose') }, 1);
    expect(result).toMatchObject({ state: 'blocked', objecting: ['DE'], missing: ['FR', 'PL'], openBrackets: 1 });
  });

  it('asks for support given on earlier text to be confirmed', () => {
    const result = withPositions({ DE: fresh('support'), FR: { position: 'support', stale: true }, PL: fresh('support') });
    expect(result).toMatchObject({ state: 'pending', missing: ['FR'], stale: ['FR'] });
  });

  it('keeps an objection given on earlier text standing until it is withdrawn', () => {
    const result = withPositions({ DE: fresh('support'), FR: { position: 'oppose', stale: true }, PL: fresh('support') });
    expect(result).toMatchObject({ state: 'blocked', objecting: ['FR'] });
  });

  it('keeps a stale substantive reservation blocking', () => {
    const result = withPositions({ DE: fresh('support'), FR: { position: 'reservation', reservation: 'substantive', stale: true }, PL: fresh('support') });
    expect(result.state).toBe('blocked');
  });

  it('treats a stale abstention as not yet confirmed', () => {
    const result = withPositions({ DE: fresh('support'), FR: { position: 'abstain', stale: true }, PL: fresh('support') });
    expect(result).toMatchObject({ state: 'pending', stale: ['FR'] });
  });

  it('has consensus with no participants only when no bracket is open (degenerate draft)', () => {
    expect(computeConsensus({ participants: [], positions: new Map(), openBrackets: 0 }).state).toBe('consensus');
    expect(computeConsensus({ participants: [], positions: new Map(), openBrackets: 1 }).state).toBe('pending');
  });

  it('lists delegations in a stable order', () => {
    const result = computeConsensus({
      participants: ['PL', 'DE', 'FR'],
      positions: new Map([
        ['PL', fresh('oppose')],
        ['DE', fresh('oppose')],
      ]),
      openBrackets: 0,
    });
    expect(result.objecting).toEqual(['DE', 'PL']);
    expect(result.missing).toEqual(['FR']);
  });

  it('is pending with recorded brackets or open alternatives even when every delegation supports', () => {
    const all = new Map(participants.map((d) => [d, fresh('support')]));
    expect(computeConsensus({ participants, positions: all, openBrackets: 0, recordedBrackets: 1 })).toMatchObject({
      state: 'pending',
      openBrackets: 1,
      brackets: { typed: 0, recorded: 1, alternatives: 0 },
    });
    expect(computeConsensus({ participants, positions: all, openBrackets: 1, recordedBrackets: 1, openAlternatives: 2 })).toMatchObject({
      state: 'pending',
      openBrackets: 4,
      brackets: { typed: 1, recorded: 1, alternatives: 2 },
    });
    expect(computeConsensus({ participants, positions: all, openBrackets: 0, recordedBrackets: 0, openAlternatives: 0 }).state).toBe('consensus');
  });

  it('still reports an objection as blocked when brackets are open too', () => {
    const result = computeConsensus({ participants, positions: new Map([['DE', fresh('oppose')]]), openBrackets: 0, openAlternatives: 1 });
    expect(result).toMatchObject({ state: 'blocked', openBrackets: 1 });
  });
});

/**
 * Consensus on one clause, by the rule NATO and the OSCE use: the absence of any
 * objection. A clause has consensus when no participating delegation opposes it or
 * holds a substantive reservation, no bracket or alternative is open, and every
 * participating delegation has stated a position (on the current text) that does not
 * leave the matter pending. Otherwise it is `blocked` (someone objects) or `pending`
 * (with exactly what is missing).
 */
import type { DelegationCode, Position, Reservation } from '../domain/vocabulary';

export type ConsensusState = 'consensus' | 'pending' | 'blocked';

export interface StatedPosition {
  position: Position;
  reservation?: Reservation | null;
  /** Given on an earlier version of the clause text and not confirmed since. */
  stale: boolean;
}

export interface ConsensusInput {
  /** Delegations whose consent is needed (observers are not listed). */
  participants: readonly DelegationCode[];
  positions: ReadonlyMap<DelegationCode, StatedPosition>;
  /** Brackets and `ALT n` markers typed in the text (`countBrackets(text).open`). */
  openBrackets: number;
  /** Open brackets recorded on the text and not already inside typed ones (see count-open-disputes.ts). */
  recordedBrackets?: number;
  /** Open alternative wordings proposed for the clause or a span of it. */
  openAlternatives?: number;
}

/** What the open brackets of a clause are made of. */
export interface BracketBreakdown {
  typed: number;
  recorded: number;
  alternatives: number;
}

export interface ConsensusResult {
  state: ConsensusState;
  /** Delegations that oppose or hold a substantive reservation. */
  objecting: DelegationCode[];
  /** Delegations that have not stated a position, or whose position was given on earlier text. */
  missing: DelegationCode[];
  /** Of `missing`, those whose position was given on earlier text. */
  stale: DelegationCode[];
  /** Delegations that agree ad referendum (pending their capital). */
  adRef: DelegationCode[];
  /** Every reservation held, substantive ones included. */
  reservations: Array<{ delegation: DelegationCode; reservation: Reservation }>;
  /** Every open dispute: typed brackets and ALT markers, recorded brackets, open alternatives. */
  openBrackets: number;
  brackets: BracketBreakdown;
}

/** Reservations that leave the matter pending rather than blocking it. */
const PENDING_RESERVATIONS: ReadonlySet<Reservation> = new Set(['scrutiny', 'parliamentary', 'linguistic']);

export function computeConsensus(input: ConsensusInput): ConsensusResult {
  const objecting: DelegationCode[] = [];
  const missing: DelegationCode[] = [];
  const stale: DelegationCode[] = [];
  const adRef: DelegationCode[] = [];
  const reservations: ConsensusResult['reservations'] = [];
  let pendingReservation = false;

  for (const delegation of [...input.participants].sort()) {
    const stated = input.positions.get(delegation);
    if (!stated || stated.position === 'none') {
      missing.push(delegation);
      continue;
    }
    const { position } = stated;
    // An objection stands until it is withdrawn, even on text that changed since.
    if (position === 'oppose') {
      objecting.push(delegation);
      continue;
    }
    if (position === 'reservation') {
      const kind: Reservation = stated.reservation ?? 'scrutiny';
      reservations.push({ delegation, reservation: kind });
      if (kind === 'substantive') {
        objecting.push(delegation);
        continue;
      }
      if (PENDING_RESERVATIONS.has(kind)) pendingReservation = true;
    }
    // Any other position given on earlier text must be confirmed on the current one.
    if (stated.stale) {
      missing.push(delegation);
      stale.push(delegation);
      continue;
    }
    if (position === 'ad_ref') adRef.push(delegation);
  }

  const brackets: BracketBreakdown = {
    typed: input.openBrackets,
    recorded: input.recordedBrackets ?? 0,
    alternatives: input.openAlternatives ?? 0,
  };
  const openBrackets = brackets.typed + brackets.recorded + brackets.alternatives;

  let state: ConsensusState;
  if (objecting.length > 0) state = 'blocked';
  else if (missing.length > 0 || adRef.length > 0 || pendingReservation || openBrackets > 0) state = 'pending';
  else state = 'consensus';

  return { state, objecting, missing, stale, adRef, reservations, openBrackets, brackets };
}

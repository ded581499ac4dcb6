/**
 * Who may state positions, set clause statuses and run silence procedures: the one place
 * these rules are decided. The server enforces them (server/negotiation); the UI may ask
 * them only to decide what to show.
 */
import type { Identity } from '../domain/identity';
import type { DelegationCode, Participation } from '../domain/vocabulary';
import type { DraftAccess } from './draft-access';

export type NegotiationRefusal = { code: 'forbidden' | 'not_found'; message: string };

/**
 * Whether the person may state `delegation`'s position on a draft in which that delegation
 * takes part as `participation` (undefined: it does not take part). Only a delegate with
 * write access, for its own participating delegation; never the secretariat or observers.
 */
export function positionRefusal(
  identity: Identity,
  access: DraftAccess,
  delegation: DelegationCode,
  participation: Participation | undefined,
): NegotiationRefusal | null {
  if (!participation) return { code: 'not_found', message: `Delegation ${delegation} does not take part in this draft.` };
  if (identity.role === 'secretariat') {
    return { code: 'forbidden', message: 'The secretariat records no positions: only a delegation states its own position.' };
  }
  if (identity.role !== 'delegate' || access !== 'write') return { code: 'forbidden', message: 'Observers cannot state positions.' };
  if (identity.delegation !== delegation) {
    return {
      code: 'forbidden',
      message: `You can only state the position of your own delegation (${identity.delegation}), not ${delegation}.`,
    };
  }
  if (participation !== 'participant') {
    return { code: 'forbidden', message: `${delegation} follows this draft as an observer and states no positions.` };
  }
  return null;
}

/** Only the secretariat sets the status of a clause. */
export function clauseStatusRefusal(identity: Identity): NegotiationRefusal | null {
  return identity.role === 'secretariat' ? null : { code: 'forbidden', message: 'Only the secretariat sets the status of a clause.' };
}

/** Only the secretariat starts a silence procedure. */
export function startSilenceRefusal(identity: Identity): NegotiationRefusal | null {
  return identity.role === 'secretariat' ? null : { code: 'forbidden', message: 'Only the secretariat starts a silence procedure.' };
}

/**
 * Silence is broken by a participating delegation (a delegate with write access), never by
 * the secretariat (which cancels instead) or observers.
 */
export function breakSilenceRefusal(identity: Identity, access: DraftAccess): NegotiationRefusal | null {
  if (identity.role === 'secretariat') {
    return { code: 'forbidden', message: 'The secretariat does not break silence; it can cancel the procedure instead.' };
  }
  if (identity.role !== 'delegate' || access !== 'write' || !identity.delegation) {
    return { code: 'forbidden', message: 'Only a participating delegation can break silence.' };
  }
  return null;
}

/** Only the secretariat cancels a silence procedure. */
export function cancelSilenceRefusal(identity: Identity): NegotiationRefusal | null {
  return identity.role === 'secretariat' ? null : { code: 'forbidden', message: 'Only the secretariat cancels a silence procedure.' };
}

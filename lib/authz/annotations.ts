/**
 * Who may bracket wording and work with alternative wordings: the one place these rules
 * are decided (the server enforces them; the UI asks them only to decide what to show).
 */
import type { Identity } from '../domain/identity';
import type { ClauseStatus, DelegationCode } from '../domain/vocabulary';
import type { DraftAccess } from './draft-access';
import { OPEN_CLAUSE_STATUSES } from './draft-access';

export type Refusal = { code: 'forbidden' | 'conflict'; message: string };

/**
 * Whether the person may add or remove brackets, or propose, back or withdraw alternatives
 * on a clause in this status; a refusal in words otherwise. Observers never; delegates on
 * open clauses (drafting, negotiating); the secretariat also on locked clauses (agreed,
 * ad ref, under silence). Nobody on a withdrawn clause.
 */
export function annotationRefusal(identity: Identity, access: DraftAccess, status: ClauseStatus): Refusal | null {
  if (access !== 'write') {
    return { code: 'forbidden', message: 'Observers follow the text but cannot bracket wording or propose alternatives.' };
  }
  if (status === 'withdrawn') return { code: 'conflict', message: 'This clause has been withdrawn.' };
  if (identity.role === 'secretariat') return null;
  if (!OPEN_CLAUSE_STATUSES.has(status)) {
    return {
      code: 'forbidden',
      message:
        status === 'silence'
          ? 'This clause is under a silence procedure: only the secretariat can bracket it or change its alternatives.'
          : 'This clause is agreed and locked: only the secretariat can bracket it or change its alternatives.',
    };
  }
  return null;
}

/** A bracket is removed by the secretariat or by a delegate of the delegation that proposed it. */
export function canRemoveBracket(identity: Identity, proposedBy: DelegationCode | null): boolean {
  if (identity.role === 'secretariat') return true;
  return identity.role === 'delegate' && proposedBy !== null && identity.delegation === proposedBy;
}

/** An open alternative is withdrawn by its proposer: a delegate of the proposing delegation, or the secretariat for its own. */
export function canWithdrawAlternative(identity: Identity, proposedBy: DelegationCode | null): boolean {
  if (proposedBy === null) return identity.role === 'secretariat';
  return identity.role === 'delegate' && identity.delegation === proposedBy;
}

/** Only a delegation backs an alternative (the secretariat chairs, it takes no side). */
export function canBackAlternatives(identity: Identity, access: DraftAccess): boolean {
  return access === 'write' && identity.role === 'delegate' && identity.delegation !== null;
}

/**
 * Whether the person may adopt an alternative wording on a clause in this status: only the
 * secretariat adopts (it chairs, and the adoption changes the text for everyone), on any
 * clause but a withdrawn one.
 */
export function adoptionRefusal(identity: Identity, status: ClauseStatus): Refusal | null {
  if (identity.role !== 'secretariat') return { code: 'forbidden', message: 'Only the secretariat adopts an alternative wording.' };
  if (status === 'withdrawn') return { code: 'conflict', message: 'This clause has been withdrawn.' };
  return null;
}

/**
 * Who may read and write a draft: the single place these rules are decided. The
 * server loads the draft's membership and calls these; the UI calls them only to
 * decide what to show, never to enforce.
 */
import type { Identity } from '../domain/identity';
import type { ClauseStatus, DelegationCode, Participation } from '../domain/vocabulary';

export interface DraftMembership {
  /** Delegations taking part in the draft, and how. */
  delegations: ReadonlyMap<DelegationCode, Participation>;
  /** Individual users invited to read the draft (e.g. an unaffiliated observer). */
  invitedUserIds: ReadonlySet<string>;
}

export type DraftAccess = 'none' | 'read' | 'write';

/** The access an identity has to a draft. */
export function draftAccess(identity: Identity, membership: DraftMembership): DraftAccess {
  if (identity.role === 'secretariat') return 'write';
  const participation = identity.delegation ? membership.delegations.get(identity.delegation) : undefined;
  const invited = membership.invitedUserIds.has(identity.userId);
  if (!participation && !invited) return 'none';
  if (identity.role === 'delegate' && participation === 'participant') return 'write';
  return 'read';
}

export function canReadDraft(identity: Identity, membership: DraftMembership): boolean {
  return draftAccess(identity, membership) !== 'none';
}

/** Statuses in which delegates may still change a clause's text. */
export const OPEN_CLAUSE_STATUSES: ReadonlySet<ClauseStatus> = new Set(['drafting', 'negotiating']);

/**
 * Whether an identity with the given draft access may change the text of a clause in
 * the given status. The secretariat may edit any clause (to correct agreed text it
 * must still go through a revision); delegates only open ones; observers never.
 */
export function canEditClauseText(identity: Identity, access: DraftAccess, status: ClauseStatus): boolean {
  if (access !== 'write') return false;
  if (identity.role === 'secretariat') return status !== 'withdrawn';
  return OPEN_CLAUSE_STATUSES.has(status);
}

/** Why a clause is read-only for this person, in words for the editor's notice; null when editable. */
export function readOnlyReason(identity: Identity, access: DraftAccess, status: ClauseStatus): string | null {
  if (canEditClauseText(identity, access, status)) return null;
  if (access !== 'write') {
    return identity.role === 'observer'
      ? 'You are following this draft as an observer: you see every edit live but cannot change the text.'
      : 'Your delegation follows this draft without editing rights.';
  }
  switch (status) {
    case 'agreed':
      return 'This clause is agreed and locked. Only the secretariat can reopen it.';
    case 'agreed_ad_ref':
      return 'This clause is agreed ad referendum and locked pending capitals.';
    case 'silence':
      return 'This clause is under a silence procedure; its text is frozen until the deadline.';
    case 'withdrawn':
      return 'This clause has been withdrawn.';
    default:
      return 'This clause cannot be edited now.';
  }
}

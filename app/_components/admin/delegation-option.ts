import type { DelegationCode, Role } from '@/lib/domain/vocabulary';

/** A delegation the secretariat can assign people to; `name` is null when no draft names it. */
export interface DelegationOption {
  code: DelegationCode;
  name: string | null;
}

/** "FR · France", or the code alone. */
export function delegationText(option: DelegationOption | undefined, code: DelegationCode): string {
  return option?.name ? `${code} · ${option.name}` : code;
}

/** What each role may do, in a line, under the role select. */
export const ROLE_HINTS: Record<Role, string> = {
  delegate: 'Edits open clauses and states the positions of one delegation.',
  observer: 'Reads the drafts it is invited to and follows them live; writes nothing.',
  secretariat: 'Chairs the consultation: statuses, silence procedures, revisions, people. Belongs to no delegation.',
};

/**
 * Client-side check of the server's rule (server/users/user-admin.ts), so that the
 * person hears it before sending: a delegate needs a delegation, the secretariat has none.
 */
export function roleDelegationProblem(role: Role, delegation: DelegationCode | null): string | null {
  if (role === 'delegate' && !delegation) return 'Choose the delegation this delegate speaks for.';
  if (role === 'secretariat' && delegation) return 'Secretariat staff belong to no delegation.';
  return null;
}

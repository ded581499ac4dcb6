/**
 * Who sees a comment. A thread is either public (`everyone` who may read the draft) or
 * an internal note (`delegation`): it belongs to the *team* of its author (the author's
 * delegation, or the secretariat as a whole) and nobody outside that team ever receives
 * it, the secretariat included when the note is a delegation's.
 */
import { z } from 'zod';
import type { Identity } from '../domain/identity';

export const COMMENT_VISIBILITIES = ['everyone', 'delegation'] as const;
export const commentVisibilitySchema = z.enum(COMMENT_VISIBILITIES);
export type CommentVisibility = z.infer<typeof commentVisibilitySchema>;

/** The team key of the secretariat (delegation codes are capital letters only, so this cannot clash). */
export const SECRETARIAT_TEAM = '#secretariat';

/**
 * The team an identity belongs to for internal notes: its delegation (whatever its role,
 * so a read-only member of a delegation reads its delegation's notes), the secretariat,
 * or none (an individual observer).
 */
export function commentTeam(identity: Pick<Identity, 'role' | 'delegation'>): string | null {
  if (identity.role === 'secretariat') return SECRETARIAT_TEAM;
  return identity.delegation ?? null;
}

/** Whether an identity may see a comment thread (given that it may read the draft). */
export function canSeeComment(identity: Pick<Identity, 'role' | 'delegation'>, thread: { visibility: CommentVisibility; team: string }): boolean {
  if (thread.visibility === 'everyone') return true;
  const team = commentTeam(identity);
  return team !== null && team === thread.team;
}

/** How a team is named to people: `FR`, or `Secretariat`. */
export function teamLabel(team: string): string {
  return team === SECRETARIAT_TEAM ? 'Secretariat' : team;
}

export const MAX_COMMENT_CHARS = 10_000;
export const MAX_QUOTE_CHARS = 2_000;

/**
 * Whether someone with the given draft access may resolve or reopen a thread: the
 * secretariat any thread it sees, a delegate only its own delegation's threads.
 */
export function canResolveThread(identity: Pick<Identity, 'role' | 'delegation'>, access: 'none' | 'read' | 'write', thread: { team: string }): boolean {
  if (access !== 'write') return false;
  if (identity.role === 'secretariat') return true;
  return identity.role === 'delegate' && commentTeam(identity) === thread.team;
}

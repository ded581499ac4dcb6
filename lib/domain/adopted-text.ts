/**
 * When a draft's final text can be circulated as adopted: the draft was closed (adopted
 * as a whole by the secretariat), or every clause that is not withdrawn is agreed.
 */
import type { ClauseStatus } from './vocabulary';

export interface AdoptionInput {
  /** The draft was closed (its text adopted as a whole by the secretariat). */
  closed?: boolean;
  clauses: ReadonlyArray<{ number: number | null; status: ClauseStatus }>;
}

export function isAdopted(input: AdoptionInput): boolean {
  if (input.closed) return true;
  const live = input.clauses.filter((c) => c.status !== 'withdrawn');
  return live.length > 0 && live.every((c) => c.status === 'agreed');
}

/** Why the adopted text is not available yet, for a 409 or a disabled button; null when it is. */
export function notAdoptedReason(input: AdoptionInput): string | null {
  if (isAdopted(input)) return null;
  const open = input.clauses.filter((c) => c.status !== 'withdrawn' && c.status !== 'agreed').map((c) => c.number);
  if (open.length === 0) return 'The draft has no clause to adopt.';
  const list = open.length > 8 ? `${open.slice(0, 8).join(', ')} and ${open.length - 8} more` : open.join(', ');
  return `The adopted text is available once every clause is agreed or the draft is closed as adopted; not agreed yet: clause${open.length === 1 ? '' : 's'} ${list}.`;
}

/**
 * A change of a draft's clause structure in words, the same in the timeline, the
 * comparison and the room's notice. `details` is what the server recorded per kind
 * (see StructureChangeDto in lib/realtime/events.ts).
 */
import type { StructureChangeKind } from '../realtime/events';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const quoted = (v: unknown, fallback = 'a clause') => (str(v) ? `“${str(v)}”` : fallback);

const ids = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

/**
 * How many clauses a reordering moved: the fewest that, taken out and put back, turn the
 * old order into the new one (all but the longest run kept in order). Moving one clause
 * from 5th to 1st shifts four others, but it is one move. Falls back to the number of
 * clauses whose place changed when the orders were not recorded.
 */
export function clausesMoved(details: Record<string, unknown>): number {
  const from = ids(details.from);
  const to = ids(details.to);
  if (!from || !to || from.length !== to.length) return ids(details.clauseIds)?.length ?? 0;
  const place = new Map(from.map((id, i) => [id, i]));
  const ranks = to.map((id) => place.get(id) ?? -1);
  // Longest increasing subsequence (patience sorting).
  const tails: number[] = [];
  for (const r of ranks) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = r;
  }
  return to.length - tails.length;
}

/** A one-line description, e.g. `“Scope” split: from paragraph 3 on it is “Scope (continued)”`. */
export function structureChangeWords(kind: StructureChangeKind, details: Record<string, unknown>): string {
  switch (kind) {
    case 'added':
      return `Clause ${quoted(details.title)} added${num(details.position) === 1 ? ' at the start' : ''}`;
    case 'renamed':
      return `Clause ${quoted(details.from)} renamed ${quoted(details.to)}`;
    case 'moved': {
      const moved = clausesMoved(details);
      return moved > 0 ? `Clauses reordered (${moved} moved)` : 'Clauses reordered';
    }
    case 'split': {
      const p = num(details.paragraph);
      return `Clause ${quoted(details.title)} split${p === null ? '' : ` after paragraph ${p}`}: the rest is now ${quoted(details.secondTitle, 'a new clause')}`;
    }
    case 'merged': {
      const n = num(details.mergedNumber);
      return `Clause ${n === null ? '' : `${n} `}${quoted(details.mergedTitle)} merged into ${quoted(details.title)}`;
    }
    case 'withdrawn':
      return `Clause ${quoted(details.title)} withdrawn`;
    case 'reinstated':
      return `Clause ${quoted(details.title)} reinstated`;
  }
}

/**
 * A change of a draft's clause structure in words, the same in the timeline, the
 * comparison and the room's notice. `details` is what the server recorded per kind
 * (see StructureChangeDto in lib/realtime/events.ts).
 */
import type { StructureChangeKind } from '../realtime/events';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const quoted = (v: unknown, fallback = 'a clause') => (str(v) ? `“${str(v)}”` : fallback);

/** A one-line description, e.g. `“Scope” split: from paragraph 3 on it is “Scope (continued)”`. */
export function structureChangeWords(kind: StructureChangeKind, details: Record<string, unknown>): string {
  switch (kind) {
    case 'added':
      return `Clause ${quoted(details.title)} added${num(details.position) === 1 ? ' at the start' : ''}`;
    case 'renamed':
      return `Clause ${quoted(details.from)} renamed ${quoted(details.to)}`;
    case 'moved': {
      const moved = Array.isArray(details.clauseIds) ? details.clauseIds.length : 0;
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

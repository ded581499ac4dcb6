/**
 * Moving one clause in the room's outline (drag and drop, Alt+Arrow): the new order of
 * clause ids the server is sent (`PUT /api/drafts/:id/clause-order`). Pure.
 */

/** The list of ids with one clause moved to `index` (clamped to the list); the same order when nothing moves. */
export function movedOrder(clauses: ReadonlyArray<{ id: string }>, clauseId: string, index: number): string[] {
  const ids = clauses.map((c) => c.id);
  const from = ids.indexOf(clauseId);
  const to = Math.max(0, Math.min(ids.length - 1, index));
  if (from < 0 || from === to) return ids;
  ids.splice(from, 1);
  ids.splice(to, 0, clauseId);
  return ids;
}

/**
 * Where a clause dragged from position `from` lands when dropped on the item at `target`,
 * in its upper half (`before`) or lower half: its index in the list after the move
 * (taking it out shifts the items below it up by one). Dropped on itself, it stays.
 */
export function dropIndex(from: number, target: number, side: 'before' | 'after'): number {
  if (target === from) return from;
  if (side === 'before') return target > from ? target - 1 : target;
  return target > from ? target : target + 1;
}

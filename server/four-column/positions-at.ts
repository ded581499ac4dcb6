/**
 * The delegations' positions on each clause at a point of the history: the current rows
 * for `now`, otherwise the newest change of position at or before the point's time
 * (position history is never overwritten). No authorisation: the caller checks access.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { positionHistory, positions } from '../db/schema';

export interface PositionAt {
  clauseId: string;
  delegation: string;
  position: string;
  reservation: string | null;
  note: string | null;
  /** Hash of the clause text it was given on (hashClauseText). */
  textHash: string;
}

export async function positionsAt(db: Database, draftId: string, at: Date | null): Promise<PositionAt[]> {
  if (at === null) {
    const rows = await db
      .select({
        clauseId: positions.clauseId,
        delegation: positions.delegationCode,
        position: positions.position,
        reservation: positions.reservation,
        note: positions.note,
        textHash: positions.textHash,
      })
      .from(positions)
      .where(eq(positions.draftId, draftId));
    return rows;
  }
  const rows = await db
    .select({
      clauseId: positionHistory.clauseId,
      delegation: positionHistory.delegationCode,
      position: positionHistory.toPosition,
      reservation: positionHistory.toReservation,
      note: positionHistory.note,
      textHash: positionHistory.textHash,
    })
    .from(positionHistory)
    .where(and(eq(positionHistory.draftId, draftId), lte(positionHistory.at, at)))
    .orderBy(asc(positionHistory.id));
  const latest = new Map<string, PositionAt>();
  for (const r of rows) latest.set(`${r.clauseId}|${r.delegation}`, r);
  return [...latest.values()].filter((p) => p.position !== 'none');
}

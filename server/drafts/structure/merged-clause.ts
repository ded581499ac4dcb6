/**
 * A clause of a draft as every service reads it before acting on it: 404 for a malformed
 * id or another draft's clause, 409 for a clause merged into another one.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { AppError } from '@/lib/errors/app-error';
import type { Database } from '../../db/client';
import { clauses } from '../../db/schema';

export const MERGED_MESSAGE = 'This clause was merged into the clause before it; it no longer takes changes. Work on the merged clause.';

/** Throws 409 when the clause row was merged away (`mergedInto` set). */
export function refuseMergedClause(row: { mergedInto: string | null }): void {
  if (row.mergedInto) throw new AppError('conflict', { message: MERGED_MESSAGE });
}

export type ClauseRow = typeof clauses.$inferSelect;

/** The clause of this draft that still takes changes (404 when unknown here, 409 when merged away). */
export async function liveClauseOf(db: Pick<Database, 'select'>, draftId: string, clauseId: string): Promise<ClauseRow> {
  if (!isUuid(clauseId)) throw new AppError('not_found', { message: 'No such clause in this draft.' });
  const [row] = await db
    .select()
    .from(clauses)
    .where(and(eq(clauses.id, clauseId), eq(clauses.draftId, draftId)))
    .limit(1);
  if (!row) throw new AppError('not_found', { message: 'No such clause in this draft.' });
  refuseMergedClause(row);
  return row;
}

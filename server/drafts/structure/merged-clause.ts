/** The refusal every write path gives for a clause that was merged into another one. */
import { AppError } from '@/lib/errors/app-error';

export const MERGED_MESSAGE = 'This clause was merged into the clause before it; it no longer takes changes. Work on the merged clause.';

/** Throws 409 when the clause row was merged away (`mergedInto` set). */
export function refuseMergedClause(row: { mergedInto: string | null }): void {
  if (row.mergedInto) throw new AppError('conflict', { message: MERGED_MESSAGE });
}

/**
 * History and the clause structure: which structure changes lie between two points, and
 * the refusal to restore text to a point before one of them. A structure change records
 * the newest update-log id of its draft just before it (`logId`): a point at that id or
 * earlier is before the change.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { StructureChangeDto, StructureChangeKind } from '@/lib/realtime/events';
import { AppError } from '@/lib/errors/app-error';
import type { Database } from '../db/client';
import { structureChanges } from '../db/schema';

const KIND_WORDS: Record<StructureChangeKind, string> = {
  added: 'a clause was added',
  renamed: 'a clause was renamed',
  moved: 'clauses were moved',
  split: 'a clause was split',
  merged: 'a clause was merged',
  withdrawn: 'a clause was withdrawn',
  reinstated: 'a clause was reinstated',
};

type Row = typeof structureChanges.$inferSelect;

function toDto(row: Row): StructureChangeDto {
  return { kind: row.kind, clauseId: row.clauseId, details: row.details, by: row.byName ?? 'unknown', at: row.at.toISOString() };
}

/** Structure changes after the point `fromLogId` and up to `toLogId` (null: up to now), oldest first. */
export async function structureChangesBetween(db: Database, draftId: string, fromLogId: number, toLogId: number | null): Promise<StructureChangeDto[]> {
  const rows = await db
    .select()
    .from(structureChanges)
    .where(
      and(eq(structureChanges.draftId, draftId), gte(structureChanges.logId, fromLogId), toLogId === null ? undefined : lt(structureChanges.logId, toLogId)),
    )
    .orderBy(asc(structureChanges.id));
  return rows.map(toDto);
}

/**
 * Restoring text to a point before a structure change would put words back into clauses
 * that were split, merged or added since: refused (409) with what changed and when.
 */
export async function refuseRestoreAcrossStructure(db: Database, draftId: string, pointLogId: number, label: string): Promise<void> {
  const [first] = await structureChangesBetween(db, draftId, pointLogId, null);
  if (!first) return;
  throw new AppError('conflict', {
    message: `${label} is before a change of the draft's clauses (${KIND_WORDS[first.kind]} by ${first.by} at ${first.at.slice(0, 16).replace('T', ' ')} UTC). Text cannot be restored across a change of structure; restore a later point, or copy the earlier wording from the comparison.`,
  });
}

/**
 * Writing clause statuses and announcing them (and silence procedures) live: shared by
 * the status and silence use cases, which move one or several clauses at once.
 */
import { and, eq } from 'drizzle-orm';
import type { ClauseStatusDto, SilenceProcedureDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import type { Database } from '../db/client';
import { clauses } from '../db/schema';
import type { ClauseRow, NegotiationContext, SilenceRow } from './context';
import { toSilenceDto, toStatusDto } from './dto';

export function createStatusChanges(ctx: NegotiationContext) {
  /**
   * Set clause statuses inside a transaction and return the updated rows; with
   * `onlyIfStatus`, only clauses still in that status change (the others are left out).
   */
  async function setStatuses(
    tx: Pick<Database, 'update'>,
    draftId: string,
    changes: Array<{ clauseId: string; status: ClauseStatus }>,
    actor: Identity | null,
    note: string | null,
    onlyIfStatus?: ClauseStatus,
  ): Promise<ClauseRow[]> {
    const out: ClauseRow[] = [];
    for (const change of changes) {
      const rows = await tx
        .update(clauses)
        .set({ status: change.status, statusNote: note, statusChangedAt: new Date(), statusChangedBy: actor?.userId ?? null })
        .where(and(eq(clauses.id, change.clauseId), eq(clauses.draftId, draftId), ...(onlyIfStatus ? [eq(clauses.status, onlyIfStatus)] : [])))
        .returning();
      out.push(...rows);
    }
    return out;
  }

  async function publishStatuses(draftId: string, rows: ClauseRow[], names?: Map<string, string>): Promise<ClauseStatusDto[]> {
    const who = names ?? (await ctx.userNames(rows.map((r) => r.statusChangedBy)));
    const dtos = rows.map((r) => toStatusDto(r, who));
    for (const clause of dtos) ctx.publisher.publish(draftId, 'clause:status', { draftId, clause });
    await ctx.onClauseStatusesChanged(draftId);
    return dtos;
  }

  async function publishSilence(row: SilenceRow): Promise<SilenceProcedureDto> {
    const dto = toSilenceDto(row, await ctx.userNames([row.startedBy]));
    ctx.publisher.publish(row.draftId, 'silence:updated', { draftId: row.draftId, procedure: dto });
    return dto;
  }

  return { setStatuses, publishStatuses, publishSilence };
}

export type StatusChanges = ReturnType<typeof createStatusChanges>;

/**
 * Silence deadlines: concluding the procedures whose deadline passed, and the next
 * deadline for the scheduler. At the deadline the clauses are agreed, unless they carry
 * open brackets or alternatives that the secretariat did not override when it started
 * the procedure: then the procedure ends `interrupted`, nothing is agreed, the clauses go
 * back to their status before silence, and the room hears why.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { writeAudit } from '../audit/audit-log';
import { silenceProcedures } from '../db/schema';
import { deliver, silenceNotice } from '../notifications/domain-notices';
import { listDisputes, type ConsensusQueries } from './consensus';
import type { ClauseRow, NegotiationContext, SilenceRow } from './context';
import type { StatusChanges } from './status-changes';

type Outcome =
  | { state: 'completed'; open: Awaited<ReturnType<ConsensusQueries['openDisputes']>> }
  | { state: 'interrupted'; reason: string; open: Awaited<ReturnType<ConsensusQueries['openDisputes']>> };

export function createSilenceCompletion(ctx: NegotiationContext, consensus: ConsensusQueries, changes: StatusChanges) {
  const { db } = ctx;

  /** Re-check the text at the deadline: what the procedure's conclusion will be. */
  async function outcomeOf(procedure: SilenceRow): Promise<Outcome> {
    const open = await consensus.openDisputes(procedure.draftId, procedure.clauseIds);
    if (open.length === 0 || procedure.overrideReason) return { state: 'completed', open };
    return {
      state: 'interrupted',
      open,
      reason: `Not agreed: at the deadline ${listDisputes(open)} still had open brackets or alternatives. Resolve them and start a new silence procedure.`,
    };
  }

  /**
   * Conclude one due procedure. The conditional update (still running, deadline passed)
   * makes it conclude exactly once, even with several instances racing; null when another
   * instance (or an earlier pass) concluded it first.
   */
  async function conclude(procedure: SilenceRow, outcome: Outcome, now: Date): Promise<{ ended: SilenceRow; updated: ClauseRow[] } | null> {
    return db.transaction(async (tx) => {
      const [ended] = await tx
        .update(silenceProcedures)
        .set({ state: outcome.state, endedAt: new Date(), ...(outcome.state === 'interrupted' ? { reason: outcome.reason } : {}) })
        .where(and(eq(silenceProcedures.id, procedure.id), eq(silenceProcedures.state, 'running'), lte(silenceProcedures.deadline, now)))
        .returning();
      if (!ended) return null;
      let updated: ClauseRow[];
      if (outcome.state === 'interrupted') {
        updated = [];
        for (const clauseId of ended.clauseIds) {
          const previous = (ended.previousStatuses[clauseId] ?? 'negotiating') as ClauseStatus;
          updated.push(...(await changes.setStatuses(tx, ended.draftId, [{ clauseId, status: previous }], null, outcome.reason, 'silence')));
        }
      } else {
        const note =
          ended.overrideReason && outcome.open.length > 0
            ? `Agreed under silence procedure, open brackets overridden by the secretariat: ${ended.overrideReason}`
            : 'Agreed under silence procedure: nobody broke silence before the deadline.';
        updated = await changes.setStatuses(
          tx,
          ended.draftId,
          ended.clauseIds.map((clauseId) => ({ clauseId, status: 'agreed' as const })),
          null,
          note,
          'silence',
        );
      }
      await writeAudit(tx, {
        actor: null,
        action: outcome.state === 'interrupted' ? 'silence.interrupted' : 'silence.completed',
        draftId: ended.draftId,
        subject: `silence ${ended.id}`,
        details: {
          silenceId: ended.id,
          clauseIds: ended.clauseIds,
          deadline: ended.deadline.toISOString(),
          ...(outcome.open.length > 0 ? { openBrackets: outcome.open.map((o) => ({ clauseId: o.clauseId, open: o.openBrackets })) } : {}),
          ...(ended.overrideReason ? { override: ended.overrideReason } : {}),
        },
      });
      return { ended, updated };
    });
  }

  /**
   * Conclude every silence procedure whose deadline has passed, also deadlines missed while
   * down: agreed, or interrupted by open brackets (see the file comment). Returns how many
   * this call concluded.
   */
  async function completeDueSilences(now = new Date()): Promise<number> {
    const due = await db
      .select()
      .from(silenceProcedures)
      .where(and(eq(silenceProcedures.state, 'running'), lte(silenceProcedures.deadline, now)));
    let concluded = 0;
    for (const procedure of due) {
      ctx.logger.info({ silenceId: procedure.id, draftId: procedure.draftId }, 'silence deadline reached: concluding the procedure');
      const outcome = await outcomeOf(procedure);
      if (ctx.silenceRaceMs) await new Promise((resolve) => setTimeout(resolve, ctx.silenceRaceMs));
      const result = await conclude(procedure, outcome, now);
      if (!result) {
        ctx.logger.info({ silenceId: procedure.id, draftId: procedure.draftId }, 'silence procedure already concluded elsewhere');
        continue;
      }
      concluded += 1;
      ctx.logger.info(
        { silenceId: procedure.id, draftId: procedure.draftId, state: outcome.state },
        outcome.state === 'completed' ? 'silence procedure completed: clauses agreed' : 'silence procedure interrupted: open brackets at the deadline',
      );
      await changes.publishStatuses(result.ended.draftId, result.updated);
      await changes.publishSilence(result.ended);
      const numbers = await ctx.clauseNumbers(result.ended.draftId, result.ended.clauseIds);
      await deliver(
        ctx.notify,
        ctx.logger,
        silenceNotice({
          event: outcome.state,
          draftId: result.ended.draftId,
          silenceId: result.ended.id,
          clauseIds: result.ended.clauseIds,
          clauseNumbers: result.ended.clauseIds.map((id) => numbers.get(id) ?? 0),
          deadline: result.ended.deadline,
          actor: null,
          reason: outcome.state === 'interrupted' ? outcome.reason : null,
        }),
      );
    }
    return concluded;
  }

  /** The earliest deadline of a running procedure, for the scheduler. */
  async function nextDeadline(): Promise<Date | null> {
    const [row] = await db
      .select({ deadline: silenceProcedures.deadline })
      .from(silenceProcedures)
      .where(eq(silenceProcedures.state, 'running'))
      .orderBy(asc(silenceProcedures.deadline))
      .limit(1);
    return row?.deadline ?? null;
  }

  return { completeDueSilences, nextDeadline };
}

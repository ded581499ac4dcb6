/**
 * Silence procedures run by the secretariat: listing, starting, breaking (a delegation)
 * and cancelling (the secretariat). Completion at the deadline is in silence-completion.ts.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SilenceProcedureDto } from '@/lib/api/types';
import { mandateRefusal } from '@/lib/authz/mandates';
import { breakSilenceRefusal, cancelSilenceRefusal, startSilenceRefusal } from '@/lib/authz/negotiation';
import type { Identity } from '@/lib/domain/identity';
import { canEnterSilence } from '@/lib/domain/status-workflow';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { drafts as draftRows, silenceProcedures } from '../db/schema';
import { deliver, silenceNotice } from '../notifications/domain-notices';
import { listDisputes, type ConsensusQueries } from './consensus';
import { conflict, notFound, refuse, type ClauseRow, type NegotiationContext } from './context';
import { mandatesBetween } from './mandates';
import { toSilenceDto } from './dto';
import type { StatusChanges } from './status-changes';

/** Tell every delegation and the secretariat (not the actor) that a procedure started, was broken or withdrawn. */
async function announce(
  ctx: NegotiationContext,
  event: 'started' | 'broken' | 'cancelled',
  procedure: typeof silenceProcedures.$inferSelect,
  identity: Identity,
  reason?: string,
): Promise<void> {
  const numbers = await ctx.clauseNumbers(procedure.draftId, procedure.clauseIds);
  const clauseNumbers = procedure.clauseIds.map((id) => numbers.get(id) ?? 0);
  const notice = { event, draftId: procedure.draftId, silenceId: procedure.id, clauseIds: procedure.clauseIds, clauseNumbers, deadline: procedure.deadline };
  await deliver(ctx.notify, ctx.logger, silenceNotice({ ...notice, actor: identity, reason }));
}

/**
 * Who breaks silence: the caller's delegation, or (`forDelegation`, "PL for HU") a
 * delegation whose mandate to the caller's says it may break silence and covers every
 * clause of the procedure; refused naming why otherwise.
 */
async function silenceBreaker(
  ctx: NegotiationContext,
  identity: Identity,
  draftId: string,
  clauseIds: readonly string[],
  forDelegation: DelegationCode | undefined,
): Promise<{ breaker: DelegationCode; statedBy: DelegationCode | null }> {
  const holder = identity.delegation!;
  const breaker = forDelegation ?? holder;
  if (breaker === holder) return { breaker, statedBy: null };
  const membership = await ctx.drafts.unsafeMembership(draftId);
  if (membership?.delegations.get(breaker) !== 'participant') throw notFound(`Delegation ${breaker} does not take part in this draft.`);
  const held = await mandatesBetween(ctx.db, draftId, breaker, holder);
  refuse(mandateRefusal(held, holder, breaker, { kind: 'silence', clauseIds }, new Date()));
  return { breaker, statedBy: holder };
}

/**
 * What starting silence needs checked first: a future deadline, clauses that may enter
 * silence, and no open brackets or alternatives unless an override reason is given.
 */
async function startableClauses(
  ctx: NegotiationContext,
  consensus: ConsensusQueries,
  draftId: string,
  input: { clauseIds: string[]; deadline: Date; note?: string; override?: string },
) {
  if (input.deadline.getTime() <= Date.now()) throw new AppError('bad_request', { message: 'The deadline must be in the future.' });
  const ids = [...new Set(input.clauseIds)];
  const rows = await Promise.all(ids.map((id) => ctx.clauseOf(draftId, id)));
  for (const c of rows) {
    if (c.status === 'silence') throw conflict(`Clause ${c.number} is already under a silence procedure.`);
    if (!canEnterSilence(c.status as ClauseStatus)) throw conflict(`Clause ${c.number} is ${c.status} and cannot be put under silence.`);
  }
  const note = input.note?.trim() || null;
  const open = await consensus.openDisputes(draftId, ids);
  const override = open.length > 0 ? input.override?.trim() || null : null;
  if (open.length > 0 && !override) {
    throw conflict(
      `Silence cannot start on text that is still disputed: ${listDisputes(open)}. Resolve the brackets and alternatives first, or give an override reason to start silence anyway.`,
    );
  }
  return { ids, rows, note, override, open };
}

export function createSilenceUseCases(ctx: NegotiationContext, consensus: ConsensusQueries, changes: StatusChanges) {
  const { db, drafts } = ctx;

  async function listSilence(identity: Identity, draftId: string): Promise<SilenceProcedureDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db.select().from(silenceProcedures).where(eq(silenceProcedures.draftId, draftId)).orderBy(desc(silenceProcedures.startedAt));
    const names = await ctx.userNames(rows.map((r) => r.startedBy));
    return rows.map((r) => toSilenceDto(r, names));
  }

  /**
   * Put clauses under silence until a deadline; their text locks for delegates. Clauses
   * with open brackets or alternatives are refused (409 naming them) unless the
   * secretariat gives an override reason, recorded on the procedure and in the audit log.
   */
  async function startSilence(
    identity: Identity,
    draftId: string,
    input: { clauseIds: string[]; deadline: Date; note?: string; override?: string },
  ): Promise<SilenceProcedureDto> {
    await drafts.requireAccess(identity, draftId);
    refuse(startSilenceRefusal(identity));
    const { ids, rows, note, override, open } = await startableClauses(ctx, consensus, draftId, input);
    const { procedure, updated } = await db.transaction(async (tx) => {
      // Serialises with closing the draft (which locks the row for update and refuses while a silence runs).
      const [draft] = await tx.select({ state: draftRows.state }).from(draftRows).where(eq(draftRows.id, draftId)).for('share');
      if (draft?.state === 'closed') throw conflict('This draft is closed: it is read-only. The secretariat can reopen it to allow changes again.');
      const [procedure] = await tx
        .insert(silenceProcedures)
        .values({
          draftId,
          clauseIds: ids,
          previousStatuses: Object.fromEntries(rows.map((c) => [c.id, c.status])),
          deadline: input.deadline,
          note,
          overrideReason: override,
          startedBy: identity.userId,
        })
        .returning();
      const updated: ClauseRow[] = [];
      for (const c of rows) {
        updated.push(...(await changes.setStatuses(tx, draftId, [{ clauseId: c.id, status: 'silence' }], identity, note, c.status as ClauseStatus)));
      }
      if (updated.length !== rows.length) throw conflict('A clause changed status meanwhile; reload and try again.');
      await writeAudit(tx, {
        actor: identity,
        action: 'silence.started',
        draftId,
        subject: `clauses ${rows.map((c) => c.number).join(', ')}`,
        details: {
          silenceId: procedure.id,
          clauseIds: ids,
          deadline: input.deadline.toISOString(),
          note,
          ...(override ? { override, openBrackets: open.map((o) => ({ clauseId: o.clauseId, open: o.openBrackets })) } : {}),
        },
      });
      return { procedure, updated };
    });
    await changes.publishStatuses(draftId, updated);
    ctx.onSilenceScheduled?.(procedure.deadline);
    const dto = await changes.publishSilence(procedure);
    await announce(ctx, 'started', procedure, identity);
    return dto;
  }

  /** A delegation objects before the deadline: the procedure ends and its clauses go back to negotiating. */
  async function breakSilence(
    identity: Identity,
    draftId: string,
    silenceId: string,
    input: { reason: string; for?: DelegationCode },
  ): Promise<SilenceProcedureDto> {
    const access = await drafts.requireAccess(identity, draftId);
    const existing = await ctx.loadSilence(draftId, silenceId);
    refuse(breakSilenceRefusal(identity, access));
    if (existing.state !== 'running') throw conflict(`This silence procedure has already ended (${existing.state}).`);
    const reason = input.reason.trim();
    const { breaker, statedBy } = await silenceBreaker(ctx, identity, draftId, existing.clauseIds, input.for);
    const who = statedBy ? `${statedBy} for ${breaker}` : breaker;
    const result = await db.transaction(async (tx) => {
      const [ended] = await tx
        .update(silenceProcedures)
        .set({ state: 'broken', endedAt: new Date(), endedBy: identity.userId, brokenByDelegation: breaker, reason })
        .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.state, 'running'), sql`${silenceProcedures.deadline} > now()`))
        .returning();
      if (!ended) return null;
      const updated = await changes.setStatuses(
        tx,
        draftId,
        ended.clauseIds.map((clauseId) => ({ clauseId, status: 'negotiating' as const })),
        identity,
        `Silence broken by ${who}: ${reason}`,
        'silence',
      );
      await writeAudit(tx, {
        actor: identity,
        action: 'silence.broken',
        draftId,
        subject: statedBy ? `silence ${silenceId} / ${who}` : `silence ${silenceId}`,
        details: { silenceId, delegation: breaker, reason, ...(statedBy ? { statedBy } : {}) },
      });
      return { ended, updated };
    });
    if (!result) throw conflict('The deadline has passed: this silence procedure can no longer be broken.');
    await changes.publishStatuses(draftId, result.updated);
    const dto = await changes.publishSilence(result.ended);
    await announce(ctx, 'broken', result.ended, identity, reason);
    return dto;
  }

  /** The secretariat withdraws the procedure: its clauses go back to the status they had before. */
  async function cancelSilence(identity: Identity, draftId: string, silenceId: string, input: { reason: string }): Promise<SilenceProcedureDto> {
    await drafts.requireAccess(identity, draftId);
    await ctx.loadSilence(draftId, silenceId);
    refuse(cancelSilenceRefusal(identity));
    const reason = input.reason.trim();
    const result = await db.transaction(async (tx) => {
      const [ended] = await tx
        .update(silenceProcedures)
        .set({ state: 'cancelled', endedAt: new Date(), endedBy: identity.userId, reason })
        .where(and(eq(silenceProcedures.id, silenceId), eq(silenceProcedures.state, 'running')))
        .returning();
      if (!ended) return null;
      const updated: ClauseRow[] = [];
      for (const clauseId of ended.clauseIds) {
        const previous = (ended.previousStatuses[clauseId] ?? 'negotiating') as ClauseStatus;
        updated.push(...(await changes.setStatuses(tx, draftId, [{ clauseId, status: previous }], identity, `Silence cancelled: ${reason}`, 'silence')));
      }
      await writeAudit(tx, { actor: identity, action: 'silence.cancelled', draftId, subject: `silence ${silenceId}`, details: { silenceId, reason } });
      return { ended, updated };
    });
    if (!result) throw conflict('This silence procedure has already ended.');
    await changes.publishStatuses(draftId, result.updated);
    const dto = await changes.publishSilence(result.ended);
    await announce(ctx, 'cancelled', result.ended, identity, reason);
    return dto;
  }

  return { listSilence, startSilence, breakSilence, cancelSilence };
}

/**
 * Keeping positions current without a change of mind: a delegation confirms all its
 * positions given on earlier text in one action, and the secretariat marks a clause's
 * edits editorial, which re-bases the positions given on earlier text on the current text.
 */
import { and, eq, inArray, max } from 'drizzle-orm';
import type { ConfirmedPositionDto, EditorialMarkDto, PositionDto } from '@/lib/api/types';
import { positionRefusal } from '@/lib/authz/negotiation';
import type { Identity } from '@/lib/domain/identity';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { writeAudit } from '../audit/audit-log';
import { clauses, editorialMarks, positionHistory, positions, yjsUpdates } from '../db/schema';
import { isCurrentHash } from './clause-states';
import type { ConsensusQueries } from './consensus';
import { conflict, forbidden, refuse, type NegotiationContext } from './context';
import { toPositionDto } from './dto';

export type EditorialResult = EditorialMarkDto;

async function lastLogId(db: NegotiationContext['db'], draftId: string): Promise<number> {
  const [{ lastLog }] = await db
    .select({ lastLog: max(yjsUpdates.id) })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.draftId, draftId));
  return Number(lastLog ?? 0);
}

/** The positions of the draft (of one clause or one delegation) given on earlier text, with the clause's current hash. */
async function stalePositions(ctx: NegotiationContext, draftId: string, where: { clauseId?: string; delegation?: DelegationCode }) {
  const { db, clauseStates } = ctx;
  const rows = await db
    .select({ p: positions, number: clauses.number, status: clauses.status })
    .from(positions)
    .innerJoin(clauses, eq(clauses.id, positions.clauseId))
    .where(
      and(
        eq(positions.draftId, draftId),
        where.clauseId ? eq(positions.clauseId, where.clauseId) : undefined,
        where.delegation ? eq(positions.delegationCode, where.delegation) : undefined,
      ),
    );
  // Withdrawn clauses (no number) are out of the negotiation.
  const live = rows.filter((r): r is typeof r & { number: number } => r.number !== null && r.status !== 'withdrawn' && r.p.position !== 'none');
  const states = await clauseStates.get(draftId, [...new Set(live.map((r) => r.p.clauseId))]);
  return live
    .filter((r) => !isCurrentHash(r.p.textHash, states.get(r.p.clauseId)!))
    .map((r) => ({ ...r, hash: states.get(r.p.clauseId)!.hash }))
    .sort((a, b) => a.number - b.number);
}

export function createPositionConfirmations(ctx: NegotiationContext, consensus: ConsensusQueries) {
  const { db, drafts, clauseStates, publisher } = ctx;

  /**
   * "Confirm all my positions on the current text": every position of the caller's
   * delegation given on earlier text is confirmed unchanged on the current text, each
   * recorded in the position history (kind `confirmed`), one audit entry for all.
   */
  async function confirmAllPositions(identity: Identity, draftId: string): Promise<ConfirmedPositionDto[]> {
    const access = await drafts.requireAccess(identity, draftId);
    const delegation = identity.delegation;
    if (!delegation) throw forbidden('Only a delegation confirms its positions.');
    const membership = await drafts.unsafeMembership(draftId);
    refuse(positionRefusal(identity, access, delegation, membership?.delegations.get(delegation)));
    const stale = await stalePositions(ctx, draftId, { delegation });
    if (stale.length === 0) return [];
    const logId = await lastLogId(db, draftId);
    const now = new Date();
    const stored = await db.transaction(async (tx) => {
      const out = [];
      for (const { p, hash, number } of stale) {
        const [row] = await tx
          .update(positions)
          .set({ textHash: hash, logId, updatedAt: now, updatedBy: identity.userId, statedBy: null })
          .where(and(eq(positions.clauseId, p.clauseId), eq(positions.delegationCode, delegation), eq(positions.textHash, p.textHash)))
          .returning();
        if (!row) continue; // changed meanwhile: that change stands
        await tx.insert(positionHistory).values({
          draftId,
          clauseId: p.clauseId,
          delegationCode: delegation,
          fromPosition: p.position,
          fromReservation: p.reservation,
          toPosition: p.position,
          toReservation: p.reservation,
          note: p.note,
          textHash: hash,
          at: now,
          byUserId: identity.userId,
          byName: identity.name,
          kind: 'confirmed',
        });
        out.push({ row, number, previousLogId: p.logId });
      }
      if (out.length === 0) throw conflict('Your positions changed meanwhile; reload and try again.');
      await writeAudit(tx, {
        actor: identity,
        action: 'positions.confirmed',
        draftId,
        subject: `${delegation}: clauses ${out.map((o) => o.number).join(', ')}`,
        details: {
          delegation,
          clauses: out.map((o) => ({ clauseId: o.row.clauseId, number: o.number, position: o.row.position, previousLogId: o.previousLogId })),
        },
      });
      return out;
    });
    const names = new Map([[identity.userId, identity.name]]);
    const result = stored.map(({ row, number, previousLogId }) => ({
      clauseId: row.clauseId,
      number,
      position: toPositionDto(row, { hash: row.textHash }, names),
      previousLogId,
    }));
    for (const r of result) publisher.publish(draftId, 'position:updated', { draftId, position: r.position });
    await consensus.publishConsensus(
      draftId,
      result.map((r) => r.clauseId),
    );
    return result;
  }

  /**
   * The secretariat marks the edits of a clause since positions were given as editorial
   * (a typo, a reference): the positions given on earlier text are re-based on the current
   * text and stay current. Recorded (editorial_marks) and audited.
   */
  async function markEditorial(identity: Identity, draftId: string, clauseId: string, input: { note?: string }): Promise<EditorialResult> {
    await drafts.requireAccess(identity, draftId);
    const clause = await ctx.clauseOf(draftId, clauseId);
    if (identity.role !== 'secretariat') throw forbidden('Only the secretariat marks an edit as editorial.');
    if (clause.status === 'withdrawn') throw conflict(`Clause ${clause.number} has been withdrawn.`);
    const stale = await stalePositions(ctx, draftId, { clauseId });
    const logId = await lastLogId(db, draftId);
    const state = (await clauseStates.get(draftId, [clauseId])).get(clauseId)!;
    const note = input.note?.trim() || null;
    const at = new Date();
    const rebased = await db.transaction(async (tx) => {
      const codes: DelegationCode[] = [];
      for (const { p } of stale) {
        const [row] = await tx
          .update(positions)
          .set({ textHash: state.hash, logId })
          .where(and(eq(positions.clauseId, clauseId), eq(positions.delegationCode, p.delegationCode), eq(positions.textHash, p.textHash)))
          .returning({ code: positions.delegationCode });
        if (row) codes.push(row.code);
      }
      await tx.insert(editorialMarks).values({ draftId, clauseId, textHash: state.hash, logId, note, rebased: codes, at, by: identity.userId });
      await writeAudit(tx, {
        actor: identity,
        action: 'clause.editorial',
        draftId,
        subject: `clause ${clause.number}`,
        details: { clauseId, note, logId, rebased: codes },
      });
      return codes;
    });
    const current: PositionDto[] = [];
    if (rebased.length > 0) {
      const rows = await db
        .select()
        .from(positions)
        .where(and(eq(positions.clauseId, clauseId), inArray(positions.delegationCode, rebased)));
      const names = await ctx.userNames(rows.map((r) => r.updatedBy));
      for (const row of rows) {
        const position: PositionDto = toPositionDto(row, state, names);
        current.push(position);
        publisher.publish(draftId, 'position:updated', { draftId, position });
      }
    }
    await consensus.publishConsensus(draftId, [clauseId]);
    return { clauseId, ...(note ? { note } : {}), at: at.toISOString(), rebased, positions: current };
  }

  return { confirmAllPositions, markEditorial };
}

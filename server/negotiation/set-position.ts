/** Delegations' positions on clauses: listing, stating one (with its history) and reading the history. */
import { and, asc, eq, max } from 'drizzle-orm';
import type { PositionChangeDto, PositionDto, PositionInput } from '@/lib/api/types';
import { mandateRefusal } from '@/lib/authz/mandates';
import { positionRefusal } from '@/lib/authz/negotiation';
import type { Identity } from '@/lib/domain/identity';
import type { Position, Reservation } from '@/lib/domain/vocabulary';
import { writeAudit } from '../audit/audit-log';
import { positionHistory, positions, yjsUpdates } from '../db/schema';
import type { ConsensusQueries } from './consensus';
import { conflict, refuse, type NegotiationContext } from './context';
import { toPositionDto } from './dto';
import { mandatesBetween } from './mandates';

export type { PositionInput };

export function createPositionUseCases(ctx: NegotiationContext, consensus: ConsensusQueries) {
  const { db, drafts, clauseStates, publisher } = ctx;

  async function listPositions(identity: Identity, draftId: string): Promise<PositionDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db.select().from(positions).where(eq(positions.draftId, draftId));
    const ids = [...new Set(rows.map((r) => r.clauseId))];
    const [states, names] = await Promise.all([clauseStates.get(draftId, ids), ctx.userNames(rows.map((r) => r.updatedBy))]);
    return rows
      .map((r) => toPositionDto(r, states.get(r.clauseId), names))
      .sort((a, b) => a.clauseId.localeCompare(b.clauseId) || a.delegation.localeCompare(b.delegation));
  }

  /** State a delegation's position on the clause's current text; recorded in the history and the audit log. */
  async function setPosition(identity: Identity, draftId: string, clauseId: string, delegation: string, input: PositionInput): Promise<PositionDto> {
    const access = await drafts.requireAccess(identity, draftId);
    const clause = await ctx.clauseOf(draftId, clauseId);
    const membership = await drafts.unsafeMembership(draftId);
    const participation = membership?.delegations.get(delegation);
    // A delegate stating another participant's position does so under that delegation's mandate ("PL for HU").
    const proxy =
      identity.role === 'delegate' && access === 'write' && identity.delegation && identity.delegation !== delegation && participation === 'participant';
    const statedBy = proxy ? identity.delegation : null;
    if (statedBy) {
      const held = await mandatesBetween(db, draftId, delegation, statedBy);
      refuse(mandateRefusal(held, statedBy, delegation, { kind: 'position', clauseId }, new Date()));
    } else {
      refuse(positionRefusal(identity, access, delegation, participation));
    }
    if (clause.status === 'withdrawn') throw conflict(`Clause ${clause.number} has been withdrawn; positions on it are closed.`);

    const [states, [{ lastLog }]] = await Promise.all([
      clauseStates.get(draftId, [clauseId]),
      db
        .select({ lastLog: max(yjsUpdates.id) })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.draftId, draftId)),
    ]);
    const textHash = states.get(clauseId)!.hash;
    const reservation = input.position === 'reservation' ? (input.reservation ?? null) : null;
    const note = input.note?.trim() ? input.note.trim() : null;
    const now = new Date();

    const row = await db.transaction(async (tx) => {
      const [previous] = await tx
        .select()
        .from(positions)
        .where(and(eq(positions.clauseId, clauseId), eq(positions.delegationCode, delegation)))
        .for('update')
        .limit(1);
      const values = {
        draftId,
        clauseId,
        delegationCode: delegation,
        position: input.position,
        reservation,
        note,
        textHash,
        logId: Number(lastLog ?? 0),
        updatedAt: now,
        updatedBy: identity.userId,
        statedBy,
      };
      const [stored] = await tx
        .insert(positions)
        .values(values)
        .onConflictDoUpdate({ target: [positions.clauseId, positions.delegationCode], set: values })
        .returning();
      await tx.insert(positionHistory).values({
        draftId,
        clauseId,
        delegationCode: delegation,
        fromPosition: previous?.position ?? null,
        fromReservation: previous?.reservation ?? null,
        toPosition: input.position,
        toReservation: reservation,
        note,
        textHash,
        at: now,
        byUserId: identity.userId,
        byName: identity.name,
        statedBy,
      });
      await writeAudit(tx, {
        actor: identity,
        action: 'position.set',
        draftId,
        subject: `clause ${clause.number} / ${statedBy ? `${statedBy} for ${delegation}` : delegation}`,
        details: { clauseId, delegation, from: previous?.position ?? null, to: input.position, reservation, note, ...(statedBy ? { statedBy } : {}) },
      });
      return stored;
    });

    const dto = toPositionDto(row, { hash: textHash }, new Map([[identity.userId, identity.name]]));
    publisher.publish(draftId, 'position:updated', { draftId, position: dto });
    await consensus.publishConsensus(draftId, [clauseId]);
    return dto;
  }

  async function listPositionHistory(identity: Identity, draftId: string, clauseId: string): Promise<PositionChangeDto[]> {
    await drafts.requireAccess(identity, draftId);
    await ctx.clauseOf(draftId, clauseId);
    const rows = await db
      .select()
      .from(positionHistory)
      .where(and(eq(positionHistory.draftId, draftId), eq(positionHistory.clauseId, clauseId)))
      .orderBy(asc(positionHistory.id));
    return rows.map((r) => ({
      id: r.id,
      clauseId: r.clauseId,
      delegation: r.delegationCode,
      from: r.fromPosition ? { position: r.fromPosition as Position, ...(r.fromReservation ? { reservation: r.fromReservation as Reservation } : {}) } : null,
      to: { position: r.toPosition as Position, ...(r.toReservation ? { reservation: r.toReservation as Reservation } : {}) },
      ...(r.note ? { note: r.note } : {}),
      at: r.at.toISOString(),
      by: r.byName ?? 'unknown',
      ...(r.statedBy ? { statedBy: r.statedBy } : {}),
      ...(r.kind === 'confirmed' ? { kind: 'confirmed' as const } : {}),
    }));
  }

  return { listPositions, setPosition, positionHistory: listPositionHistory };
}

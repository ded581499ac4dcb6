/** Recording a bracket on words of a clause, and removing one (kept as history). */
import { and, eq } from 'drizzle-orm';
import type { BracketDto } from '@/lib/api/types';
import { canRemoveBracket } from '@/lib/authz/annotations';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import { brackets } from '../db/schema';
import { anchorFor, conflict, forbidden, isUuid, notFound, type AnnotationContext } from './annotation-context';
import { toBracketDto, toBytes } from './annotation-dtos';
import type { BracketInput } from './annotation-types';

/** Brackets the words in the caller's delegation's name (the secretariat's own when it brackets). */
export async function addBracket(ctx: AnnotationContext, identity: Identity, draftId: string, clauseId: string, input: BracketInput): Promise<BracketDto> {
  const access = await ctx.drafts.requireAccess(identity, draftId);
  const clause = await ctx.clauseOf(draftId, clauseId);
  ctx.requireAnnotate(identity, access, clause);
  const delegation = identity.role === 'secretariat' ? null : identity.delegation;
  const { row, dto } = await ctx.withRoom(draftId, async (room) => {
    const { anchor, current } = anchorFor(room, clauseId, input.span, input.quote);
    const row = await ctx.db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(brackets)
        .values({
          draftId,
          clauseId,
          anchorStart: toBytes(anchor.start),
          anchorEnd: toBytes(anchor.end),
          quote: current.text,
          delegationCode: delegation,
          proposedBy: identity.userId,
          proposedByName: identity.name,
        })
        .returning();
      await writeAudit(tx, {
        actor: identity,
        action: 'bracket.added',
        draftId,
        subject: `clause ${clause.number}`,
        details: { bracketId: stored.id, clauseId, delegation, quote: current.text, from: current.from, to: current.to },
      });
      return stored;
    });
    return { row, dto: toBracketDto(row, room) };
  });
  ctx.publisher.publish(draftId, 'bracket:updated', { draftId, bracket: dto });
  await ctx.clauseChanged(draftId, [row.clauseId]);
  return dto;
}

/** Removes an open bracket: the secretariat, or the delegation that proposed it. */
export async function removeBracket(ctx: AnnotationContext, identity: Identity, draftId: string, bracketId: string): Promise<BracketDto> {
  const access = await ctx.drafts.requireAccess(identity, draftId);
  if (!isUuid(bracketId)) throw notFound('No such bracket in this draft.');
  const [existing] = await ctx.db
    .select()
    .from(brackets)
    .where(and(eq(brackets.id, bracketId), eq(brackets.draftId, draftId)))
    .limit(1);
  if (!existing) throw notFound('No such bracket in this draft.');
  const clause = await ctx.clauseOf(draftId, existing.clauseId);
  ctx.requireAnnotate(identity, access, clause);
  if (!canRemoveBracket(identity, existing.delegationCode)) {
    throw forbidden(`Only the secretariat or ${existing.delegationCode ?? 'the secretariat'} (who proposed it) can remove this bracket.`);
  }
  if (existing.state === 'resolved') throw conflict(`This bracket is already closed: ${existing.resolution ?? 'resolved.'}`);
  if (existing.state !== 'open') throw conflict('This bracket has already been removed.');
  const removedByDelegation = identity.role === 'secretariat' ? null : identity.delegation;
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(brackets)
      .set({ state: 'removed', removedAt: new Date(), removedBy: identity.userId, removedByName: identity.name, removedByDelegation })
      .where(and(eq(brackets.id, bracketId), eq(brackets.state, 'open')))
      .returning();
    if (!updated) throw conflict('This bracket has already been removed.');
    await writeAudit(tx, {
      actor: identity,
      action: 'bracket.removed',
      draftId,
      subject: `clause ${clause.number}`,
      details: { bracketId, clauseId: existing.clauseId, proposedBy: existing.delegationCode, removedBy: removedByDelegation, quote: existing.quote },
    });
    return updated;
  });
  const dto = await ctx.withRoom(draftId, (room) => toBracketDto(row, room));
  ctx.publisher.publish(draftId, 'bracket:updated', { draftId, bracket: dto });
  await ctx.clauseChanged(draftId, [row.clauseId]);
  return dto;
}

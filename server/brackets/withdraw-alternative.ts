/** A proposer withdrawing its open alternative wording. */
import { and, eq } from 'drizzle-orm';
import type { AlternativeDto } from '@/lib/api/types';
import { canWithdrawAlternative } from '@/lib/authz/annotations';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import { alternativeBackings, alternatives } from '../db/schema';
import { conflict, forbidden, type AnnotationContext } from './annotation-context';

/** Withdraws an open alternative (its backings go with it); only its proposer may. */
export async function withdrawAlternative(ctx: AnnotationContext, identity: Identity, draftId: string, alternativeId: string): Promise<AlternativeDto> {
  const access = await ctx.drafts.requireAccess(identity, draftId);
  const alt = await ctx.loadAlternative(draftId, alternativeId);
  const clause = await ctx.clauseOf(draftId, alt.clauseId);
  ctx.requireAnnotate(identity, access, clause);
  if (!canWithdrawAlternative(identity, alt.delegationCode)) {
    throw forbidden(`Only ${alt.delegationCode ?? 'the secretariat'}, who proposed ALT ${alt.number}, can withdraw it.`);
  }
  if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(alternatives)
      .set({ state: 'withdrawn', decidedAt: new Date(), decidedBy: identity.userId, decidedByName: identity.name, decisionNote: 'Withdrawn by its proposer.' })
      .where(and(eq(alternatives.id, alt.id), eq(alternatives.state, 'open')))
      .returning();
    if (!updated) throw conflict(`ALT ${alt.number} is no longer open.`);
    await tx.delete(alternativeBackings).where(eq(alternativeBackings.alternativeId, alt.id));
    await writeAudit(tx, {
      actor: identity,
      action: 'alternative.withdrawn',
      draftId,
      subject: `clause ${clause.number} ALT ${alt.number}`,
      details: { alternativeId: alt.id, clauseId: alt.clauseId, delegation: alt.delegationCode },
    });
    return updated;
  });
  const [dto] = await ctx.publishAlternatives(draftId, [row]);
  await ctx.clauseChanged(draftId, [alt.clauseId]);
  return dto;
}

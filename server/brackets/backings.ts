/** Delegations backing alternative wordings: at most one alternative per group and delegation. */
import { and, asc, eq } from 'drizzle-orm';
import type { AlternativeDto } from '@/lib/api/types';
import { canBackAlternatives } from '@/lib/authz/annotations';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import { alternativeBackings, alternatives } from '../db/schema';
import { conflict, forbidden, type AnnotationContext } from './annotation-context';

/** Back (or stop backing) an open alternative for the caller's delegation; returns the group's open alternatives. */
export async function setBacking(
  ctx: AnnotationContext,
  identity: Identity,
  draftId: string,
  alternativeId: string,
  backed: boolean,
): Promise<AlternativeDto[]> {
  const access = await ctx.drafts.requireAccess(identity, draftId);
  const alt = await ctx.loadAlternative(draftId, alternativeId);
  const clause = await ctx.clauseOf(draftId, alt.clauseId);
  if (!canBackAlternatives(identity, access)) {
    throw forbidden(
      identity.role === 'secretariat'
        ? 'The secretariat does not back alternatives: delegations do, and the secretariat adopts one.'
        : 'Only a participating delegation can back an alternative.',
    );
  }
  ctx.requireAnnotate(identity, access, clause);
  if (alt.state !== 'open') throw conflict(`ALT ${alt.number} is no longer open (${alt.state}).`);
  const delegation = identity.delegation!;
  await ctx.db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(alternativeBackings)
      .where(and(eq(alternativeBackings.groupId, alt.groupId), eq(alternativeBackings.delegationCode, delegation)))
      .limit(1);
    if (backed) {
      if (previous?.alternativeId === alt.id) return;
      await tx
        .insert(alternativeBackings)
        .values({ groupId: alt.groupId, delegationCode: delegation, alternativeId: alt.id, draftId, backedBy: identity.userId })
        .onConflictDoUpdate({
          target: [alternativeBackings.groupId, alternativeBackings.delegationCode],
          set: { alternativeId: alt.id, backedAt: new Date(), backedBy: identity.userId },
        });
    } else {
      if (previous?.alternativeId !== alt.id) return;
      await tx.delete(alternativeBackings).where(and(eq(alternativeBackings.groupId, alt.groupId), eq(alternativeBackings.delegationCode, delegation)));
    }
    await writeAudit(tx, {
      actor: identity,
      action: backed ? 'alternative.backed' : 'alternative.unbacked',
      draftId,
      subject: `clause ${clause.number} ALT ${alt.number}`,
      details: { alternativeId: alt.id, clauseId: alt.clauseId, delegation, previous: previous?.alternativeId ?? null },
    });
  });
  const groupRows = await ctx.db
    .select()
    .from(alternatives)
    .where(and(eq(alternatives.groupId, alt.groupId), eq(alternatives.state, 'open')))
    .orderBy(asc(alternatives.number));
  return ctx.publishAlternatives(draftId, groupRows);
}

/** Brackets: words bracketed, and brackets removed or resolved by an adopted alternative. */
import { and, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { brackets } from '../../db/schema';
import { actor, type TimelineSource } from './source';

export const bracketAddedSource: TimelineSource = {
  name: 'bracket-added',
  kind: 'bracket',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(brackets)
      .where(
        and(
          eq(brackets.draftId, draftId),
          before(brackets.proposedAt, brackets.id),
          ...within(brackets.proposedAt),
          query.clauseId ? eq(brackets.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(brackets.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(brackets.proposedAt), desc(brackets.id))
      .limit(take);
    return rows.map((b) => ({
      kind: 'bracket' as const,
      source: 'bracket-added' as const,
      id: b.id,
      at: b.proposedAt.toISOString(),
      actor: actor(b.proposedByName, b.delegationCode, b.delegationCode ? 'delegate' : 'secretariat'),
      clauseId: b.clauseId,
      clauseNumber: numberOf.get(b.clauseId) ?? null,
      event: 'added' as const,
      quote: b.quote,
      delegation: b.delegationCode,
      note: null,
    }));
  },
};

export const bracketClosedSource: TimelineSource = {
  name: 'bracket-closed',
  kind: 'bracket',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(brackets)
      .where(
        and(
          eq(brackets.draftId, draftId),
          inArray(brackets.state, ['removed', 'resolved']),
          isNotNull(brackets.removedAt),
          before(brackets.removedAt, brackets.id),
          ...within(brackets.removedAt),
          query.clauseId ? eq(brackets.clauseId, query.clauseId) : undefined,
          // By delegation: the delegation that bracketed the words, or the one that removed them.
          query.delegation ? or(eq(brackets.delegationCode, query.delegation), eq(brackets.removedByDelegation, query.delegation)) : undefined,
        ),
      )
      .orderBy(desc(brackets.removedAt), desc(brackets.id))
      .limit(take);
    return rows.map((b) => ({
      kind: 'bracket' as const,
      source: 'bracket-closed' as const,
      id: b.id,
      at: b.removedAt!.toISOString(),
      actor: actor(b.removedByName, b.removedByDelegation, b.removedByDelegation ? 'delegate' : 'secretariat'),
      clauseId: b.clauseId,
      clauseNumber: numberOf.get(b.clauseId) ?? null,
      event: b.state === 'resolved' ? ('resolved' as const) : ('removed' as const),
      quote: b.quote,
      delegation: b.delegationCode,
      note: b.resolution,
    }));
  },
};

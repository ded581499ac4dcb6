/** Positions stated by delegations, clause by clause. */
import { and, desc, eq } from 'drizzle-orm';
import { positionHistory } from '../../db/schema';
import { actor, actorsById, type TimelineSource } from './source';

export const positionSource: TimelineSource = {
  name: 'position',
  kind: 'position',
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(positionHistory)
      .where(
        and(
          eq(positionHistory.draftId, draftId),
          before(positionHistory.at, positionHistory.id),
          ...within(positionHistory.at),
          query.clauseId ? eq(positionHistory.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(positionHistory.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(positionHistory.at), desc(positionHistory.id))
      .limit(take);
    const people = await actorsById(
      ctx,
      rows.map((p) => p.byUserId),
    );
    return rows.map((p) => ({
      kind: 'position' as const,
      source: 'position' as const,
      id: p.id,
      at: p.at.toISOString(),
      actor: (p.byUserId ? people.get(p.byUserId) : undefined) ?? actor(p.byName, p.delegationCode, 'delegate'),
      clauseId: p.clauseId,
      clauseNumber: numberOf.get(p.clauseId) ?? null,
      delegation: p.delegationCode,
      from: p.fromPosition,
      to: p.toPosition,
      by: p.byName,
      statedBy: p.statedBy ?? null,
      confirmed: p.kind === 'confirmed',
    }));
  },
};

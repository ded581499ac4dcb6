/** Edit sessions: one person's consecutive edits (from the history index). */
import { and, desc, eq, sql } from 'drizzle-orm';
import { historySessions } from '../../db/schema';
import { actorsById, numbersOf, type TimelineSource } from './source';

export const sessionSource: TimelineSource = {
  name: 'session',
  kind: 'session',
  async read({ ctx, draftId, query, numberOf, take, before }) {
    const rows = await ctx.db
      .select()
      .from(historySessions)
      .where(
        and(
          eq(historySessions.draftId, draftId),
          before(historySessions.endedAt, historySessions.id),
          query.delegation ? eq(historySessions.delegationCode, query.delegation) : undefined,
          query.clauseId ? sql`${historySessions.clauseIds} @> ${JSON.stringify([query.clauseId])}::jsonb` : undefined,
          // A session overlapping the range counts: it ends after `from` and starts before `to`.
          query.from ? sql`${historySessions.endedAt} >= ${query.from.toISOString()}` : undefined,
          query.to ? sql`${historySessions.startedAt} <= ${query.to.toISOString()}` : undefined,
        ),
      )
      .orderBy(desc(historySessions.endedAt), desc(historySessions.id))
      .limit(take);
    const people = await actorsById(
      ctx,
      rows.map((s) => s.userId),
    );
    return rows.map((s) => ({
      kind: 'session' as const,
      source: 'session' as const,
      id: s.id,
      at: s.endedAt.toISOString(),
      actor: s.userId ? { name: people.get(s.userId)?.name ?? 'unknown', role: people.get(s.userId)?.role ?? null, delegation: s.delegationCode } : null,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt.toISOString(),
      delegation: s.delegationCode,
      userName: s.userId ? (people.get(s.userId)?.name ?? 'unknown') : null,
      clauseIds: s.clauseIds,
      clauseNumbers: numbersOf(numberOf, s.clauseIds),
      inserted: s.inserted,
      deleted: s.deleted,
      edits: s.edits,
      firstLogId: s.firstLogId,
      lastLogId: s.lastLogId,
    }));
  },
};

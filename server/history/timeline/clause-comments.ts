/**
 * The secretariat's comment on a clause (the fifth column of the four-column document):
 * every change, kept as a row of its own, readable by everyone in the draft. Only the
 * secretariat writes it, so the source has no delegation.
 */
import { and, desc, eq } from 'drizzle-orm';
import { clauseComments } from '../../db/schema';
import { actor, type TimelineSource } from './source';

const EXCERPT = 300;
const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

export const clauseCommentSource: TimelineSource = {
  name: 'clause-comment',
  kind: 'clause-comment',
  withoutDelegation: true,
  async read({ ctx, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(clauseComments)
      .where(
        and(
          eq(clauseComments.draftId, draftId),
          before(clauseComments.at, clauseComments.id),
          ...within(clauseComments.at),
          query.clauseId ? eq(clauseComments.clauseId, query.clauseId) : undefined,
        ),
      )
      .orderBy(desc(clauseComments.at), desc(clauseComments.id))
      .limit(take);
    return rows.map((c) => ({
      kind: 'clause-comment' as const,
      source: 'clause-comment' as const,
      id: c.id,
      at: c.at.toISOString(),
      actor: actor(c.byName, null, 'secretariat'),
      clauseId: c.clauseId,
      clauseNumber: numberOf.get(c.clauseId) ?? null,
      excerpt: c.comment ? excerpt(c.comment) : null,
    }));
  },
};

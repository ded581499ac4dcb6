/**
 * Comments and replies. Internal notes reach only their own team: every read ANDs
 * `visibleCommentFilter` (replies are visible exactly when their thread is).
 */
import { and, desc, eq } from 'drizzle-orm';
import { commentReplies, commentThreads } from '../../db/schema';
import { visibleCommentFilter } from '../../comments/visible-comment-filter';
import { actor, type TimelineSource } from './source';

const EXCERPT = 300;
const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};
type Role = 'secretariat' | 'delegate' | 'observer';

export const commentSource: TimelineSource = {
  name: 'comment',
  kind: 'comment',
  async read({ ctx, identity, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select()
      .from(commentThreads)
      .where(
        and(
          eq(commentThreads.draftId, draftId),
          visibleCommentFilter(identity),
          before(commentThreads.createdAt, commentThreads.id),
          ...within(commentThreads.createdAt),
          query.clauseId ? eq(commentThreads.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(commentThreads.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(commentThreads.createdAt), desc(commentThreads.id))
      .limit(take);
    return rows.map((t) => ({
      kind: 'comment' as const,
      source: 'comment' as const,
      id: t.id,
      at: t.createdAt.toISOString(),
      actor: actor(t.authorName, t.delegationCode, t.authorRole as Role),
      threadId: t.id,
      clauseId: t.clauseId,
      clauseNumber: numberOf.get(t.clauseId) ?? null,
      reply: false,
      internal: t.visibility === 'delegation',
      team: t.visibility === 'delegation' ? t.team : null,
      quote: t.quote,
      excerpt: excerpt(t.body),
    }));
  },
};

export const replySource: TimelineSource = {
  name: 'reply',
  kind: 'comment',
  async read({ ctx, identity, draftId, query, numberOf, take, before, within }) {
    const rows = await ctx.db
      .select({ reply: commentReplies, thread: { clauseId: commentThreads.clauseId, visibility: commentThreads.visibility, team: commentThreads.team } })
      .from(commentReplies)
      .innerJoin(commentThreads, eq(commentThreads.id, commentReplies.threadId))
      .where(
        and(
          eq(commentReplies.draftId, draftId),
          visibleCommentFilter(identity),
          before(commentReplies.createdAt, commentReplies.id),
          ...within(commentReplies.createdAt),
          query.clauseId ? eq(commentThreads.clauseId, query.clauseId) : undefined,
          query.delegation ? eq(commentReplies.delegationCode, query.delegation) : undefined,
        ),
      )
      .orderBy(desc(commentReplies.createdAt), desc(commentReplies.id))
      .limit(take);
    return rows.map(({ reply: r, thread }) => ({
      kind: 'comment' as const,
      source: 'reply' as const,
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: actor(r.authorName, r.delegationCode, r.authorRole as Role),
      threadId: r.threadId,
      clauseId: thread.clauseId,
      clauseNumber: numberOf.get(thread.clauseId) ?? null,
      reply: true,
      internal: thread.visibility === 'delegation',
      team: thread.visibility === 'delegation' ? thread.team : null,
      quote: null,
      excerpt: excerpt(r.body),
    }));
  },
};

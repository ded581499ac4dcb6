/** Reading comment threads: the list, one thread, and counts per clause (only what the identity may see). */
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { CommentCountDto, CommentThreadDto } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { commentThreads } from '../db/schema';
import { visibleCommentFilter } from './visible-comment-filter';
import { toThreadDto, type CommentContext } from './comment-context';

export function createCommentQueries(ctx: CommentContext) {
  const { db, drafts } = ctx;

  async function list(identity: Identity, draftId: string, filter: { clauseId?: string; state?: 'open' | 'resolved' } = {}): Promise<CommentThreadDto[]> {
    await drafts.requireAccess(identity, draftId);
    const where: SQL[] = [eq(commentThreads.draftId, draftId), visibleCommentFilter(identity)];
    if (filter.clauseId) {
      await ctx.clauseOf(draftId, filter.clauseId);
      where.push(eq(commentThreads.clauseId, filter.clauseId));
    }
    if (filter.state) where.push(eq(commentThreads.state, filter.state));
    const rows = await db
      .select()
      .from(commentThreads)
      .where(and(...where))
      .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
    const replies = await ctx.repliesOf(rows.map((r) => r.id));
    return rows.map((r) => toThreadDto(r, replies.get(r.id) ?? []));
  }

  async function get(identity: Identity, draftId: string, threadId: string): Promise<CommentThreadDto> {
    await drafts.requireAccess(identity, draftId);
    const row = await ctx.visibleThread(identity, draftId, threadId);
    const replies = await ctx.repliesOf([row.id]);
    return toThreadDto(row, replies.get(row.id) ?? []);
  }

  /** Open and resolved threads per clause, counting only what the identity may see. */
  async function counts(identity: Identity, draftId: string): Promise<CommentCountDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db
      .select({ clauseId: commentThreads.clauseId, state: commentThreads.state, n: count() })
      .from(commentThreads)
      .where(and(eq(commentThreads.draftId, draftId), visibleCommentFilter(identity)))
      .groupBy(commentThreads.clauseId, commentThreads.state);
    const byClause = new Map<string, CommentCountDto>();
    for (const r of rows) {
      const entry = byClause.get(r.clauseId) ?? { clauseId: r.clauseId, open: 0, resolved: 0 };
      entry[r.state] += Number(r.n);
      byClause.set(r.clauseId, entry);
    }
    return [...byClause.values()].sort((a, b) => a.clauseId.localeCompare(b.clauseId));
  }

  return { list, get, counts };
}

/** Resolving and reopening a comment thread. */
import { and, eq } from 'drizzle-orm';
import type { CommentThreadDto } from '@/lib/api/comment-types';
import { canResolveThread, teamLabel } from '@/lib/comments/comment-visibility';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { commentThreads } from '../db/schema';
import { toThreadDto, type CommentContext } from './comment-context';

export function createThreadStateUseCase(ctx: CommentContext) {
  const { db, drafts, publisher } = ctx;

  async function setState(identity: Identity, draftId: string, threadId: string, state: 'open' | 'resolved'): Promise<CommentThreadDto> {
    const access = await drafts.requireAccess(identity, draftId);
    const thread = await ctx.visibleThread(identity, draftId, threadId);
    if (!canResolveThread(identity, access, thread)) {
      throw new AppError('forbidden', {
        message:
          access !== 'write'
            ? 'Observers cannot resolve or reopen comments.'
            : `Only ${teamLabel(thread.team)} or the secretariat can ${state === 'resolved' ? 'resolve' : 'reopen'} this thread.`,
      });
    }
    if (thread.state === state) {
      throw new AppError('conflict', { message: state === 'resolved' ? 'This thread is already resolved.' : 'This thread is already open.' });
    }
    const clause = await ctx.clauseOf(draftId, thread.clauseId);
    const now = new Date();
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(commentThreads)
        .set({
          state,
          resolvedAt: state === 'resolved' ? now : null,
          resolvedBy: state === 'resolved' ? (identity.delegation ? `${identity.name} (${identity.delegation})` : `${identity.name} (Secretariat)`) : null,
          updatedAt: now,
        })
        .where(and(eq(commentThreads.id, thread.id), eq(commentThreads.state, thread.state)))
        .returning();
      if (!updated) throw new AppError('conflict', { message: 'The thread changed meanwhile; reload and try again.' });
      await writeAudit(tx, {
        actor: identity,
        action: state === 'resolved' ? 'comment.resolved' : 'comment.reopened',
        draftId,
        subject: `clause ${clause.number}`,
        details: { threadId: thread.id, visibility: thread.visibility, team: thread.team },
      });
      return updated;
    });
    const replies = await ctx.repliesOf([row.id]);
    const dto = toThreadDto(row, replies.get(row.id) ?? []);
    publisher.publish(draftId, { team: row.visibility === 'everyone' ? null : row.team }, 'comment:resolved', { draftId, thread: dto });
    return dto;
  }

  return { setState };
}

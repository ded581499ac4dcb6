/** Replying to a comment thread: audited, pushed to who may see the thread, mentions and the thread's team notified. */
import { eq } from 'drizzle-orm';
import type { CommentReplyDto } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import { commentReplies, commentThreads } from '../db/schema';
import { auditedBody, excerpt, toReplyDto, type CommentContext } from './comment-context';

export function createReplyUseCase(ctx: CommentContext) {
  const { db, publisher } = ctx;

  async function reply(identity: Identity, draftId: string, threadId: string, input: { body: string }): Promise<CommentReplyDto> {
    await ctx.requireWriter(identity, draftId);
    const thread = await ctx.visibleThread(identity, draftId, threadId);
    const clause = await ctx.clauseOf(draftId, thread.clauseId);
    const mentions = await ctx.mentionsIn(draftId, input.body);
    const now = new Date();
    const row = await db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(commentReplies)
        .values({
          threadId: thread.id,
          draftId,
          body: input.body,
          mentions,
          authorId: identity.userId,
          authorName: identity.name,
          authorRole: identity.role,
          delegationCode: identity.delegation,
          createdAt: now,
        })
        .returning();
      await tx.update(commentThreads).set({ updatedAt: now }).where(eq(commentThreads.id, thread.id));
      await writeAudit(tx, {
        actor: identity,
        action: 'comment.replied',
        draftId,
        subject: `clause ${clause.number}`,
        details: {
          threadId: thread.id,
          replyId: stored.id,
          visibility: thread.visibility,
          team: thread.team,
          ...(thread.visibility === 'everyone' ? { mentions } : {}),
          ...auditedBody(thread.visibility, input.body),
        },
      });
      return stored;
    });

    const dto = toReplyDto(row);
    publisher.publish(draftId, { team: thread.visibility === 'everyone' ? null : thread.team }, 'comment:reply', {
      draftId,
      clauseId: thread.clauseId,
      threadId: thread.id,
      reply: dto,
      updatedAt: now.toISOString(),
    });
    const mentioned = ctx.audienceOf(thread, mentions);
    const text = `Clause ${clause.number}: ${excerpt(input.body)}`;
    ctx.notifySafely({ draftId, clauseId: clause.id, delegationCodes: mentioned, kind: 'mention', refId: thread.id, text, actor: ctx.actorOf(identity) });
    // The thread's delegation hears of replies (its members other than the replier; mentioned already covers it).
    const owner = thread.delegationCode;
    if (owner && thread.team === owner && !mentioned.includes(owner)) {
      ctx.notifySafely({ draftId, clauseId: clause.id, delegationCodes: [owner], kind: 'reply', refId: thread.id, text, actor: ctx.actorOf(identity) });
    }
    return dto;
  }

  return { reply };
}

/** Opening a comment thread on a span of a clause: validated, audited, pushed live, mentions notified. */
import type { CommentThreadDto } from '@/lib/api/comment-types';
import { resolveAnchor } from '@/lib/comments/comment-anchor';
import { commentTeam, MAX_QUOTE_CHARS } from '@/lib/comments/comment-visibility';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { commentThreads } from '../db/schema';
import { auditedBody, excerpt, toThreadDto, type CommentContext, type CreateThreadInput } from './comment-context';

export function createThreadUseCase(ctx: CommentContext) {
  const { db, publisher } = ctx;

  async function create(identity: Identity, draftId: string, input: CreateThreadInput): Promise<CommentThreadDto> {
    await ctx.requireWriter(identity, draftId);
    const clause = await ctx.clauseOf(draftId, input.clauseId);
    if (clause.status === 'withdrawn') throw new AppError('conflict', { message: `Clause ${clause.number} has been withdrawn; it takes no new comments.` });
    const team = commentTeam(identity);
    if (!team) throw new AppError('forbidden', { message: 'Only a delegation or the secretariat can comment.' });

    // The anchor must point into this clause. The server's copy gives the authoritative
    // quote; positions naming edits the server has not received yet (typed a moment ago)
    // are accepted with the author's quote and resolve once those edits arrive.
    const resolution = await ctx.withDocument(draftId, (doc) => resolveAnchor(doc, clause.id, input.anchor));
    let quote = input.quote.trim();
    if (!resolution.ok && resolution.reason === 'invalid') {
      throw new AppError('bad_request', {
        message: 'The anchor is not a pair of Yjs relative positions (base64).',
        issues: [{ path: 'anchor', message: 'invalid relative position' }],
      });
    }
    if (!resolution.ok && resolution.reason === 'foreign') {
      throw new AppError('bad_request', {
        message: `The selected text is not in clause ${clause.number}.`,
        issues: [{ path: 'anchor', message: 'points outside the clause' }],
      });
    }
    if (resolution.ok) {
      if (resolution.anchor.detached)
        throw new AppError('conflict', { message: 'The selected words were deleted meanwhile. Select the text again and comment.' });
      quote = resolution.anchor.text;
    }
    if (quote.length > MAX_QUOTE_CHARS) quote = `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…`;
    const mentions = await ctx.mentionsIn(draftId, input.body);
    const now = new Date();

    const row = await db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(commentThreads)
        .values({
          draftId,
          clauseId: clause.id,
          anchorStart: input.anchor.start,
          anchorEnd: input.anchor.end,
          quote,
          body: input.body,
          mentions,
          authorId: identity.userId,
          authorName: identity.name,
          authorRole: identity.role,
          delegationCode: identity.delegation,
          team,
          visibility: input.visibility,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, {
        actor: identity,
        action: 'comment.created',
        draftId,
        subject: `clause ${clause.number}`,
        details: {
          threadId: stored.id,
          clauseId: clause.id,
          visibility: input.visibility,
          team,
          ...(input.visibility === 'everyone' ? { quote, mentions } : {}),
          ...auditedBody(input.visibility, input.body),
        },
      });
      return stored;
    });

    const dto = toThreadDto(row, []);
    publisher.publish(draftId, { team: row.visibility === 'everyone' ? null : team }, 'comment:created', { draftId, thread: dto });
    ctx.notifySafely({
      draftId,
      clauseId: clause.id,
      delegationCodes: ctx.audienceOf(row, mentions),
      kind: 'mention',
      refId: row.id,
      text: `Clause ${clause.number}: ${excerpt(input.body)}`,
      actor: ctx.actorOf(identity),
    });
    return dto;
  }

  return { create };
}

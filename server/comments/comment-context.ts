/**
 * What the comment use cases share: their dependencies, the DTO shapes, and the lookups
 * and checks they all make (a clause, a visible thread, replies, the right to write,
 * mentions, who is notified). Internal notes are read through `visibleCommentFilter`.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import type { EncodedAnchor } from '@/lib/comments/comment-anchor';
import type { CommentVisibility } from '@/lib/comments/comment-visibility';
import { parseMentions } from '@/lib/comments/mentions';
import type { Identity } from '@/lib/domain/identity';
import type { Role } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { CommentEvents } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { commentReplies, commentThreads } from '../db/schema';
import { isUuid, type DraftStore } from '../drafts/draft-store';
import { liveClauseOf } from '../drafts/structure/merged-clause';
import type { NotifyInput } from '../notifications/notification-service';
import { visibleCommentFilter } from './visible-comment-filter';

export interface CommentPublisher {
  /** Emit to everyone in the draft (visibility `everyone`) or only to one team's sockets (an internal note). */
  publish<E extends keyof CommentEvents>(draftId: string, audience: { team: string | null }, event: E, payload: CommentEvents[E]): void;
}

export interface CreateThreadInput {
  clauseId: string;
  anchor: EncodedAnchor;
  quote: string;
  body: string;
  visibility: CommentVisibility;
}

export type ThreadRow = typeof commentThreads.$inferSelect;
export type ReplyRow = typeof commentReplies.$inferSelect;

export const notFoundThread = () => new AppError('not_found', { message: 'No such comment thread in this draft, or it is not visible to you.' });

export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function author(row: { authorName: string; authorRole: string; delegationCode: string | null }) {
  return { name: row.authorName, role: row.authorRole as Role, delegation: row.delegationCode };
}

export function toReplyDto(row: ReplyRow): CommentReplyDto {
  return { id: row.id, threadId: row.threadId, body: row.body, mentions: row.mentions, author: author(row), createdAt: row.createdAt.toISOString() };
}

export function toThreadDto(row: ThreadRow, replies: ReplyRow[]): CommentThreadDto {
  return {
    id: row.id,
    draftId: row.draftId,
    clauseId: row.clauseId,
    anchor: { start: row.anchorStart, end: row.anchorEnd },
    quote: row.quote,
    body: row.body,
    mentions: row.mentions,
    author: author(row),
    visibility: row.visibility,
    team: row.team,
    state: row.state,
    ...(row.resolvedAt ? { resolvedAt: row.resolvedAt.toISOString() } : {}),
    ...(row.resolvedBy ? { resolvedBy: row.resolvedBy } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    replies: replies.map(toReplyDto),
  };
}

/**
 * What the audit log keeps of a body. The audit log is read by the secretariat, which
 * must not read a delegation's internal notes: for those only the length and a SHA-256
 * of the text are kept (enough to prove later what was written, disclosing nothing).
 */
export function auditedBody(visibility: CommentVisibility, body: string): Record<string, unknown> {
  const digest = crypto.createHash('sha256').update(body).digest('hex');
  return visibility === 'everyone' ? { body, bodySha256: digest } : { bodyChars: body.length, bodySha256: digest };
}

export interface CommentServiceOptions {
  db: Database;
  drafts: DraftStore;
  publisher: CommentPublisher;
  logger: Logger;
  /** Run `read` against the draft's live document (loading it if needed). */
  withDocument<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Store and push notifications (best effort: a failure is logged, the comment stands). */
  notify(input: NotifyInput): Promise<void>;
}

export function createCommentContext(options: CommentServiceOptions) {
  const { db, drafts, logger } = options;

  const clauseOf = (draftId: string, clauseId: string) => liveClauseOf(db, draftId, clauseId);

  /** A thread the identity may see, or not_found (an invisible internal note is indistinguishable from none). */
  async function visibleThread(identity: Identity, draftId: string, threadId: string): Promise<ThreadRow> {
    if (!isUuid(threadId)) throw notFoundThread();
    const [row] = await db
      .select()
      .from(commentThreads)
      .where(and(eq(commentThreads.id, threadId), eq(commentThreads.draftId, draftId), visibleCommentFilter(identity)))
      .limit(1);
    if (!row) throw notFoundThread();
    return row;
  }

  async function repliesOf(threadIds: string[]): Promise<Map<string, ReplyRow[]>> {
    const map = new Map<string, ReplyRow[]>();
    if (threadIds.length === 0) return map;
    const rows = await db
      .select()
      .from(commentReplies)
      .where(inArray(commentReplies.threadId, threadIds))
      .orderBy(asc(commentReplies.createdAt), asc(commentReplies.id));
    for (const r of rows) {
      const list = map.get(r.threadId);
      if (list) list.push(r);
      else map.set(r.threadId, [r]);
    }
    return map;
  }

  async function requireWriter(identity: Identity, draftId: string) {
    const access = await drafts.requireAccess(identity, draftId);
    if (access !== 'write') {
      throw new AppError('forbidden', {
        message:
          identity.role === 'observer' ? 'Observers read comments but cannot write them.' : 'Your delegation follows this draft without the right to comment.',
      });
    }
    return access;
  }

  async function mentionsIn(draftId: string, body: string): Promise<string[]> {
    const membership = await drafts.unsafeMembership(draftId);
    const codes = [...(membership?.delegations.keys() ?? [])].sort();
    const { codes: mentioned, unknown } = parseMentions(body, codes);
    if (unknown.length > 0) {
      const list = unknown.map((c) => `@${c}`).join(', ');
      throw new AppError('bad_request', {
        message: `${list} ${unknown.length === 1 ? 'is' : 'are'} not a delegation of this draft. Mention one of: ${codes.map((c) => `@${c}`).join(', ')}.`,
        issues: [{ path: 'body', message: `unknown delegation ${list}` }],
      });
    }
    return mentioned;
  }

  /** Mentioned delegations that may see the thread (an internal note notifies only its own team). */
  function audienceOf(thread: Pick<ThreadRow, 'visibility' | 'team'>, codes: string[]): string[] {
    return thread.visibility === 'everyone' ? codes : codes.filter((c) => c === thread.team);
  }

  function actorOf(identity: Identity) {
    return { userId: identity.userId, name: identity.name, delegation: identity.delegation };
  }

  function notifySafely(input: NotifyInput) {
    if (input.delegationCodes.length === 0) return;
    options.notify(input).catch((err: unknown) => logger.warn({ err, draftId: input.draftId }, 'could not store notifications'));
  }

  return { ...options, clauseOf, visibleThread, repliesOf, requireWriter, mentionsIn, audienceOf, actorOf, notifySafely };
}

export type CommentContext = ReturnType<typeof createCommentContext>;

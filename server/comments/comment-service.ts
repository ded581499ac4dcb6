/**
 * Comment threads anchored to clause text: server-authoritative rows, validated,
 * authorised and audited here, then pushed live. Internal notes (`delegation`
 * visibility) are read through `visibleCommentFilter` and emitted only to their team's
 * room: nobody outside the team receives them, over HTTP or socket.io.
 */
import crypto from 'node:crypto';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { CommentCountDto, CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import { resolveAnchor, type EncodedAnchor } from '@/lib/comments/comment-anchor';
import {
  canResolveThread,
  commentTeam,
  MAX_QUOTE_CHARS,
  teamLabel,
  type CommentVisibility,
} from '@/lib/comments/comment-visibility';
import { parseMentions } from '@/lib/comments/mentions';
import type { Identity } from '@/lib/domain/identity';
import type { Role } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { CommentEvents } from '@/lib/realtime/events';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import { clauses, commentReplies, commentThreads } from '../db/schema';
import { isUuid, type DraftStore } from '../drafts/draft-store';
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

type ThreadRow = typeof commentThreads.$inferSelect;
type ReplyRow = typeof commentReplies.$inferSelect;

const notFoundThread = () => new AppError('not_found', { message: 'No such comment thread in this draft, or it is not visible to you.' });

function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function author(row: { authorName: string; authorRole: string; delegationCode: string | null }) {
  return { name: row.authorName, role: row.authorRole as Role, delegation: row.delegationCode };
}

function toReplyDto(row: ReplyRow): CommentReplyDto {
  return { id: row.id, threadId: row.threadId, body: row.body, mentions: row.mentions, author: author(row), createdAt: row.createdAt.toISOString() };
}

function toThreadDto(row: ThreadRow, replies: ReplyRow[]): CommentThreadDto {
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
function auditedBody(visibility: CommentVisibility, body: string): Record<string, unknown> {
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

export function createCommentService(options: CommentServiceOptions) {
  const { db, drafts, publisher, logger } = options;

  async function clauseOf(draftId: string, clauseId: string) {
    if (!isUuid(clauseId)) throw new AppError('not_found', { message: 'No such clause in this draft.' });
    const [row] = await db.select().from(clauses).where(and(eq(clauses.id, clauseId), eq(clauses.draftId, draftId))).limit(1);
    if (!row) throw new AppError('not_found', { message: 'No such clause in this draft.' });
    return row;
  }

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
    const rows = await db.select().from(commentReplies).where(inArray(commentReplies.threadId, threadIds)).orderBy(asc(commentReplies.createdAt), asc(commentReplies.id));
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
        message: identity.role === 'observer' ? 'Observers read comments but cannot write them.' : 'Your delegation follows this draft without the right to comment.',
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

  return {
    async list(identity: Identity, draftId: string, filter: { clauseId?: string; state?: 'open' | 'resolved' } = {}): Promise<CommentThreadDto[]> {
      await drafts.requireAccess(identity, draftId);
      const where: SQL[] = [eq(commentThreads.draftId, draftId), visibleCommentFilter(identity)];
      if (filter.clauseId) {
        await clauseOf(draftId, filter.clauseId);
        where.push(eq(commentThreads.clauseId, filter.clauseId));
      }
      if (filter.state) where.push(eq(commentThreads.state, filter.state));
      const rows = await db.select().from(commentThreads).where(and(...where)).orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
      const replies = await repliesOf(rows.map((r) => r.id));
      return rows.map((r) => toThreadDto(r, replies.get(r.id) ?? []));
    },

    async get(identity: Identity, draftId: string, threadId: string): Promise<CommentThreadDto> {
      await drafts.requireAccess(identity, draftId);
      const row = await visibleThread(identity, draftId, threadId);
      const replies = await repliesOf([row.id]);
      return toThreadDto(row, replies.get(row.id) ?? []);
    },

    /** Open and resolved threads per clause, counting only what the identity may see. */
    async counts(identity: Identity, draftId: string): Promise<CommentCountDto[]> {
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
    },

    async create(identity: Identity, draftId: string, input: CreateThreadInput): Promise<CommentThreadDto> {
      await requireWriter(identity, draftId);
      const clause = await clauseOf(draftId, input.clauseId);
      if (clause.status === 'withdrawn') throw new AppError('conflict', { message: `Clause ${clause.number} has been withdrawn; it takes no new comments.` });
      const team = commentTeam(identity);
      if (!team) throw new AppError('forbidden', { message: 'Only a delegation or the secretariat can comment.' });

      // The anchor must point into this clause. The server's copy gives the authoritative
      // quote; positions naming edits the server has not received yet (typed a moment ago)
      // are accepted with the author's quote and resolve once those edits arrive.
      const resolution = await options.withDocument(draftId, (doc) => resolveAnchor(doc, clause.id, input.anchor));
      let quote = input.quote.trim();
      if (!resolution.ok && resolution.reason === 'invalid') {
        throw new AppError('bad_request', { message: 'The anchor is not a pair of Yjs relative positions (base64).', issues: [{ path: 'anchor', message: 'invalid relative position' }] });
      }
      if (!resolution.ok && resolution.reason === 'foreign') {
        throw new AppError('bad_request', { message: `The selected text is not in clause ${clause.number}.`, issues: [{ path: 'anchor', message: 'points outside the clause' }] });
      }
      if (resolution.ok) {
        if (resolution.anchor.detached) throw new AppError('conflict', { message: 'The selected words were deleted meanwhile. Select the text again and comment.' });
        quote = resolution.anchor.text;
      }
      if (quote.length > MAX_QUOTE_CHARS) quote = `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…`;
      const mentions = await mentionsIn(draftId, input.body);
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
      notifySafely({
        draftId,
        clauseId: clause.id,
        delegationCodes: audienceOf(row, mentions),
        kind: 'mention',
        refId: row.id,
        text: `Clause ${clause.number}: ${excerpt(input.body)}`,
        actor: actorOf(identity),
      });
      return dto;
    },

    async reply(identity: Identity, draftId: string, threadId: string, input: { body: string }): Promise<CommentReplyDto> {
      await requireWriter(identity, draftId);
      const thread = await visibleThread(identity, draftId, threadId);
      const clause = await clauseOf(draftId, thread.clauseId);
      const mentions = await mentionsIn(draftId, input.body);
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
      const mentioned = audienceOf(thread, mentions);
      const text = `Clause ${clause.number}: ${excerpt(input.body)}`;
      notifySafely({ draftId, clauseId: clause.id, delegationCodes: mentioned, kind: 'mention', refId: thread.id, text, actor: actorOf(identity) });
      // The thread's delegation hears of replies (its members other than the replier; mentioned already covers it).
      const owner = thread.delegationCode;
      if (owner && thread.team === owner && !mentioned.includes(owner)) {
        notifySafely({ draftId, clauseId: clause.id, delegationCodes: [owner], kind: 'reply', refId: thread.id, text, actor: actorOf(identity) });
      }
      return dto;
    },

    async setState(identity: Identity, draftId: string, threadId: string, state: 'open' | 'resolved'): Promise<CommentThreadDto> {
      const access = await drafts.requireAccess(identity, draftId);
      const thread = await visibleThread(identity, draftId, threadId);
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
      const clause = await clauseOf(draftId, thread.clauseId);
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
      const replies = await repliesOf([row.id]);
      const dto = toThreadDto(row, replies.get(row.id) ?? []);
      publisher.publish(draftId, { team: row.visibility === 'everyone' ? null : row.team }, 'comment:resolved', { draftId, thread: dto });
      return dto;
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;

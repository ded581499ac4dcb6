/**
 * In-app notifications for what concerns a delegation: a mention, a reply to one of its
 * threads, an alternative proposed on a clause where it holds a position. Rows are
 * addressed to a delegation; each member marks them read for themselves. A person never
 * receives a notification of their own action.
 */
import { and, count, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { NotificationDto, NotificationKind, NotificationPage } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import type { NotificationPayload } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { clauses, draftDelegations, drafts as draftRows, notificationReads, notifications } from '../db/schema';
import { isUuid, type DraftStore } from '../drafts/draft-store';

export interface NotifyInput {
  draftId: string;
  clauseId: string | null;
  delegationCodes: string[];
  kind: NotificationKind;
  /** What the notification is about (a comment thread id, an alternative id, …). */
  refId: string;
  /** One line shown in the list, e.g. `Clause 4: “…”`. Plain text, at most 500 characters kept. */
  text: string;
  actor: { userId: string; name: string; delegation: string | null };
}

export interface NotificationPublisher {
  /** Push to every connected member of a delegation except the sockets of `exceptUserId`. */
  toDelegation(delegation: string, exceptUserId: string | null, payload: NotificationPayload): void;
}

const MAX_TEXT = 500;

type Row = typeof notifications.$inferSelect;

export function createNotificationService(options: { db: Database; drafts: DraftStore; publisher: NotificationPublisher; logger: Logger }) {
  const { db, drafts, publisher } = options;

  /** Cursor: `<ISO time>|<id>` of the last row of a page. */
  function parseCursor(before: string | undefined): { at: Date; id: string } | null {
    if (!before) return null;
    const [at, id] = before.split('|');
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !id || !isUuid(id)) throw new AppError('bad_request', { message: 'before must be the nextBefore value of a previous page.' });
    return { at: date, id };
  }

  /** Rows addressed to the identity's delegation, in drafts that delegation still takes part in, not caused by the identity. */
  function mine(identity: Identity): SQL | null {
    if (!identity.delegation) return null;
    return and(
      eq(notifications.delegationCode, identity.delegation),
      or(isNull(notifications.actorId), ne(notifications.actorId, identity.userId)),
      sql`exists (select 1 from ${draftDelegations} where ${draftDelegations.draftId} = ${notifications.draftId} and ${draftDelegations.delegationCode} = ${notifications.delegationCode})`,
    ) as SQL;
  }

  async function unreadCount(identity: Identity): Promise<number> {
    const where = mine(identity);
    if (!where) return 0;
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, identity.userId)))
      .where(and(where, isNull(notificationReads.userId)));
    return Number(row?.n ?? 0);
  }

  async function toDtos(rows: Row[], readIds: Set<string>): Promise<NotificationDto[]> {
    const draftIds = [...new Set(rows.map((r) => r.draftId))];
    const clauseIds = [...new Set(rows.map((r) => r.clauseId).filter((id): id is string => Boolean(id)))];
    const [titles, numbers] = await Promise.all([
      draftIds.length ? db.select({ id: draftRows.id, title: draftRows.title }).from(draftRows).where(inArray(draftRows.id, draftIds)) : [],
      clauseIds.length ? db.select({ id: clauses.id, number: clauses.number }).from(clauses).where(inArray(clauses.id, clauseIds)) : [],
    ]);
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));
    const numberOf = new Map(numbers.map((c) => [c.id, c.number]));
    return rows.map((r) => ({
      id: r.id,
      draftId: r.draftId,
      draftTitle: titleOf.get(r.draftId) ?? '',
      clauseId: r.clauseId,
      clauseNumber: r.clauseId ? (numberOf.get(r.clauseId) ?? null) : null,
      kind: r.kind,
      refId: r.refId,
      text: r.text,
      actor: { name: r.actorName, delegation: r.actorDelegation },
      createdAt: r.createdAt.toISOString(),
      read: readIds.has(r.id),
    }));
  }

  return {
    /**
     * Store one notification per delegation (of the draft; other codes are ignored) and
     * push it to that delegation's connected members, the actor excepted.
     */
    async notify(input: NotifyInput): Promise<void> {
      const membership = await drafts.unsafeMembership(input.draftId);
      if (!membership) return;
      const codes = [...new Set(input.delegationCodes)].filter((c) => membership.delegations.has(c));
      if (codes.length === 0) return;
      const text = input.text.length > MAX_TEXT ? `${input.text.slice(0, MAX_TEXT - 1)}…` : input.text;
      const rows = await db
        .insert(notifications)
        .values(
          codes.map((delegationCode) => ({
            draftId: input.draftId,
            clauseId: input.clauseId,
            delegationCode,
            kind: input.kind,
            refId: input.refId,
            text,
            actorId: input.actor.userId,
            actorName: input.actor.name,
            actorDelegation: input.actor.delegation,
          })),
        )
        .returning();
      const dtos = await toDtos(rows, new Set());
      rows.forEach((row, i) => publisher.toDelegation(row.delegationCode, input.actor.userId, { notification: dtos[i] }));
    },

    /** The identity's notifications, newest first, `limit` per page. */
    async list(identity: Identity, query: { before?: string; limit: number; unreadOnly?: boolean }): Promise<NotificationPage> {
      const where = mine(identity);
      if (!where) return { notifications: [], unread: 0, nextBefore: null };
      const cursor = parseCursor(query.before);
      const conditions: SQL[] = [where];
      if (cursor) {
        conditions.push(
          or(lt(notifications.createdAt, cursor.at), and(eq(notifications.createdAt, cursor.at), lt(notifications.id, cursor.id))) as SQL,
        );
      }
      const rows = await db
        .select({ n: notifications, readBy: notificationReads.userId })
        .from(notifications)
        .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, identity.userId)))
        .where(and(...conditions, ...(query.unreadOnly ? [isNull(notificationReads.userId)] : [])))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const dtos = await toDtos(
        page.map((r) => r.n),
        new Set(page.filter((r) => r.readBy).map((r) => r.n.id)),
      );
      const last = page[page.length - 1]?.n;
      return {
        notifications: dtos,
        unread: await unreadCount(identity),
        nextBefore: rows.length > query.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
      };
    },

    /** Mark some (or all) of the identity's notifications read; answers the unread count left. */
    async markRead(identity: Identity, input: { ids?: string[]; all?: boolean }): Promise<{ unread: number }> {
      const where = mine(identity);
      if (!where) {
        if (input.ids?.length) throw new AppError('not_found', { message: 'No such notification.' });
        return { unread: 0 };
      }
      let ids: string[];
      if (input.all) {
        ids = (await db.select({ id: notifications.id }).from(notifications).where(where)).map((r) => r.id);
      } else {
        const wanted = [...new Set(input.ids ?? [])];
        const found = wanted.length ? await db.select({ id: notifications.id }).from(notifications).where(and(where, inArray(notifications.id, wanted))) : [];
        if (found.length !== wanted.length) {
          throw new AppError('not_found', { message: 'No such notification (or it is not addressed to your delegation).' });
        }
        ids = found.map((r) => r.id);
      }
      if (ids.length > 0) {
        await db
          .insert(notificationReads)
          .values(ids.map((notificationId) => ({ notificationId, userId: identity.userId })))
          .onConflictDoNothing();
      }
      return { unread: await unreadCount(identity) };
    },

    unreadCount,
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

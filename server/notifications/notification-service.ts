/**
 * In-app notifications for what concerns a delegation or the secretariat: mentions,
 * replies, alternatives proposed and adopted, text restored, status changes, silence
 * procedures (started, ending in 24 hours and in 1 hour, broken, completed), mandates.
 * Rows are addressed to an audience (a delegation's code or `#secretariat`); each member
 * marks them read for themselves and chooses the kinds they get (preferences.ts). A
 * person never receives a notification of their own action. Pushed live to each
 * recipient's own room (`notify:<userId>`).
 */
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { NotificationDto, NotificationKind, NotificationPage } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import type { NotificationPayload } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { emailDigests, notificationReads, notifications } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import { peopleOf, SECRETARIAT_AUDIENCE, type Recipient } from './audience';
import { audienceFilter, notificationDtos, parseCursor } from './notification-rows';
import type { NotificationPreferences } from './preferences';

export interface NotifyInput {
  draftId: string;
  clauseId: string | null;
  /** Delegations to notify (codes that are not delegations of the draft are ignored); `'all'`: every delegation of the draft. */
  delegationCodes: string[] | 'all';
  /** Notify the secretariat too. */
  secretariat?: boolean;
  kind: NotificationKind;
  /** What the notification is about (a comment thread id, an alternative id, …). */
  refId: string;
  /** One line shown in the list, e.g. `Clause 4: “…”`. Plain text, at most 500 characters kept. */
  text: string;
  /** Who caused it; null for the server itself (a silence deadline, a reminder). */
  actor: { userId: string; name: string; delegation: string | null } | null;
}

export interface NotificationPublisher {
  /** Push to the connected sockets of one person. */
  toUser(userId: string, payload: NotificationPayload): void;
}

/** Told of every notification stored, with the people it was pushed to (the e-mail digest listens). */
export type DeliveryListener = (kind: NotificationKind, recipients: Recipient[]) => void;

const MAX_TEXT = 500;

type Row = typeof notifications.$inferSelect;

/** One row per audience (a delegation's code, or the secretariat's). */
function insertRows(db: Database, input: NotifyInput, codes: string[]): Promise<Row[]> {
  const actor = input.actor;
  const text = input.text.length > MAX_TEXT ? `${input.text.slice(0, MAX_TEXT - 1)}…` : input.text;
  return db
    .insert(notifications)
    .values(
      codes.map((delegationCode) => ({
        draftId: input.draftId,
        clauseId: input.clauseId,
        delegationCode,
        kind: input.kind,
        refId: input.refId,
        text,
        actorId: actor?.userId ?? null,
        actorName: actor?.name ?? 'Accord',
        actorDelegation: actor?.delegation ?? null,
      })),
    )
    .returning();
}

export function createNotificationService(options: {
  db: Database;
  drafts: DraftStore;
  publisher: NotificationPublisher;
  preferences: NotificationPreferences;
  logger: Logger;
}) {
  const { db, drafts, publisher, preferences, logger } = options;
  const listeners: DeliveryListener[] = [];

  const mine = (identity: Identity) => audienceFilter(preferences, identity);
  const toDtos = (rows: Row[], readIds: Set<string>) => notificationDtos(db, rows, readIds);

  async function unreadCount(identity: Identity): Promise<number> {
    const where = await mine(identity);
    if (!where) return 0;
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, identity.userId)))
      .where(and(where, isNull(notificationReads.userId)));
    return Number(row?.n ?? 0);
  }

  return {
    /**
     * Store one notification per delegation (of the draft; other codes are ignored) and
     * push it to that delegation's connected members, the actor excepted.
     */
    async notify(input: NotifyInput): Promise<void> {
      const membership = await drafts.unsafeMembership(input.draftId);
      if (!membership) return;
      const wanted = input.delegationCodes === 'all' ? [...membership.delegations.keys()] : [...new Set(input.delegationCodes)];
      const codes: string[] = wanted.filter((c) => membership.delegations.has(c as never));
      if (input.secretariat) codes.push(SECRETARIAT_AUDIENCE);
      if (codes.length === 0) return;
      const actor = input.actor;
      const rows = await insertRows(db, input, codes);
      const dtos = await toDtos(rows, new Set());
      const dtoOf = new Map(rows.map((row, i) => [row.delegationCode, dtos[i]]));
      const people = await peopleOf(db, codes, actor?.userId ?? null);
      const prefs = await preferences.ofMany(people.map((p) => p.userId));
      const recipients = people.filter((p) => !prefs.get(p.userId)?.muted.includes(input.kind));
      for (const person of recipients) {
        const notification = dtoOf.get(person.audience);
        if (notification) publisher.toUser(person.userId, { notification });
      }
      for (const listener of listeners) {
        try {
          listener(input.kind, recipients);
        } catch (err) {
          logger.error({ err }, 'a notification delivery listener failed');
        }
      }
    },

    /** Be told of each notification stored and who it reached (the e-mail digest). */
    onDelivered(listener: DeliveryListener): void {
      listeners.push(listener);
    },

    /** A person's unread notifications not yet e-mailed (after their digest cursor), oldest first, of kinds they did not mute. */
    async unreadForDigest(identity: Identity, limit = 50): Promise<NotificationDto[]> {
      const where = await mine(identity);
      if (!where) return [];
      const rows = await db
        .select({ n: notifications })
        .from(notifications)
        .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, identity.userId)))
        .where(
          and(
            where,
            isNull(notificationReads.userId),
            sql`${notifications.createdAt} > (select ${emailDigests.sentUpTo} from ${emailDigests} where ${emailDigests.userId} = ${identity.userId})`,
          ),
        )
        .orderBy(asc(notifications.createdAt), asc(notifications.id))
        .limit(limit);
      return toDtos(
        rows.map((r) => r.n),
        new Set(),
      );
    },

    /** The identity's notifications, newest first, `limit` per page. */
    async list(identity: Identity, query: { before?: string; limit: number; unreadOnly?: boolean }): Promise<NotificationPage> {
      const where = await mine(identity);
      if (!where) return { notifications: [], unread: 0, nextBefore: null };
      const cursor = parseCursor(query.before);
      const conditions: SQL[] = [where];
      if (cursor) {
        conditions.push(or(lt(notifications.createdAt, cursor.at), and(eq(notifications.createdAt, cursor.at), lt(notifications.id, cursor.id))) as SQL);
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
      const where = await mine(identity);
      if (!where) {
        if (input.ids?.length) throw new AppError('not_found', { message: 'No such notification.' });
        return { unread: 0 };
      }
      let ids: string[];
      if (input.all) {
        ids = (await db.select({ id: notifications.id }).from(notifications).where(where)).map((r) => r.id);
      } else {
        const wanted = [...new Set(input.ids ?? [])];
        const found = wanted.length
          ? await db
              .select({ id: notifications.id })
              .from(notifications)
              .where(and(where, inArray(notifications.id, wanted)))
          : [];
        if (found.length !== wanted.length) {
          throw new AppError('not_found', { message: 'No such notification (or it is not addressed to you).' });
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

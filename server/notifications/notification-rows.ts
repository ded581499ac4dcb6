/**
 * The rows of notifications as their readers see them: which rows are a person's (their
 * audience, not their own actions, not the kinds they muted), the page cursor, and DTOs.
 */
import { and, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { NotificationDto } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { AppError } from '@/lib/errors/app-error';
import type { Database } from '../db/client';
import { clauses, draftDelegations, drafts as draftRows, notifications } from '../db/schema';
import { isUuid } from '../drafts/draft-store';
import { audienceOf, SECRETARIAT_AUDIENCE } from './audience';
import type { NotificationPreferences } from './preferences';

type Row = typeof notifications.$inferSelect;

/** Cursor: `<ISO time>|<id>` of the last row of a page. */
export function parseCursor(before: string | undefined): { at: Date; id: string } | null {
  if (!before) return null;
  const [at, id] = before.split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !id || !isUuid(id))
    throw new AppError('bad_request', { message: 'before must be the nextBefore value of a previous page.' });
  return { at: date, id };
}

/**
 * Rows addressed to the identity's audience (in drafts a delegation still takes part
 * in; every draft for the secretariat), not caused by the identity, of kinds they did not mute.
 */
export async function audienceFilter(preferences: NotificationPreferences, identity: Identity): Promise<SQL | null> {
  const audience = audienceOf(identity);
  if (!audience) return null;
  const { muted } = await preferences.of(identity.userId);
  return and(
    eq(notifications.delegationCode, audience),
    or(isNull(notifications.actorId), ne(notifications.actorId, identity.userId)),
    ...(muted.length > 0 ? [notInArray(notifications.kind, muted)] : []),
    ...(audience === SECRETARIAT_AUDIENCE
      ? []
      : [
          sql`exists (select 1 from ${draftDelegations} where ${draftDelegations.draftId} = ${notifications.draftId} and ${draftDelegations.delegationCode} = ${notifications.delegationCode})`,
        ]),
  ) as SQL;
}

export async function notificationDtos(db: Database, rows: Row[], readIds: Set<string>): Promise<NotificationDto[]> {
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

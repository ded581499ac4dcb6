/**
 * What a timeline source is: one kind of recorded event (edit sessions, revisions,
 * decisions, positions, ...) read newest first, one page at a time, under the shared
 * filters and the page cursor. Adding a kind to the timeline is one file exporting a
 * source and one line in `sources.ts`.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Identity } from '@/lib/domain/identity';
import type { TimelineSourceName } from '@/lib/history/timeline-sources';
import type { TimelineActor, TimelineEntry, TimelineKind } from '@/lib/history/types';
import { auditLog, users } from '../../db/schema';
import type { HistoryContext } from '../context';

export interface TimelineQuery {
  clauseId?: string;
  delegation?: string;
  from?: Date;
  to?: Date;
  /** Only these kinds of entry (all when absent). */
  kinds?: readonly TimelineKind[];
  cursor?: string;
  limit: number;
}

/** Where the previous page ended: time, source rank and row id of its last entry. */
export interface TimelineCursor {
  t: number;
  r: number;
  id: number | string;
}

/** What every source gets for one page. */
export interface SourceRequest {
  ctx: HistoryContext;
  identity: Identity;
  draftId: string;
  query: TimelineQuery;
  /** Clause numbers by id (the draft's clauses). */
  numberOf: Map<string, number>;
  /** Rows to read: one more than the page, to know whether there is a next one. */
  take: number;
  /** The cursor condition for this source on its time and id columns (undefined on the first page). */
  before(at: PgColumn, id: PgColumn): SQL | undefined;
  /** The from/to filter on a time column. */
  within(at: PgColumn): Array<SQL | undefined>;
}

export interface TimelineSource {
  /** Its name in lib/history/timeline-sources.ts, which also orders entries at equal times. */
  name: TimelineSourceName;
  /** The kind of entry it gives (what the kind filter selects). */
  kind: TimelineKind;
  /** The source has no delegation of its own: skipped when the timeline is filtered by delegation. */
  withoutDelegation?: boolean;
  /** Entries newest first, at most `take`, each with `source` set to this source's name. */
  read(request: SourceRequest): Promise<TimelineEntry[]>;
}

/** The cursor condition for a source of the given rank. */
export function beforeCursor(cursor: TimelineCursor | null, rank: number, at: PgColumn, id: PgColumn): SQL | undefined {
  if (!cursor) return undefined;
  const t = new Date(cursor.t).toISOString();
  // Pages are ordered by the millisecond (what an entry's ISO time holds); the database keeps microseconds.
  const ms = sql`date_trunc('milliseconds', ${at})`;
  if (rank > cursor.r) return sql`${ms} < ${t}::timestamptz`;
  if (rank < cursor.r) return sql`${ms} <= ${t}::timestamptz`;
  return or(sql`${ms} < ${t}::timestamptz`, and(sql`${ms} = ${t}::timestamptz`, lt(id, cursor.id)));
}

export function withinRange(query: TimelineQuery, column: PgColumn): Array<SQL | undefined> {
  return [query.from ? sql`${column} >= ${query.from.toISOString()}` : undefined, query.to ? sql`${column} <= ${query.to.toISOString()}` : undefined];
}

/** An actor as recorded on a row (a role when the row keeps it). */
export function actor(name: string | null | undefined, delegation: string | null | undefined, role: TimelineActor['role'] = null): TimelineActor | null {
  if (!name) return null;
  return { name, role, delegation: delegation ?? null };
}

/** The people with the given ids as actors (their current name, role and delegation). */
export async function actorsById(ctx: HistoryContext, ids: Array<string | null | undefined>): Promise<Map<string, TimelineActor>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: users.id, name: users.name, role: users.role, delegation: users.delegationCode })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role, delegation: r.delegation }]));
}

/** Clause numbers of the given ids that are in the draft, ascending. */
export function numbersOf(numberOf: Map<string, number>, ids: readonly string[]): number[] {
  return ids
    .map((id) => numberOf.get(id))
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
}

/** A string field of an audit entry's details (null when absent or not a string). */
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The draft's audit-log entries of the given actions for one page (newest first, under
 * the cursor and the from/to filter, plus the source's own filters on the details), with
 * the people who made them as actors. Sources whose events live only in the audit log
 * (decisions, backings, mandates) read through this.
 */
export async function auditEvents(request: SourceRequest, actions: readonly string[], filters: Array<SQL | undefined>) {
  const { ctx, draftId, take, before, within } = request;
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.draftId, draftId), inArray(auditLog.action, [...actions]), before(auditLog.at, auditLog.id), ...within(auditLog.at), ...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(take);
  const people = await actorsById(
    ctx,
    rows.map((r) => r.actorId),
  );
  return { rows, people };
}

/**
 * The statements of the history indexer: reading what is not indexed yet and the
 * authors' open sessions, writing a planned batch in one statement, cutting snapshots.
 */
import { and, asc, eq, gt, lte, notExists, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { authorKey, type SessionState } from '@/lib/history/group-sessions';
import type { Database } from '../db/client';
import { historyEdits, historySnapshots, historyState, yjsUpdates } from '../db/schema';
import { nextTurn as turn } from '../util/event-loop';
import { loadDocAt } from './doc-at';
import type { BatchPlan, LogRow } from './index-plan';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A history_sessions row as the driver returns it from raw SQL (bigints may come as strings). */
interface SessionRow {
  id: number | string;
  user_id: string | null;
  delegation_code: string | null;
  started_at: Date | string;
  ended_at: Date | string;
  clause_ids: string[] | string;
  inserted: number;
  deleted: number;
  edits: number;
  first_log_id: number | string;
  last_log_id: number | string;
}

/** The newest session of each author (one query for the whole batch): the one an edit may continue. */
export async function openSessionsOf(tx: Database | Tx, draftId: string, authors: Map<string, { userId: string | null; delegation: string | null }>) {
  const open = new Map<string, SessionState>();
  const ids = new Map<string, number>();
  const wanted = JSON.stringify([...authors.values()].map(({ userId, delegation }) => ({ u: userId, d: delegation })));
  const result = await tx.execute(sql`
    select s.id, s.user_id, s.delegation_code, s.started_at, s.ended_at, s.clause_ids, s.inserted, s.deleted, s.edits,
      s.first_log_id, s.last_log_id
    from jsonb_to_recordset(${wanted}::jsonb) as a(u uuid, d text)
    cross join lateral (
      select * from history_sessions h
      where h.draft_id = ${draftId} and h.user_id is not distinct from a.u and h.delegation_code is not distinct from a.d
      order by h.ended_at desc, h.id desc
      limit 1
    ) s`);
  for (const row of (result as unknown as { rows: SessionRow[] }).rows) {
    const key = authorKey(row.user_id, row.delegation_code);
    open.set(key, {
      userId: row.user_id,
      delegation: row.delegation_code,
      startedAt: new Date(row.started_at).getTime(),
      endedAt: new Date(row.ended_at).getTime(),
      clauseIds: typeof row.clause_ids === 'string' ? (JSON.parse(row.clause_ids) as string[]) : row.clause_ids,
      inserted: row.inserted,
      deleted: row.deleted,
      edits: row.edits,
      firstLogId: Number(row.first_log_id),
      lastLogId: Number(row.last_log_id),
    });
    ids.set(key, Number(row.id));
  }
  return { open, ids };
}

/**
 * Write a planned batch in one statement (a round trip costs about a millisecond on the
 * embedded database, and one statement is atomic without a transaction around it):
 * continued sessions updated, new ones inserted, one history_edits row per logged
 * update, insertion ranges (a client's first span extends its row of an earlier batch
 * in the same session when they touch), deletion ranges, and, when given, the cursor.
 */
export async function writeBatch(executor: Database | Tx, draftId: string, plan: BatchPlan, cursor: number | null): Promise<Map<number, number>> {
  const result = await executor.execute(sql`
    with cont as (
      update history_sessions h set started_at = v.started_at, ended_at = v.ended_at, clause_ids = v.clause_ids,
        inserted = v.inserted, deleted = v.deleted, edits = v.edits, first_log_id = v.first_log_id, last_log_id = v.last_log_id
      from jsonb_to_recordset(${JSON.stringify(plan.continued)}::jsonb) as v(id bigint, started_at timestamptz, ended_at timestamptz,
        clause_ids jsonb, inserted integer, deleted integer, edits integer, first_log_id bigint, last_log_id bigint)
      where h.id = v.id
      returning h.id
    ), fresh as (
      insert into history_sessions (draft_id, user_id, delegation_code, started_at, ended_at, clause_ids, inserted, deleted, edits, first_log_id, last_log_id)
      select ${draftId}, v.user_id, v.delegation_code, v.started_at, v.ended_at, v.clause_ids, v.inserted, v.deleted, v.edits, v.first_log_id, v.last_log_id
      from jsonb_to_recordset(${JSON.stringify(plan.fresh)}::jsonb) as v(user_id uuid, delegation_code text, started_at timestamptz,
        ended_at timestamptz, clause_ids jsonb, inserted integer, deleted integer, edits integer, first_log_id bigint, last_log_id bigint)
      order by v.first_log_id
      returning id, first_log_id
    ), edits as (
      insert into history_edits (log_id, draft_id, session_id, at, inserted, deleted)
      select v.log_id, ${draftId}, coalesce(v.sid, f.id), v.at, v.inserted, v.deleted
      from jsonb_to_recordset(${JSON.stringify(plan.edits)}::jsonb) as v(log_id bigint, sid bigint, sfirst bigint, at timestamptz, inserted integer, deleted integer)
      left join fresh f on f.first_log_id = v.sfirst
      returning 1
    ), ins as (
      select v.*, coalesce(v.sid, f.id) as session_id
      from jsonb_to_recordset(${JSON.stringify(plan.insertions)}::jsonb) as v(client bigint, clock_start integer, clock_end integer, user_id uuid,
        delegation_code text, sid bigint, sfirst bigint, log_id bigint, at timestamptz, first boolean)
      left join fresh f on f.first_log_id = v.sfirst
    ), extended as (
      update history_insertions h set clock_end = i.clock_end
      from ins i
      where i.first and i.sid is not null
        and h.draft_id = ${draftId} and h.client = i.client and h.clock_end = i.clock_start and h.session_id = i.sid
      returning h.client
    ), inserted as (
      insert into history_insertions (draft_id, client, clock_start, clock_end, user_id, delegation_code, session_id, log_id, at)
      select ${draftId}, i.client, i.clock_start, i.clock_end, i.user_id, i.delegation_code, i.session_id, i.log_id, i.at
      from ins i
      where not (i.first and i.client in (select client from extended))
      returning 1
    ), deleted as (
      insert into history_deletions (draft_id, client, clock_start, clock_end, user_id, delegation_code, log_id, at)
      select ${draftId}, v.client, v.clock_start, v.clock_end, v.user_id, v.delegation_code, v.log_id, v.at
      from jsonb_to_recordset(${JSON.stringify(plan.deletions)}::jsonb) as v(client bigint, clock_start integer, clock_end integer,
        user_id uuid, delegation_code text, log_id bigint, at timestamptz)
      returning 1
    ), moved as (
      insert into history_state (draft_id, indexed_up_to) select ${draftId}, ${cursor}::bigint where ${cursor}::bigint is not null
      on conflict (draft_id) do update set indexed_up_to = greatest(history_state.indexed_up_to, excluded.indexed_up_to)
      returning 1
    )
    select f.id, f.first_log_id from fresh f`);
  // The new sessions' ids by their first log id (the other parts run whether or not they are read).
  const rows = (result as unknown as { rows: Array<{ id: number | string; first_log_id: number | string }> }).rows;
  return new Map(rows.map((r) => [Number(r.first_log_id), Number(r.id)]));
}

/** Write one permanent snapshot when enough updates have gathered below the cursor. */
export async function maybeSnapshot(
  tx: Database | Tx,
  draftId: string,
  cursor: number,
  snapshotUpTo: number,
  snapshotEvery: number,
): Promise<{ wrote: boolean; more: boolean }> {
  if (cursor - snapshotUpTo < snapshotEvery) return { wrote: false, more: false }; // ids are global: a cheap pre-check
  const [target] = await tx
    .select({ id: yjsUpdates.id })
    .from(yjsUpdates)
    .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, snapshotUpTo), lte(yjsUpdates.id, cursor)))
    .orderBy(asc(yjsUpdates.id))
    .offset(snapshotEvery - 1)
    .limit(1);
  if (!target) return { wrote: false, more: false };
  await turn();
  const doc = await loadDocAt(tx, draftId, target.id, { chunk: 100 });
  try {
    const state = Y.encodeStateAsUpdate(doc);
    await turn();
    await tx.insert(historySnapshots).values({ draftId, upToId: target.id, state }).onConflictDoNothing();
  } finally {
    doc.destroy();
  }
  await turn();
  await tx.update(historyState).set({ snapshotUpTo: target.id }).where(eq(historyState.draftId, draftId));
  return { wrote: true, more: true };
}

/** The rows of a draft's log after `after` that are not indexed yet, oldest first. */
export function unindexedRows(executor: Database | Tx, draftId: string, after: number, batchSize: number): Promise<LogRow[]> {
  return executor
    .select({
      id: yjsUpdates.id,
      update: yjsUpdates.update,
      userId: yjsUpdates.userId,
      delegationCode: yjsUpdates.delegationCode,
      clauseIds: yjsUpdates.clauseIds,
      createdAt: yjsUpdates.createdAt,
    })
    .from(yjsUpdates)
    .where(
      and(
        eq(yjsUpdates.draftId, draftId),
        gt(yjsUpdates.id, after),
        notExists(
          executor
            .select({ one: sql`1` })
            .from(historyEdits)
            .where(eq(historyEdits.logId, yjsUpdates.id)),
        ),
      ),
    )
    .orderBy(asc(yjsUpdates.id))
    .limit(batchSize);
}

/** Whether a draft has logged updates that are not indexed yet (one cheap query). */
export async function behind(db: Database, draftId: string): Promise<boolean> {
  // The cursor first, as a constant: a range on the log's (draft_id, id) index, not a scan.
  const [state] = await db.select({ cursor: historyState.indexedUpTo }).from(historyState).where(eq(historyState.draftId, draftId));
  const rows = await db
    .select({ id: yjsUpdates.id })
    .from(yjsUpdates)
    .where(
      and(
        eq(yjsUpdates.draftId, draftId),
        gt(yjsUpdates.id, state?.cursor ?? 0),
        notExists(
          db
            .select({ one: sql`1` })
            .from(historyEdits)
            .where(eq(historyEdits.logId, yjsUpdates.id)),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

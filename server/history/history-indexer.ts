/**
 * Keeps the history index of each draft up to date, incrementally, from the update
 * log: one row per logged update (`history_edits`), edit sessions, who created and who
 * deleted which Yjs items, and permanent snapshots every `snapshotEvery` updates. Reads
 * never group or replay the whole log.
 *
 * Ordering: on PostgreSQL a row with a smaller id can commit after a larger one (inserts
 * finish within 30 s). Rows are therefore indexed whenever they are visible, deduplicated
 * by log id, and the draft's cursor (`indexed_up_to`, below which everything is indexed)
 * only advances over rows older than the settle period. Snapshots are cut only below the
 * cursor, so they never miss a late row. A per-draft advisory lock makes one instance
 * index a draft at a time.
 */
import { and, asc, count, eq, gt, lte, max, notExists, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { authorKey, groupSessions, SESSION_GAP_MS, type EditFact, type SessionState } from '@/lib/history/group-sessions';
import type { Database } from '../db/client';
import { historyDeletions, historyEdits, historyInsertions, historySessions, historySnapshots, historyState, yjsUpdates } from '../db/schema';
import { loadDocAt } from './doc-at';
import { updateFacts, type UpdateFacts } from './yjs-facts';

export interface HistoryIndexerOptions {
  db: Database;
  logger: Logger;
  /** Only rows at least this old move the cursor (0 on the embedded database, where commits are in id order). */
  settleSeconds: number;
  /** Updates between two permanent snapshots. */
  snapshotEvery?: number;
  /** Logged updates indexed per transaction (smaller on the embedded database, where a transaction holds its only connection). */
  batchSize?: number;
  gapMs?: number;
  /** Called after a run that indexed new rows, with the newest log id it indexed (e.g. to tell open history pages). */
  onIndexed?: (draftId: string, newestLogId: number) => void;
}

const LOCK = 727004;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

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

interface Row {
  id: number;
  update: Uint8Array;
  userId: string | null;
  delegationCode: string | null;
  clauseIds: string[];
  createdAt: Date;
}

export function createHistoryIndexer(options: HistoryIndexerOptions) {
  const { db, logger } = options;
  const snapshotEvery = options.snapshotEvery ?? 1000;
  const batchSize = options.batchSize ?? 2000;
  const gapMs = options.gapMs ?? SESSION_GAP_MS;
  const inFlight = new Map<string, Promise<void>>();
  const timers = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  let closed = false;

  /** The newest session of each author (one query for the whole batch): the one an edit may continue. */
  async function openSessionsOf(tx: Tx, draftId: string, authors: Map<string, { userId: string | null; delegation: string | null }>) {
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

  async function indexRows(tx: Tx, draftId: string, rows: Row[]): Promise<void> {
    const facts: Array<UpdateFacts | null> = rows.map((row) => {
      try {
        return updateFacts(row.update);
      } catch (err) {
        logger.warn({ err, draftId, logId: row.id }, 'a logged update could not be decoded for the history index');
        return null;
      }
    });
    const edits: EditFact[] = rows.map((row, i) => ({
      logId: row.id,
      at: row.createdAt.getTime(),
      userId: row.userId,
      delegation: row.delegationCode,
      clauseIds: row.clauseIds,
      inserted: facts[i]?.insertedChars ?? 0,
      deleted: facts[i]?.deletedUnits ?? 0,
    }));
    const authors = new Map(edits.map((e) => [authorKey(e.userId, e.delegation), { userId: e.userId, delegation: e.delegation }]));
    const { open, ids } = await openSessionsOf(tx, draftId, authors);
    const { sessions, assignment, fromOpen } = groupSessions(edits, open, gapMs);

    // Sessions: update the continued ones, insert the new ones (in creation order).
    const sessionIds: number[] = [];
    const toSessionRow = (s: SessionState) => ({
      draftId,
      userId: s.userId,
      delegationCode: s.delegation,
      startedAt: new Date(s.startedAt),
      endedAt: new Date(s.endedAt),
      clauseIds: s.clauseIds,
      inserted: s.inserted,
      deleted: s.deleted,
      edits: s.edits,
      firstLogId: s.firstLogId,
      lastLogId: s.lastLogId,
    });
    const fresh: number[] = [];
    const continued: Array<Record<string, unknown>> = [];
    for (let i = 0; i < sessions.length; i += 1) {
      const key = fromOpen.get(i);
      const id = key !== undefined ? ids.get(key) : undefined;
      if (id !== undefined) {
        sessionIds[i] = id;
        const s = sessions[i];
        continued.push({
          id,
          started_at: new Date(s.startedAt).toISOString(),
          ended_at: new Date(s.endedAt).toISOString(),
          clause_ids: s.clauseIds,
          inserted: s.inserted,
          deleted: s.deleted,
          edits: s.edits,
          first_log_id: s.firstLogId,
          last_log_id: s.lastLogId,
        });
      } else fresh.push(i);
    }
    // The continued sessions in one statement (a round trip each costs milliseconds on the embedded database).
    if (continued.length > 0) {
      await tx.execute(sql`
        update history_sessions h set started_at = v.started_at, ended_at = v.ended_at, clause_ids = v.clause_ids,
          inserted = v.inserted, deleted = v.deleted, edits = v.edits, first_log_id = v.first_log_id, last_log_id = v.last_log_id
        from jsonb_to_recordset(${JSON.stringify(continued)}::jsonb) as v(id bigint, started_at timestamptz, ended_at timestamptz,
          clause_ids jsonb, inserted integer, deleted integer, edits integer, first_log_id bigint, last_log_id bigint)
        where h.id = v.id`);
    }
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(historySessions)
        .values(fresh.map((i) => toSessionRow(sessions[i])))
        .returning({ id: historySessions.id });
      fresh.forEach((i, k) => (sessionIds[i] = inserted[k].id));
    }

    await tx.insert(historyEdits).values(
      rows.map((row, i) => ({
        logId: row.id,
        draftId,
        sessionId: sessionIds[assignment[i]],
        at: row.createdAt,
        inserted: edits[i].inserted,
        deleted: edits[i].deleted,
      })),
    );

    // Created items: contiguous spans of one client within one session become one row.
    type Insertion = typeof historyInsertions.$inferInsert;
    const insertions: Insertion[] = [];
    const lastOfClient = new Map<number, Insertion>();
    const deletions: Array<typeof historyDeletions.$inferInsert> = [];
    rows.forEach((row, i) => {
      const f = facts[i];
      if (!f) return;
      const sessionId = sessionIds[assignment[i]];
      for (const span of f.created) {
        const last = lastOfClient.get(span.client);
        if (last && last.clockEnd === span.clock && last.sessionId === sessionId) {
          last.clockEnd = span.clock + span.len;
          continue;
        }
        const entry: Insertion = {
          draftId,
          client: span.client,
          clockStart: span.clock,
          clockEnd: span.clock + span.len,
          userId: row.userId,
          delegationCode: row.delegationCode,
          sessionId,
          logId: row.id,
          at: row.createdAt,
        };
        insertions.push(entry);
        lastOfClient.set(span.client, entry);
      }
      for (const span of f.deleted) {
        deletions.push({
          draftId,
          client: span.client,
          clockStart: span.clock,
          clockEnd: span.clock + span.len,
          userId: row.userId,
          delegationCode: row.delegationCode,
          logId: row.id,
          at: row.createdAt,
        });
      }
    });
    // The first span of each client may continue a row written by an earlier batch.
    const firstOfClient = new Map<number, Insertion>();
    for (const entry of insertions) if (!firstOfClient.has(entry.client)) firstOfClient.set(entry.client, entry);
    const extended = new Set<Insertion>();
    if (firstOfClient.size > 0) {
      const candidates = [...firstOfClient.values()].map((e) => ({ client: e.client, clock_start: e.clockStart, clock_end: e.clockEnd, session_id: e.sessionId }));
      const result = await tx.execute(sql`
        update history_insertions h set clock_end = v.clock_end
        from jsonb_to_recordset(${JSON.stringify(candidates)}::jsonb) as v(client bigint, clock_start integer, clock_end integer, session_id bigint)
        where h.draft_id = ${draftId} and h.client = v.client and h.clock_end = v.clock_start and h.session_id = v.session_id
        returning h.client`);
      for (const row of (result as unknown as { rows: Array<{ client: number | string }> }).rows) {
        const entry = firstOfClient.get(Number(row.client));
        if (entry) extended.add(entry);
      }
    }
    const newInsertions = insertions.filter((e) => !extended.has(e));
    for (let i = 0; i < newInsertions.length; i += 5000) await tx.insert(historyInsertions).values(newInsertions.slice(i, i + 5000));
    for (let i = 0; i < deletions.length; i += 5000) await tx.insert(historyDeletions).values(deletions.slice(i, i + 5000));
  }

  /** Write one permanent snapshot when enough updates have gathered below the cursor. */
  async function maybeSnapshot(tx: Tx, draftId: string, cursor: number, snapshotUpTo: number): Promise<{ wrote: boolean; more: boolean }> {
    if (cursor - snapshotUpTo < snapshotEvery) return { wrote: false, more: false }; // ids are global: a cheap pre-check
    const [target] = await tx
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, snapshotUpTo), lte(yjsUpdates.id, cursor)))
      .orderBy(asc(yjsUpdates.id))
      .offset(snapshotEvery - 1)
      .limit(1);
    if (!target) return { wrote: false, more: false };
    const doc = await loadDocAt(tx, draftId, target.id);
    try {
      await tx
        .insert(historySnapshots)
        .values({ draftId, upToId: target.id, state: Y.encodeStateAsUpdate(doc) })
        .onConflictDoNothing();
    } finally {
      doc.destroy();
    }
    await tx.update(historyState).set({ snapshotUpTo: target.id }).where(eq(historyState.draftId, draftId));
    return { wrote: true, more: true };
  }

  /** Index one batch of a draft; true when more work remains. `progress.newest` grows to the newest id indexed. */
  async function indexBatch(draftId: string, progress: { newest: number }): Promise<boolean> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK}, hashtext(${draftId}))`);
      await tx.insert(historyState).values({ draftId }).onConflictDoNothing();
      const [state] = await tx.select().from(historyState).where(eq(historyState.draftId, draftId));
      const rows: Row[] = await tx
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
            // After this run's first batch, from where it got to: the rows between the
            // cursor and there are indexed, bar one committed late, which the next run's
            // first batch (from the cursor) finds. Rescanning them every batch made each
            // one cost more the longer the edits had gone on.
            gt(yjsUpdates.id, Math.max(state.indexedUpTo, progress.newest)),
            notExists(tx.select({ one: sql`1` }).from(historyEdits).where(eq(historyEdits.logId, yjsUpdates.id))),
          ),
        )
        .orderBy(asc(yjsUpdates.id))
        .limit(batchSize);
      if (rows.length > 0) {
        await indexRows(tx, draftId, rows);
        progress.newest = Math.max(progress.newest, rows[rows.length - 1].id);
      }
      const limited = rows.length === batchSize;
      const [{ settled }] = await tx
        .select({ settled: max(yjsUpdates.id) })
        .from(yjsUpdates)
        .where(
          and(
            eq(yjsUpdates.draftId, draftId),
            gt(yjsUpdates.id, state.indexedUpTo),
            lte(yjsUpdates.createdAt, sql`now() - make_interval(secs => ${options.settleSeconds})`),
          ),
        );
      let cursor = state.indexedUpTo;
      if (settled !== null) cursor = Math.max(cursor, limited ? Math.min(Number(settled), rows[rows.length - 1].id) : Number(settled));
      if (cursor !== state.indexedUpTo) await tx.update(historyState).set({ indexedUpTo: cursor }).where(eq(historyState.draftId, draftId));
      const snapshot = await maybeSnapshot(tx, draftId, cursor, state.snapshotUpTo);
      if (rows.length > 0 || snapshot.wrote) logger.debug({ draftId, indexed: rows.length, cursor, snapshot: snapshot.wrote }, 'history indexed');
      return limited || snapshot.more;
    });
  }

  /** Whether a draft has logged updates that are not indexed yet (one cheap query). */
  async function behind(draftId: string): Promise<boolean> {
    // The cursor first, as a constant: a range on the log's (draft_id, id) index, not a scan.
    const [state] = await db.select({ cursor: historyState.indexedUpTo }).from(historyState).where(eq(historyState.draftId, draftId));
    const rows = await db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(
        and(
          eq(yjsUpdates.draftId, draftId),
          gt(yjsUpdates.id, state?.cursor ?? 0),
          notExists(db.select({ one: sql`1` }).from(historyEdits).where(eq(historyEdits.logId, yjsUpdates.id))),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }

  /** Index everything logged for a draft so far; concurrent callers share one run. */
  async function ensureIndexed(draftId: string): Promise<void> {
    const running = inFlight.get(draftId);
    if (running) return running.then(() => ensureIndexedNow(draftId));
    // The usual case on a read: nothing new since the last pass.
    if (!(await behind(draftId))) return;
    return ensureIndexedNow(draftId);
  }

  function ensureIndexedNow(draftId: string): Promise<void> {
    const existing = inFlight.get(draftId);
    if (existing) return existing;
    const run = (async () => {
      const progress = { newest: 0 };
      while (await indexBatch(draftId, progress)) {
        // Between batches, let waiting I/O (the edits' own writes) go first.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (progress.newest > 0) options.onIndexed?.(draftId, progress.newest);
    })().finally(() => inFlight.delete(draftId));
    inFlight.set(draftId, run);
    return run;
  }

  /**
   * Index a draft in the background once its edits pause (`quietMs` without a new one),
   * and at the latest `maxDelayMs` after the first unindexed edit while editing goes on:
   * indexing shares the database (on the embedded one, its only connection) with the
   * edits' own writes, so it waits for a lull instead of competing with typing. Reads
   * never wait for this: they index what is missing first (ensureIndexed).
   */
  function schedule(draftId: string, quietMs = 2000, maxDelayMs = 30_000): void {
    if (closed) return;
    const now = Date.now();
    const pending = timers.get(draftId);
    const since = pending?.since ?? now;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(
      () => {
        timers.delete(draftId);
        ensureIndexed(draftId).catch((err: unknown) => logger.warn({ err, draftId }, 'history indexing failed; it will be retried'));
      },
      Math.max(0, Math.min(quietMs, since + maxDelayMs - now)),
    );
    timer.unref();
    timers.set(draftId, { timer, since });
  }

  /** Index every draft with unindexed updates (at start and periodically). */
  async function runDue(): Promise<number> {
    const result = await db.execute(sql`
      select d.id as "draftId" from drafts d
      left join history_state h on h.draft_id = d.id
      where exists (select 1 from yjs_updates u where u.draft_id = d.id and u.id > coalesce(h.indexed_up_to, 0)
        and not exists (select 1 from history_edits e where e.log_id = u.id))`);
    const due = (result as unknown as { rows: Array<{ draftId: string }> }).rows;
    for (const { draftId } of due) {
      if (closed) break;
      // A draft being edited on this instance has its own pass coming (at a lull, or
      // within maxDelayMs): a second one now would only take the database from its edits.
      if (timers.has(draftId)) continue;
      try {
        await ensureIndexed(draftId);
      } catch (err) {
        logger.warn({ err, draftId }, 'history indexing failed; it will be retried');
      }
    }
    return due.length;
  }

  /** Updates logged for a draft and how many are indexed (for tests and metrics). */
  async function status(draftId: string): Promise<{ logged: number; indexed: number }> {
    const [[logged], [indexed]] = await Promise.all([
      db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId)),
      db.select({ n: count() }).from(historyEdits).where(eq(historyEdits.draftId, draftId)),
    ]);
    return { logged: Number(logged.n), indexed: Number(indexed.n) };
  }

  async function close(): Promise<void> {
    closed = true;
    for (const t of timers.values()) clearTimeout(t.timer);
    timers.clear();
    await Promise.allSettled([...inFlight.values()]);
  }

  return { ensureIndexed, schedule, runDue, status, close };
}

export type HistoryIndexer = ReturnType<typeof createHistoryIndexer>;

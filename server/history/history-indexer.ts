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
import { historyEdits, historySnapshots, historyState, yjsUpdates } from '../db/schema';
import { loadDocAt } from './doc-at';
import { updateFacts, type UpdateFacts } from './yjs-facts';
import { nextTurn as turn } from '../util/event-loop';

export interface HistoryIndexerOptions {
  db: Database;
  logger: Logger;
  /** Only rows at least this old move the cursor (0 on the embedded database, where commits are in id order). */
  settleSeconds: number;
  /**
   * The embedded database: one process (no other instance indexes), commits in id order,
   * one connection. Batches are then written without a transaction around them.
   */
  embedded?: boolean;
  /** Updates between two permanent snapshots. */
  snapshotEvery?: number;
  /** Logged updates indexed per transaction (smaller on the embedded database, where a transaction holds its only connection). */
  batchSize?: number;
  /** Rows per batch when someone waits for the run (a history read): fewer round trips. */
  urgentBatchSize?: number;
  gapMs?: number;
  /**
   * Resolves when the database has no edit waiting to be stored: a run waits for it before
   * each batch, so that the edits' own writes (which hold back their relay) go first.
   */
  editsIdle?: () => Promise<void>;
  /** Called after a run that indexed new rows, with the newest log id it indexed (e.g. to tell open history pages). */
  onIndexed?: (draftId: string, newestLogId: number) => void;
}

const LOCK = 727004;
/** Logged updates decoded in one go (a few milliseconds) before other work gets a turn. */
const DECODE_CHUNK = 50;
/** A background run pauses this many times as long as its last batch took (at most a third of the time is indexing)... */
const PACE = 2;
/** ...but never longer than this between batches. */
const MAX_PAUSE_MS = 200;
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

/** How far one run got: the newest log id it indexed, and (embedded database) the draft's history state. */
interface Progress {
  newest: number;
  state?: { indexedUpTo: number; snapshotUpTo: number };
  /** Each author's newest session as this run wrote it (embedded database). */
  sessions?: Map<string, { state: SessionState; id: number }>;
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
  const backgroundBatch = options.batchSize ?? 2000;
  const urgentBatch = options.urgentBatchSize ?? backgroundBatch;
  const gapMs = options.gapMs ?? SESSION_GAP_MS;
  const inFlight = new Map<string, Promise<void>>();
  /** Drafts whose run someone is waiting for (a read): not paced. */
  const urgent = new Set<string>();
  const timers = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  let closed = false;

  /** The newest session of each author (one query for the whole batch): the one an edit may continue. */
  async function openSessionsOf(tx: Database | Tx, draftId: string, authors: Map<string, { userId: string | null; delegation: string | null }>) {
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

  /** What one batch writes, worked out in memory from its rows and the authors' open sessions. */
  async function planBatch(draftId: string, rows: Row[], open: Map<string, SessionState>, ids: Map<string, number>) {
    // Decoded a few at a time: a long synchronous stretch would hold back every edit meanwhile.
    const facts: Array<UpdateFacts | null> = [];
    for (let i = 0; i < rows.length; i += 1) {
      if (i > 0 && i % DECODE_CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        facts.push(updateFacts(rows[i].update));
      } catch (err) {
        logger.warn({ err, draftId, logId: rows[i].id }, 'a logged update could not be decoded for the history index');
        facts.push(null);
      }
    }
    const edits: EditFact[] = rows.map((row, i) => ({
      logId: row.id,
      at: row.createdAt.getTime(),
      userId: row.userId,
      delegation: row.delegationCode,
      clauseIds: row.clauseIds,
      inserted: facts[i]?.insertedChars ?? 0,
      deleted: facts[i]?.deletedUnits ?? 0,
    }));
    const { sessions, assignment, fromOpen } = groupSessions(edits, open, gapMs);

    // A session is either one that continues (its id is known) or a new one, named by
    // its first log id (unique: an edit belongs to one session) until it is inserted.
    const ref: Array<{ sid: number | null; sfirst: number | null }> = [];
    const continued: Array<Record<string, unknown>> = [];
    const fresh: Array<Record<string, unknown>> = [];
    const times = (s: SessionState) => ({
      started_at: new Date(s.startedAt).toISOString(),
      ended_at: new Date(s.endedAt).toISOString(),
      clause_ids: s.clauseIds,
      inserted: s.inserted,
      deleted: s.deleted,
      edits: s.edits,
      first_log_id: s.firstLogId,
      last_log_id: s.lastLogId,
    });
    sessions.forEach((s, i) => {
      const key = fromOpen.get(i);
      const id = key !== undefined ? ids.get(key) : undefined;
      if (id !== undefined) {
        ref[i] = { sid: id, sfirst: null };
        continued.push({ id, ...times(s) });
      } else {
        ref[i] = { sid: null, sfirst: s.firstLogId };
        fresh.push({ user_id: s.userId, delegation_code: s.delegation, ...times(s) });
      }
    });

    const editRows = rows.map((row, i) => ({
      log_id: row.id,
      ...ref[assignment[i]],
      at: row.createdAt.toISOString(),
      inserted: edits[i].inserted,
      deleted: edits[i].deleted,
    }));

    // Created items: contiguous spans of one client within one session become one row.
    interface Insertion {
      client: number;
      clock_start: number;
      clock_end: number;
      user_id: string | null;
      delegation_code: string | null;
      sid: number | null;
      sfirst: number | null;
      log_id: number;
      at: string;
      /** The client's first span in this batch: it may continue a row of an earlier batch. */
      first: boolean;
    }
    const insertions: Insertion[] = [];
    const lastOfClient = new Map<number, Insertion>();
    const deletions: Array<Record<string, unknown>> = [];
    rows.forEach((row, i) => {
      const f = facts[i];
      if (!f) return;
      const session = ref[assignment[i]];
      const at = row.createdAt.toISOString();
      for (const span of f.created) {
        const last = lastOfClient.get(span.client);
        if (last && last.clock_end === span.clock && last.sid === session.sid && last.sfirst === session.sfirst) {
          last.clock_end = span.clock + span.len;
          continue;
        }
        const entry: Insertion = {
          client: span.client,
          clock_start: span.clock,
          clock_end: span.clock + span.len,
          user_id: row.userId,
          delegation_code: row.delegationCode,
          ...session,
          log_id: row.id,
          at,
          first: !last,
        };
        insertions.push(entry);
        lastOfClient.set(span.client, entry);
      }
      for (const span of f.deleted) {
        deletions.push({
          client: span.client,
          clock_start: span.clock,
          clock_end: span.clock + span.len,
          user_id: row.userId,
          delegation_code: row.delegationCode,
          log_id: row.id,
          at,
        });
      }
    });
    // Each author's newest session after this batch (the last one in creation order), for the next batch.
    const newest = new Map<string, { state: SessionState; sid: number | null }>();
    sessions.forEach((session, i) => newest.set(authorKey(session.userId, session.delegation), { state: session, sid: ref[i].sid }));
    return { continued, fresh, edits: editRows, insertions, deletions, newest };
  }

  type Plan = Awaited<ReturnType<typeof planBatch>>;

  /**
   * Write a planned batch in one statement (a round trip costs about a millisecond on the
   * embedded database, and one statement is atomic without a transaction around it):
   * continued sessions updated, new ones inserted, one history_edits row per logged
   * update, insertion ranges (a client's first span extends its row of an earlier batch
   * in the same session when they touch), deletion ranges, and, when given, the cursor.
   */
  async function writeBatch(executor: Database | Tx, draftId: string, plan: Plan, cursor: number | null): Promise<Map<number, number>> {
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
  async function maybeSnapshot(tx: Database | Tx, draftId: string, cursor: number, snapshotUpTo: number): Promise<{ wrote: boolean; more: boolean }> {
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
  function unindexedRows(executor: Database | Tx, draftId: string, after: number, batchSize: number): Promise<Row[]> {
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
          notExists(executor.select({ one: sql`1` }).from(historyEdits).where(eq(historyEdits.logId, yjsUpdates.id))),
        ),
      )
      .orderBy(asc(yjsUpdates.id))
      .limit(batchSize);
  }

  /**
   * Plan a batch, with the open session of each of its authors: from `known` (what this
   * run wrote last, on the embedded database), else from the database.
   */
  async function plannedBatch(executor: Database | Tx, draftId: string, rows: Row[], known?: Map<string, { state: SessionState; id: number }>) {
    const authors = new Map(rows.map((r) => [authorKey(r.userId, r.delegationCode), { userId: r.userId, delegation: r.delegationCode }]));
    const open = new Map<string, SessionState>();
    const ids = new Map<string, number>();
    for (const key of authors.keys()) {
      const session = known?.get(key);
      if (!session) continue;
      open.set(key, session.state);
      ids.set(key, session.id);
      authors.delete(key);
    }
    if (authors.size > 0) {
      const found = await openSessionsOf(executor, draftId, authors);
      for (const [key, state] of found.open) open.set(key, state);
      for (const [key, id] of found.ids) ids.set(key, id);
    }
    return await planBatch(draftId, rows, open, ids);
  }

  /**
   * Index one batch of a draft; true when more work remains. `progress.newest` grows to
   * the newest id indexed. After a run's first batch, rows are read from where it got to
   * (not from the cursor again): the rows in between are indexed, bar one committed late,
   * which the next run's first batch (from the cursor) finds.
   */
  function indexBatch(draftId: string, progress: Progress): Promise<boolean> {
    return options.embedded ? indexBatchInStatements(draftId, progress) : indexBatchInTransaction(draftId, progress);
  }

  /**
   * On PostgreSQL: a transaction under the draft's advisory lock (another instance may
   * index the same draft), and the cursor only moves over rows older than the settle period.
   */
  async function indexBatchInTransaction(draftId: string, progress: Progress): Promise<boolean> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK}, hashtext(${draftId}))`);
      await tx.insert(historyState).values({ draftId }).onConflictDoNothing();
      const [state] = await tx.select().from(historyState).where(eq(historyState.draftId, draftId));
      const batchSize = urgent.has(draftId) ? urgentBatch : backgroundBatch;
      const rows = await unindexedRows(tx, draftId, Math.max(state.indexedUpTo, progress.newest), batchSize);
      if (rows.length > 0) {
        await writeBatch(tx, draftId, await plannedBatch(tx, draftId, rows), null);
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

  /**
   * On the embedded database (one process, commits in id order, so nothing has to settle):
   * no transaction around the batch. A transaction there holds the only connection, and
   * the edits' own writes would wait for every statement of it and for the decoding in
   * between; here they wait at most for one statement. The reads are consistent because
   * only this run writes this draft's index (runs are one per draft, and no other process
   * opens the database), and the write is one statement, so a crash leaves the index as
   * it was before the batch or after it.
   */
  async function indexBatchInStatements(draftId: string, progress: Progress): Promise<boolean> {
    // Between statements, a turn of the event loop: PGlite runs a statement synchronously,
    // so statements chained by promises alone would hold the thread for the whole batch,
    // and an edit arriving meanwhile would wait for all of it instead of for one statement.
    // The state is read once per run: only this run moves it meanwhile.
    if (!progress.state) {
      const [state] = await db.select().from(historyState).where(eq(historyState.draftId, draftId));
      progress.state = { indexedUpTo: state?.indexedUpTo ?? 0, snapshotUpTo: state?.snapshotUpTo ?? 0 };
      await turn();
    }
    const state = progress.state;
    const batchSize = urgent.has(draftId) ? urgentBatch : backgroundBatch;
    const rows = await unindexedRows(db, draftId, Math.max(state.indexedUpTo, progress.newest), batchSize);
    if (rows.length > 0) {
      await turn();
      progress.sessions ??= new Map();
      const plan = await plannedBatch(db, draftId, rows, progress.sessions);
      // Edits waiting to be stored go first.
      await turn();
      await options.editsIdle?.();
      // Every row up to the batch's last one is indexed now or was before (ids commit in order).
      const cursor = rows[rows.length - 1].id;
      const freshIds = await writeBatch(db, draftId, plan, cursor);
      // The authors' newest sessions as written: the next batch continues them without asking again.
      for (const [key, { state: session, sid }] of plan.newest) {
        const id = sid ?? freshIds.get(session.firstLogId);
        if (id === undefined) progress.sessions.delete(key);
        else progress.sessions.set(key, { state: session, id });
      }
      state.indexedUpTo = Math.max(state.indexedUpTo, cursor);
      progress.newest = Math.max(progress.newest, cursor);
    }
    const snapshot = await maybeSnapshot(db, draftId, state.indexedUpTo, state.snapshotUpTo);
    if (snapshot.wrote) progress.state = undefined; // read it again: the snapshot moved it
    if (rows.length > 0 || snapshot.wrote) logger.debug({ draftId, indexed: rows.length, cursor: state.indexedUpTo, snapshot: snapshot.wrote }, 'history indexed');
    return rows.length === batchSize || snapshot.more;
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

  /**
   * Index everything logged for a draft so far; concurrent callers share one run. A
   * reader (the default) needs it now: the run goes at full speed. A background pass
   * (`background`) is paced, so that it never takes more than a third of the time from
   * live editing: an edit arriving meanwhile then waits for one statement at most instead
   * of queueing behind a busy second.
   */
  async function ensureIndexed(draftId: string, { background = false } = {}): Promise<void> {
    if (!background) urgent.add(draftId);
    const running = inFlight.get(draftId);
    if (running) return running.then(() => ensureIndexedNow(draftId, background));
    // The usual case on a read: nothing new since the last pass.
    if (!(await behind(draftId))) {
      if (!inFlight.has(draftId)) urgent.delete(draftId);
      return;
    }
    return ensureIndexedNow(draftId, background);
  }

  function ensureIndexedNow(draftId: string, background: boolean): Promise<void> {
    const existing = inFlight.get(draftId);
    if (existing) return existing;
    if (!background) urgent.add(draftId);
    const run = (async () => {
      const progress: Progress = { newest: 0 };
      for (;;) {
        // Edits waiting to be stored go first (their relay waits for it).
        await options.editsIdle?.();
        const started = performance.now();
        if (!(await indexBatch(draftId, progress))) break;
        if (closed) break; // resumable: the cursor and the rows say where to go on
        const pause = urgent.has(draftId) ? 0 : Math.min(MAX_PAUSE_MS, (performance.now() - started) * PACE);
        await new Promise<void>((resolve) => (pause > 0 ? setTimeout(resolve, pause) : setImmediate(resolve)));
      }
      if (progress.newest > 0) options.onIndexed?.(draftId, progress.newest);
    })().finally(() => {
      inFlight.delete(draftId);
      urgent.delete(draftId);
    });
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
        ensureIndexed(draftId, { background: true }).catch((err: unknown) => logger.warn({ err, draftId }, 'history indexing failed; it will be retried'));
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
        await ensureIndexed(draftId, { background: true });
      } catch (err) {
        logger.warn({ err, draftId }, 'history indexing failed; it will be retried');
      }
    }
    return due.length;
  }

  /**
   * Run the batch statements once with nothing to write (at start): the first run of each
   * reads its tables and plans from disk, and on the embedded database that took ~30 ms on
   * the only connection, in the middle of the first pass while people type.
   */
  async function prime(): Promise<void> {
    const nobody = '00000000-0000-0000-0000-000000000000';
    await unindexedRows(db, nobody, 0, 1);
    await openSessionsOf(db, nobody, new Map([['-|-', { userId: null, delegation: null }]]));
    await writeBatch(db, nobody, { continued: [], fresh: [], edits: [], insertions: [], deletions: [], newest: new Map() }, null);
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

  return { ensureIndexed, schedule, runDue, prime, status, close };
}

export type HistoryIndexer = ReturnType<typeof createHistoryIndexer>;

/**
 * Indexing one batch of a draft's log: on PostgreSQL in a transaction under the draft's
 * advisory lock, on the embedded database statement by statement (see each function).
 */
import { and, eq, gt, lte, max, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { authorKey, type SessionState } from '@/lib/history/group-sessions';
import type { Database } from '../db/client';
import { historyState, yjsUpdates } from '../db/schema';
import { nextTurn as turn } from '../util/event-loop';
import { decodeRows, planBatch, type LogRow } from './index-plan';
import { maybeSnapshot, openSessionsOf, unindexedRows, writeBatch, type Tx } from './index-statements';

const LOCK = 727004;

/** How far one run got: the newest log id it indexed, and (embedded database) the draft's history state. */
export interface Progress {
  newest: number;
  state?: { indexedUpTo: number; snapshotUpTo: number };
  /** Each author's newest session as this run wrote it (embedded database). */
  sessions?: Map<string, { state: SessionState; id: number }>;
}

export interface BatchSettings {
  db: Database;
  logger: Logger;
  settleSeconds: number;
  embedded: boolean;
  snapshotEvery: number;
  backgroundBatch: number;
  urgentBatch: number;
  gapMs: number;
  /** Drafts whose run someone is waiting for (a read): bigger batches. */
  urgent: ReadonlySet<string>;
  editsIdle?: () => Promise<void>;
}

export function createBatchIndexing(settings: BatchSettings) {
  const { db, logger, snapshotEvery, gapMs, urgent, urgentBatch, backgroundBatch } = settings;
  const options = settings;

  /**
   * Plan a batch, with the open session of each of its authors: from `known` (what this
   * run wrote last, on the embedded database), else from the database.
   */
  async function plannedBatch(executor: Database | Tx, draftId: string, rows: LogRow[], known?: Map<string, { state: SessionState; id: number }>) {
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
    return planBatch(rows, await decodeRows(draftId, rows, logger), open, ids, gapMs);
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
      const snapshot = await maybeSnapshot(tx, draftId, cursor, state.snapshotUpTo, snapshotEvery);
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
    const snapshot = await maybeSnapshot(db, draftId, state.indexedUpTo, state.snapshotUpTo, snapshotEvery);
    if (snapshot.wrote) progress.state = undefined; // read it again: the snapshot moved it
    if (rows.length > 0 || snapshot.wrote)
      logger.debug({ draftId, indexed: rows.length, cursor: state.indexedUpTo, snapshot: snapshot.wrote }, 'history indexed');
    return rows.length === batchSize || snapshot.more;
  }

  return { indexBatch };
}

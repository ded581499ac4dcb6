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
 *
 * This file is the facade: scheduling runs, one per draft at a time, and pacing them.
 * Planning a batch is index-plan.ts, its statements index-statements.ts, one batch on
 * either database index-batch.ts.
 */
import { count, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { SESSION_GAP_MS } from '@/lib/history/group-sessions';
import type { Database } from '../db/client';
import { historyEdits, yjsUpdates } from '../db/schema';
import { createBatchIndexing, type Progress } from './index-batch';
import { behind, openSessionsOf, unindexedRows, writeBatch } from './index-statements';

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

/** A background run pauses this many times as long as its last batch took (at most a third of the time is indexing)... */
const PACE = 2;
/** ...but never longer than this between batches. */
const MAX_PAUSE_MS = 200;

export function createHistoryIndexer(options: HistoryIndexerOptions) {
  const { db, logger } = options;
  const backgroundBatch = options.batchSize ?? 2000;
  const inFlight = new Map<string, Promise<void>>();
  /** Drafts whose run someone is waiting for (a read): not paced. */
  const urgent = new Set<string>();
  const timers = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  let closed = false;
  const { indexBatch } = createBatchIndexing({
    db,
    logger,
    settleSeconds: options.settleSeconds,
    embedded: options.embedded ?? false,
    snapshotEvery: options.snapshotEvery ?? 1000,
    backgroundBatch,
    urgentBatch: options.urgentBatchSize ?? backgroundBatch,
    gapMs: options.gapMs ?? SESSION_GAP_MS,
    urgent,
    editsIdle: options.editsIdle,
  });

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
    if (!(await behind(db, draftId))) {
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

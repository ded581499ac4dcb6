/**
 * Tells the draft's room when new edits reach the history index, so that open history
 * pages can offer them without a reload. Wraps the indexer (same interface): after each
 * indexing run it reads the newest indexed log id of the draft and, when it moved,
 * publishes `history:changed` with it. Edits schedule a run a moment later on the
 * instance that stored them (and restores at once), so every edit is announced once it
 * can be read; with several instances the socket.io adapter carries the event to all.
 * Runs of `runDue` (the periodic safety net) index without announcing.
 */
import { and, desc, eq, exists, gt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { HistoryChangedPayload } from '@/lib/realtime/events';
import type { Database } from '../db/client';
import { historyEdits, historyState, yjsUpdates } from '../db/schema';
import type { HistoryIndexer } from './history-indexer';

export interface AnnounceIndexedOptions {
  db: Database;
  logger: Logger;
  publish(draftId: string, payload: HistoryChangedPayload): void;
}

/** Drafts whose last announced id is remembered; beyond this the oldest are forgotten (they are read again). */
const REMEMBERED = 5000;

export function announceIndexed(indexer: HistoryIndexer, options: AnnounceIndexedOptions): HistoryIndexer {
  const { db, logger } = options;
  const announced = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;

  /**
   * The newest log id of the draft that is indexed: everything up to the indexer's cursor
   * is, and above it a walk back on the log's (draft_id, id) index finds the newest row
   * with an index entry (normally the very first one).
   */
  async function newestIndexed(draftId: string): Promise<number> {
    const [state] = await db.select({ cursor: historyState.indexedUpTo }).from(historyState).where(eq(historyState.draftId, draftId));
    const cursor = state?.cursor ?? 0;
    const [row] = await db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(
        and(
          eq(yjsUpdates.draftId, draftId),
          gt(yjsUpdates.id, cursor),
          exists(db.select({ one: sql`1` }).from(historyEdits).where(eq(historyEdits.logId, yjsUpdates.id))),
        ),
      )
      .orderBy(desc(yjsUpdates.id))
      .limit(1);
    return row?.id ?? cursor;
  }

  function remember(draftId: string, upToId: number): void {
    announced.delete(draftId);
    announced.set(draftId, upToId);
    if (announced.size > REMEMBERED) announced.delete(announced.keys().next().value!);
  }

  async function ensureIndexed(draftId: string): Promise<void> {
    const before = announced.get(draftId) ?? (await newestIndexed(draftId));
    await indexer.ensureIndexed(draftId);
    const after = await newestIndexed(draftId);
    // Concurrent runs: only the first to see a new id announces it.
    const last = announced.get(draftId) ?? before;
    if (after > last) {
      remember(draftId, after);
      options.publish(draftId, { draftId, upToId: after });
    } else if (!announced.has(draftId)) remember(draftId, after);
  }

  /** Index a draft soon (after a burst of edits) and announce what came in. */
  function schedule(draftId: string, delayMs = 1500): void {
    if (closed || timers.has(draftId)) return;
    const timer = setTimeout(() => {
      timers.delete(draftId);
      const run = ensureIndexed(draftId)
        .catch((err: unknown) => logger.warn({ err, draftId }, 'history indexing failed; it will be retried'))
        .finally(() => running.delete(run));
      running.add(run);
    }, delayMs);
    timer.unref();
    timers.set(draftId, timer);
  }

  return {
    ensureIndexed,
    schedule,
    runDue: () => indexer.runDue(),
    status: (draftId) => indexer.status(draftId),
    close: async () => {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
      await indexer.close();
    },
  };
}

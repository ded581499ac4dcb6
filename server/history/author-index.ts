/**
 * Who wrote and who deleted which characters, from the history index: range lookups by
 * Yjs client and clock, read only for the items a reader needs.
 */
import { and, asc, eq, gt, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { CharAuthors } from '@/lib/history/attribute';
import { RangeIndex, type ClockRange } from '@/lib/history/range-index';
import type { Author } from '@/lib/history/types';
import { historyDeletions, historyInsertions } from '../db/schema';
import type { HistoryContext } from './context';
import type { IdentifiedText } from './yjs-facts';

export interface ClockRun {
  client: number;
  start: number;
  end: number;
}

/** Very many scattered runs: one clock span per client keeps the query small. */
export function coarsenRuns(runs: ClockRun[], limit = 2000): ClockRun[] {
  if (runs.length <= limit) return runs;
  const byClient = new Map<number, ClockRun>();
  for (const r of runs) {
    const span = byClient.get(r.client);
    if (span) {
      span.start = Math.min(span.start, r.start);
      span.end = Math.max(span.end, r.end);
    } else byClient.set(r.client, { ...r });
  }
  return [...byClient.values()];
}

/** The author of each character (or only of those in `ranges`; the others stay null). */
export function charAuthors(text: IdentifiedText, index: RangeIndex<Author>, ranges?: Array<[number, number]>): CharAuthors {
  const out: Array<Author | null | undefined> = new Array(text.text.length).fill(null);
  for (const [start, end] of ranges ?? [[0, text.text.length]]) {
    for (let i = start; i < end; i += 1) {
      const client = text.clients[i];
      out[i] = client < 0 ? undefined : (index.find(client, text.clocks[i]) ?? null);
    }
  }
  return out;
}

export function createAuthorIndexes(ctx: HistoryContext) {
  const { db } = ctx;

  /** Authors of every created item of the given clients (from the history index). */
  async function insertionIndex(draftId: string, clients: number[]): Promise<RangeIndex<Author>> {
    if (clients.length === 0) return new RangeIndex<Author>([]);
    const rows = await db
      .select({
        client: historyInsertions.client,
        start: historyInsertions.clockStart,
        end: historyInsertions.clockEnd,
        userId: historyInsertions.userId,
        delegation: historyInsertions.delegationCode,
        at: historyInsertions.at,
      })
      .from(historyInsertions)
      .where(and(eq(historyInsertions.draftId, draftId), inArray(historyInsertions.client, clients)))
      .orderBy(asc(historyInsertions.logId));
    const who = await ctx.names(rows.map((r) => r.userId));
    const cache = new Map<string, Author>();
    const ranges: Array<ClockRange<Author>> = rows.map((r) => {
      const key = `${r.userId}|${r.delegation}|${r.at.getTime()}`;
      let author = cache.get(key);
      if (!author) {
        author = { userId: r.userId, userName: r.userId ? (who.get(r.userId) ?? 'unknown') : null, delegation: r.delegation, at: r.at.toISOString() };
        cache.set(key, author);
      }
      return { client: Number(r.client), start: r.start, end: r.end, value: author };
    });
    return new RangeIndex(ranges);
  }

  function deletionRows(draftId: string, spans: ClockRun[], fromLog: number, toLog: number) {
    const conditions: SQL[] = spans.map((r) =>
      and(eq(historyDeletions.client, r.client), lt(historyDeletions.clockStart, r.end), gt(historyDeletions.clockEnd, r.start))!,
    );
    return db
      .select({
        client: historyDeletions.client,
        start: historyDeletions.clockStart,
        end: historyDeletions.clockEnd,
        userId: historyDeletions.userId,
        delegation: historyDeletions.delegationCode,
        at: historyDeletions.at,
        logId: historyDeletions.logId,
      })
      .from(historyDeletions)
      .where(and(eq(historyDeletions.draftId, draftId), gt(historyDeletions.logId, fromLog), lte(historyDeletions.logId, toLog), or(...conditions)));
  }

  /**
   * Who deleted the given items (runs of consecutive clocks of one client) between two
   * points; the first deletion wins. Only deletion ranges overlapping the runs are read.
   */
  async function deletionIndex(draftId: string, runs: ClockRun[], fromLog: number, toLog: number): Promise<RangeIndex<Author>> {
    if (runs.length === 0 || toLog <= fromLog) return new RangeIndex<Author>([]);
    const spans = coarsenRuns(runs);
    const chunks: ClockRun[][] = [];
    for (let i = 0; i < spans.length; i += 250) chunks.push(spans.slice(i, i + 250));
    const rows = (await Promise.all(chunks.map((chunk) => deletionRows(draftId, chunk, fromLog, toLog)))).flat().sort((a, b) => a.logId - b.logId);
    const who = await ctx.names(rows.map((r) => r.userId));
    return new RangeIndex(
      rows.map((r) => ({
        client: Number(r.client),
        start: r.start,
        end: r.end,
        value: { userId: r.userId, userName: r.userId ? (who.get(r.userId) ?? 'unknown') : null, delegation: r.delegation, at: r.at.toISOString() },
      })),
    );
  }

  return { insertionIndex, deletionIndex };
}

export type AuthorIndexes = ReturnType<typeof createAuthorIndexes>;

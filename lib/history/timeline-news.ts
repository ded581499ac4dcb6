/**
 * What a fresh first page of the timeline holds that the reader does not see yet, and
 * how to fold it into what they see. The history page fetches the first page in the
 * background when the draft changes, offers the news, and merges on request, so the
 * list never moves under the reader.
 */
import { compareIds, sourceRank } from './timeline-sources';
import type { TimelineEntry } from './types';

/** News in a fresh first page, compared with the entries shown. */
export interface TimelineNews {
  /** Edits (logged changes) in new or continued sessions. */
  edits: number;
  /** Delegation codes (or names) of their authors, in order of appearance. */
  editors: string[];
  /** Labels of new revisions, e.g. "Rev.3". */
  revisions: string[];
  restores: number;
  /** New status, silence and position changes. */
  decisions: number;
  /** New comments, brackets and alternatives. */
  records: number;
  /** The page does not reach anything shown: there may be more news than counted. */
  more: boolean;
}

export const entryKey = (entry: TimelineEntry): string => `${entry.source}:${entry.id}`;

/** Newest first, as the server orders the timeline (at equal times, by source, then id). */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return Date.parse(b.at) - Date.parse(a.at) || sourceRank(b.source) - sourceRank(a.source) || compareIds(b.id, a.id);
}

/** Whether a fresh entry is the shown one unchanged (a session grows in place while its author types). */
function unchanged(fresh: TimelineEntry, shown: TimelineEntry | undefined): boolean {
  if (!shown) return false;
  if (fresh.kind === 'session' && shown.kind === 'session') return fresh.edits === shown.edits && fresh.lastLogId === shown.lastLogId;
  return true;
}

/** The news of a fresh first page (`page`, with its `nextCursor`) over the shown entries; null when there is none. */
export function timelineNews(page: readonly TimelineEntry[], nextCursor: string | null, shown: readonly TimelineEntry[]): TimelineNews | null {
  const byKey = new Map(shown.map((e) => [entryKey(e), e]));
  const news: TimelineNews = { edits: 0, editors: [], revisions: [], restores: 0, decisions: 0, records: 0, more: false };
  let reached = false;
  for (const entry of page) {
    const before = byKey.get(entryKey(entry));
    if (unchanged(entry, before)) {
      reached = true;
      continue;
    }
    if (entry.kind === 'session') {
      const added = entry.edits - (before?.kind === 'session' ? before.edits : 0);
      if (added <= 0) continue;
      news.edits += added;
      const who = entry.delegation ?? entry.userName ?? 'unknown';
      if (!news.editors.includes(who)) news.editors.push(who);
    } else if (entry.kind === 'revision') news.revisions.push(entry.revision.label);
    else if (entry.kind === 'status' && entry.action === 'history.restored') news.restores += 1;
    else if (entry.kind === 'status' || entry.kind === 'position') news.decisions += 1;
    else news.records += 1;
  }
  news.more = !reached && nextCursor !== null && shown.length > 0;
  const any = news.edits + news.revisions.length + news.restores + news.decisions + news.records > 0;
  return any ? news : null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 new edits (FR, DE) · Rev.3 · 1 restore · 2 decisions". */
export function describeNews(news: TimelineNews): string {
  const parts: string[] = [];
  if (news.edits > 0)
    parts.push(`${plural(news.edits, 'new edit', 'new edits')}${news.more ? ' or more' : ''}${news.editors.length ? ` (${news.editors.join(', ')})` : ''}`);
  if (news.revisions.length > 0) parts.push(`${news.revisions.join(', ')} cut`);
  if (news.restores > 0) parts.push(plural(news.restores, 'restore', 'restores'));
  if (news.decisions > 0) parts.push(plural(news.decisions, 'new decision', 'new decisions'));
  if (news.records > 0) parts.push(plural(news.records, 'new comment, bracket or alternative', 'new comments, brackets or alternatives'));
  return parts.join(' · ');
}

/**
 * The shown entries with a fresh first page folded in: fresh versions replace shown
 * ones, and older pages already loaded stay (with their cursor). When the page does
 * not reach what is shown, it replaces the list (whatever lies between was never seen).
 */
export function mergeNews(
  page: readonly TimelineEntry[],
  pageCursor: string | null,
  shown: readonly TimelineEntry[],
  shownCursor: string | null,
): { entries: TimelineEntry[]; cursor: string | null } {
  const byKey = new Map(shown.map((e) => [entryKey(e), e]));
  const reaches = page.some((e) => unchanged(e, byKey.get(entryKey(e))));
  if (!reaches) return { entries: [...page], cursor: pageCursor };
  const fresh = new Set(page.map(entryKey));
  const entries = [...page, ...shown.filter((e) => !fresh.has(entryKey(e)))].sort(compareEntries);
  return { entries, cursor: shownCursor };
}

/** Pages of the timeline: merging what the sources read, and the opaque page cursor. */
import { AppError } from '@/lib/errors/app-error';
import type { TimelineEntry, TimelinePage } from '@/lib/history/types';
import { compareIds, sourceRank } from '@/lib/history/timeline-sources';
import type { TimelineCursor } from './source';

export function encodeCursor(c: TimelineCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string): TimelineCursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<TimelineCursor>;
    if (typeof value.t === 'number' && typeof value.r === 'number' && (typeof value.id === 'number' || typeof value.id === 'string'))
      return value as TimelineCursor;
  } catch {
    /* fall through */
  }
  throw new AppError('bad_request', { message: 'The cursor is not one this server handed out; start again from the first page.' });
}

/**
 * One page from the sources' rows (each read newest first, `limit + 1` at most): newest
 * first, at equal times by source rank then id, and a cursor when more remain.
 */
export function mergePage(entries: TimelineEntry[], limit: number): TimelinePage {
  const ranked = entries.map((entry) => ({ entry, t: Date.parse(entry.at), rank: sourceRank(entry.source) }));
  ranked.sort((a, b) => b.t - a.t || b.rank - a.rank || compareIds(b.entry.id, a.entry.id));
  const page = ranked.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => r.entry),
    nextCursor: ranked.length > limit && last ? encodeCursor({ t: last.t, r: last.rank, id: last.entry.id }) : null,
  };
}

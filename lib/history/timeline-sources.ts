/**
 * The sources of the timeline, by name, in the order entries at the same time are
 * listed (first = higher). The server reads each source (server/history/timeline/),
 * the browser merges fresh pages in the same order. A new source gets a name here.
 */
export const TIMELINE_SOURCE_ORDER = [
  'session',
  'revision',
  'decision',
  'structure',
  'mandate',
  'alternative-decided',
  'bracket-closed',
  'alternative-proposed',
  'bracket-added',
  'alternative-backing',
  'comment',
  'reply',
  'clause-comment',
  'position',
] as const;

export type TimelineSourceName = (typeof TIMELINE_SOURCE_ORDER)[number];

/** The rank of a source: at equal times, higher first. */
export function sourceRank(name: TimelineSourceName): number {
  return TIMELINE_SOURCE_ORDER.length - TIMELINE_SOURCE_ORDER.indexOf(name);
}

/** Row ids within one source: numbers, or UUIDs (compared as PostgreSQL orders them). */
export function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

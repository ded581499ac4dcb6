/** The timeline of a draft: every recorded event of every source, newest first, page by page. */
import type { Identity } from '@/lib/domain/identity';
import { sourceRank } from '@/lib/history/timeline-sources';
import type { TimelinePage } from '@/lib/history/types';
import { notFound, type HistoryContext } from '../context';
import { decodeCursor, mergePage } from './merge';
import { beforeCursor, withinRange, type TimelineQuery } from './source';
import { TIMELINE_SOURCES } from './sources';

export function createTimelineUseCase(ctx: HistoryContext, sources = TIMELINE_SOURCES) {
  const { drafts, indexer } = ctx;

  async function timeline(identity: Identity, draftId: string, query: TimelineQuery): Promise<TimelinePage> {
    await drafts.requireAccess(identity, draftId);
    await ctx.flushLive(draftId);
    await indexer.ensureIndexed(draftId);
    const clauses = await ctx.clauseList(draftId);
    if (query.clauseId && !clauses.some((c) => c.id === query.clauseId)) throw notFound('No such clause in this draft.');
    const numberOf = new Map(clauses.flatMap((c) => (c.number === null ? [] : [[c.id, c.number] as const])));
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const read = sources
      .filter((source) => !(query.delegation && source.withoutDelegation) && (!query.kinds?.length || query.kinds.includes(source.kind)))
      .map((source) =>
        source.read({
          ctx,
          identity,
          draftId,
          query,
          numberOf,
          take: query.limit + 1,
          before: (at, id) => beforeCursor(cursor, sourceRank(source.name), at, id),
          within: (at) => withinRange(query, at),
        }),
      );
    return mergePage((await Promise.all(read)).flat(), query.limit);
  }

  return { timeline };
}

/**
 * Edit history of a draft: numbered revisions, the text at any point, who wrote each
 * surviving character, the timeline of edit sessions and decisions, comparisons of
 * two points and restoring earlier text as a new forward edit. Every method takes the
 * caller's identity: anyone who may read a draft may read its history; only the
 * secretariat cuts revisions and restores.
 *
 * This is the facade the composition root builds; each use case lives in its own file
 * (revisions.ts, text-at.ts, compare.ts, timeline/, restore.ts) over a shared context.
 */
import { createAuthorIndexes } from './author-index';
import { createCompareUseCase } from './compare';
import { createHistoryContext, type HistoryServiceOptions } from './context';
import { createRestoreUseCase } from './restore';
import { createRevisionUseCases } from './revisions';
import { createTextAtUseCases } from './text-at';
import { createTimelineUseCase } from './timeline/timeline';

export type { HistoryPublisher, HistoryServiceOptions, TextReplacedEvent } from './context';
export type { TimelineQuery } from './timeline/source';

export function createHistoryService(options: HistoryServiceOptions) {
  const ctx = createHistoryContext(options);
  const authors = createAuthorIndexes(ctx);
  return {
    ...createRevisionUseCases(ctx),
    ...createTextAtUseCases(ctx, authors),
    ...createCompareUseCase(ctx, authors),
    ...createTimelineUseCase(ctx),
    ...createRestoreUseCase(ctx),
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;

/**
 * Work off the hot path, on a timer: checkpoints (any instance may write one; once, by
 * lock) and history indexing. Passes run one after another, never overlapping.
 */
import type { Logger } from 'pino';
import type { HistoryIndexer } from '../history/history-indexer';
import type { Checkpointer } from './checkpointer';

export interface Maintenance {
  /** Stop the timer and wait for the pass under way. */
  stop(): Promise<void>;
}

export function startMaintenance(options: {
  checkpointer: Pick<Checkpointer, 'runDue'>;
  historyIndexer: Pick<HistoryIndexer, 'prime' | 'runDue'>;
  logger: Logger;
  everyMs: number;
}): Maintenance {
  const { checkpointer, historyIndexer, logger } = options;
  let passes = Promise.resolve();
  const timer = setInterval(() => {
    passes = passes
      .then(() => checkpointer.runDue())
      .then(() => historyIndexer.runDue())
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err }, 'checkpoint pass failed'),
      );
  }, options.everyMs);
  timer.unref();
  // Index what was logged while the server was down (or before the history index existed).
  passes = passes
    .then(() => historyIndexer.prime())
    .then(() => historyIndexer.runDue())
    .then(
      () => undefined,
      (err: unknown) => logger.warn({ err }, 'history indexing pass failed'),
    );
  return {
    stop() {
      clearInterval(timer);
      return passes;
    },
  };
}

/**
 * Accord's side effects of stored edits, one hook each (see hooks.ts for the contract).
 */
import type { Logger } from 'pino';
import type { DraftEvents } from '../drafts/draft-events';
import type { DraftStore } from '../drafts/draft-store';
import type { HistoryIndexer } from '../history/history-indexer';
import type { ClauseStates } from '../negotiation/clause-states';
import type { CollabHooks } from './hooks';

/** The history index (sessions, authorship) follows the log: index the draft soon. */
export function historyIndexHook(indexer: Pick<HistoryIndexer, 'schedule'>): CollabHooks {
  return { onStored: (draftId) => indexer.schedule(draftId) };
}

/** Cached clause states (text hash, brackets) are dropped for exactly the clauses an edit touched. */
export function clauseStatesHook(clauseStates: Pick<ClauseStates, 'invalidate'>): CollabHooks {
  return { onStored: (draftId, origin) => clauseStates.invalidate(draftId, origin.clauseIds) };
}

/**
 * Consensus depends on the text (brackets, stale positions): tell the draft's listeners
 * which clauses changed, coalesced per draft over `coalesceMs` rather than per keystroke.
 */
export function consensusHook(draftEvents: DraftEvents, coalesceMs = 1000): CollabHooks {
  const pending = new Map<string, Set<string>>();
  return {
    onStored(draftId, origin) {
      const waiting = pending.get(draftId);
      if (waiting) {
        origin.clauseIds.forEach((id) => waiting.add(id));
        return;
      }
      if (origin.clauseIds.length === 0) return;
      pending.set(draftId, new Set(origin.clauseIds));
      setTimeout(() => {
        const clauseIds = [...(pending.get(draftId) ?? [])];
        pending.delete(draftId);
        void draftEvents.emit('clauses:changed', { draftId, clauseIds, cause: 'text' });
      }, coalesceMs).unref();
    },
  };
}

/** Keep the drafts list's "last updated" fresh without a write per keystroke (at most one per `everyMs`). */
export function draftTouchHook(drafts: Pick<DraftStore, 'unsafeTouch'>, logger: Logger, everyMs = 10_000): CollabHooks {
  const touchedAt = new Map<string, number>();
  return {
    onStored(draftId) {
      const now = Date.now();
      if ((touchedAt.get(draftId) ?? 0) > now - everyMs) return;
      touchedAt.set(draftId, now);
      drafts.unsafeTouch(draftId).catch((err: unknown) => logger.warn({ err }, 'could not update draft timestamp'));
    },
  };
}

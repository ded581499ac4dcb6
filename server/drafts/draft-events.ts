/**
 * In-process events about a draft, so that the parts which change what consensus
 * depends on (the text, recorded brackets, alternative wordings) need not know who
 * republishes it. Sources emit; the negotiation side subscribes in the composition root.
 * This replaces callbacks that tied the annotation service back to the negotiation
 * service (negotiation → clause states → annotations → negotiation).
 */
import type { Logger } from 'pino';

export interface DraftEventMap {
  /**
   * What the consensus of these clauses depends on changed: their text (`cause: 'text'`,
   * coalesced per draft) or their open brackets and alternatives (`'annotations'`).
   */
  'clauses:changed': { draftId: string; clauseIds: string[]; cause: 'text' | 'annotations' };
}

export type DraftEventName = keyof DraftEventMap;
type Listener<E extends DraftEventName> = (payload: DraftEventMap[E]) => unknown;

export interface DraftEvents {
  /** Subscribe; returns the unsubscribe function. */
  on<E extends DraftEventName>(event: E, listener: Listener<E>): () => void;
  /**
   * Run every listener and resolve once all are done. A failing listener is logged and
   * does not fail the emitter: the change itself has already happened.
   */
  emit<E extends DraftEventName>(event: E, payload: DraftEventMap[E]): Promise<void>;
}

export function createDraftEvents(logger: Logger): DraftEvents {
  const listeners = new Map<DraftEventName, Set<Listener<DraftEventName>>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener<DraftEventName>;
      set.add(entry);
      return () => void set.delete(entry);
    },
    async emit(event, payload) {
      const set = listeners.get(event);
      if (!set || set.size === 0) return;
      await Promise.all(
        [...set].map(async (listener) => {
          try {
            await listener(payload);
          } catch (err) {
            logger.warn({ err, event, draftId: payload.draftId }, 'a draft event listener failed');
          }
        }),
      );
    },
  };
}

/**
 * Side effects of collaborative editing, as small hook objects run in order (in the
 * manner of Hocuspocus extensions): the room registry calls one combined hook, and each
 * concern (history index, clause-state cache, consensus, the drafts list) is its own object.
 */
import type { Logger } from 'pino';
import type { ChangeOrigin } from './draft-room';

export interface CollabHooks {
  /** A change to a draft was stored in its update log (once, on the instance that received it). */
  onStored?(draftId: string, origin: ChangeOrigin): void;
  /** An accepted update was relayed to the room's connections; `seconds` since it was accepted, storing included. */
  onRelayed?(seconds: number): void;
}

export interface CollabHookChain extends Required<CollabHooks> {
  /** Add hooks; they run after those registered before them. */
  register(...hooks: CollabHooks[]): void;
}

/**
 * The hooks of the room registry: it calls this chain, which runs every registered hook
 * in order. A hook that throws is logged and does not keep the later ones (or the edit)
 * from going ahead. Hooks may be registered after the registry exists (some need it).
 */
export function createHookChain(logger: Logger): CollabHookChain {
  const hooks: CollabHooks[] = [];
  const run = <K extends keyof CollabHooks>(name: K, args: Parameters<NonNullable<CollabHooks[K]>>) => {
    for (const hook of hooks) {
      const fn = hook[name] as ((...a: typeof args) => void) | undefined;
      if (!fn) continue;
      try {
        fn.apply(hook, args);
      } catch (err) {
        logger.warn({ err, hook: name }, 'a collaboration hook failed');
      }
    }
  };
  return {
    register: (...more) => void hooks.push(...more),
    onStored: (draftId, origin) => run('onStored', [draftId, origin]),
    onRelayed: (seconds) => run('onRelayed', [seconds]),
  };
}

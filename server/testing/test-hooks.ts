/**
 * Hooks that let integration tests make races and crashes happen at an exact point,
 * so that the tests guarding consistency rules can fail. Honoured only with
 * ACCORD_TEST_MODE=1 (server/env.ts refuses them otherwise); the server logs a warning
 * at start when any is active.
 *
 * - ACCORD_TEST_STORE_DELAY_MS: every batch of the update log waits this long before it
 *   is written (an edit is applied in memory but not yet stored meanwhile).
 * - ACCORD_TEST_CRASH_AFTER_STORE: the process kills itself (SIGKILL) right after the
 *   batch holding an update that contains this text is committed, before it is relayed.
 * - ACCORD_TEST_SILENCE_RACE_MS: between finding a silence procedure due and concluding
 *   it, wait this long (instances racing for one deadline all read it as running first).
 */
import type { Logger } from 'pino';
import type { Env } from '../env';

export interface TestHooks {
  storeDelayMs?: number;
  /** UTF-8 bytes of the marker text. */
  crashAfterStore?: Uint8Array;
  silenceRaceMs?: number;
}

export function testHooksFrom(env: Env, logger: Logger): TestHooks {
  if (env.ACCORD_TEST_MODE !== '1') return {};
  const hooks: TestHooks = {
    storeDelayMs: env.ACCORD_TEST_STORE_DELAY_MS,
    crashAfterStore: env.ACCORD_TEST_CRASH_AFTER_STORE ? new TextEncoder().encode(env.ACCORD_TEST_CRASH_AFTER_STORE) : undefined,
    silenceRaceMs: env.ACCORD_TEST_SILENCE_RACE_MS,
  };
  logger.warn({ hooks: Object.keys(hooks).filter((k) => hooks[k as keyof TestHooks] !== undefined) }, 'ACCORD_TEST_MODE: test hooks are active');
  return hooks;
}

/** Whether `haystack` contains the bytes of `needle`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle) >= 0;
}

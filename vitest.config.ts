import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Integration files that run alone, after the rest: they measure rates (flood) or time a crash. */
const SOLO = ['test/integration/flood.int.test.ts', 'test/integration/crash.int.test.ts'];

/**
 * Three projects, run one after the other (sequence.groupOrder):
 * - `unit`: fast tests next to the code, no server, no network.
 * - `integration` (`*.int.test.ts`): boot the real server as a child process on port 0
 *   (see test/support/server.ts); two files at a time, after the unit tests.
 * - `integration-solo`: the integration files that measure rates (flood) or time a
 *   crash, one at a time after everything else.
 * Unhandled errors and rejections fail the run (Vitest's default, kept on purpose),
 * and nothing is retried.
 */
export default defineConfig({
  resolve: {
    alias: { '@': root },
  },
  test: {
    environment: 'node',
    retry: 0,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{lib,server,app,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', ...SOLO],
          globalSetup: ['test/support/global-setup.ts'],
          // Two files at a time: their servers mostly wait (network, timers, the database).
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-solo',
          include: SOLO,
          globalSetup: ['test/support/global-setup.ts'],
          // Alone, after the others: these measure rates (flood) or time a crash.
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

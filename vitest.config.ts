import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Two projects:
 * - `unit`: fast tests next to the code, no server, no network.
 * - `integration` (`*.int.test.ts`): boot the real server as a child process on port 0
 *   (see test/support/server.ts), one file at a time because each file owns a server
 *   and this machine has two cores.
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
          include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'app/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{lib,server,app,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

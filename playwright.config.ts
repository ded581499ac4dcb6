import { defineConfig } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD, E2E_PORT } from './e2e/fixtures/env';

/** Specs written for a phone: they run in the `phone` project only. */
const PHONE_SPECS = /\.phone\.spec\.ts$|\/phone\.spec\.ts$/;

/**
 * Browser tests in Debian's Chromium (never a downloaded browser: `npm test` installs
 * `chromium` with apt when it is missing). The production server runs on a fresh data
 * directory per run (scripts/e2e-server.mjs). One worker: the specs of a run share one
 * server and its data. `npm test` runs two such runs side by side (`--shard`), each with
 * its own server, port and data directory.
 */
export default defineConfig({
  testDir: 'e2e',
  // Each shard of `npm test` keeps its artifacts apart (scripts/test.mjs).
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: process.env.CI === 'true',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: BASE_URL,
    // A failing test keeps its trace (actions, DOM snapshots, network, console) and a
    // screenshot; the trace's screencast is left out: recording it cost a quarter of
    // the suite's time on two cores.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // `chromium`: every spec on a desktop window. `phone`: the phone-specific specs (every
  // screen's width and axe check at 390 × 844 and 768 px, the thumb flows) on a phone of
  // their own, touch and mobile layout viewport (docs/ui-contract.md, "Accessibility and phones").
  projects: [
    { name: 'chromium', testIgnore: PHONE_SPECS, use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } } },
    { name: 'phone', testMatch: PHONE_SPECS, use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${BASE_URL}/api/health`,
    env: { E2E_PORT: String(E2E_PORT), E2E_DEMO_PASSWORD: DEMO_PASSWORD },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});

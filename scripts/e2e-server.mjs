#!/usr/bin/env node
// Starts the production server for Playwright's webServer on a fresh, throwaway data
// directory, so every e2e run begins from the seeded demo consultation and nothing
// leaks between runs. Needs a production build (`npx next build`; `npm test` makes one).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.E2E_PORT ?? '3310';
const demoPassword = process.env.E2E_DEMO_PASSWORD ?? 'e2e-demo-password';
// How long a signalled server may take to shut down before it is killed (Playwright's
// gracefulShutdown timeout in playwright.config.ts is longer, so this always runs first).
const SHUTDOWN_GRACE_MS = 15_000;

if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('[e2e-server] No production build in .next/: run `npx next build` first (npm test does it for you).');
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-e2e-'));
let removed = false;
function removeDataDir() {
  if (removed) return;
  removed = true;
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (err) {
    console.error(`[e2e-server] Could not remove ${dataDir}: ${err instanceof Error ? err.message : err}`);
  }
}

const env = { ...process.env };
// Settings from the developer's shell must not point the e2e server at a real database.
for (const name of ['DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'PORT', 'PUBLIC_URL', 'NEXTAUTH_URL', 'SEED_DEMO']) delete env[name];
Object.assign(env, {
  NODE_ENV: 'production',
  PORT: port,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATA_DIR: dataDir,
  DEMO_PASSWORD: demoPassword,
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
});

// `node --import tsx` rather than `npx tsx`: one process, so a signal reaches the server
// exactly once. The child gets its own process group (detached) because Playwright
// signals our whole group; we forward the signal ourselves.
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  cwd: root,
  env,
  stdio: 'inherit',
  detached: true,
});

let killTimer;
function forward(signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  killTimer ??= setTimeout(() => {
    console.error(`[e2e-server] Server did not exit within ${SHUTDOWN_GRACE_MS / 1000}s of ${signal}: killing it.`);
    child.kill('SIGKILL');
  }, SHUTDOWN_GRACE_MS);
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => forward(signal));

child.on('error', (err) => {
  console.error(`[e2e-server] Could not start the server: ${err.message}`);
  removeDataDir();
  process.exit(1);
});
child.on('exit', (code, signal) => {
  clearTimeout(killTimer);
  removeDataDir();
  process.exit(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGINT' ? 2 : 15) : 1));
});
// Last resort: never leave the server running when this wrapper goes away.
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  removeDataDir();
});

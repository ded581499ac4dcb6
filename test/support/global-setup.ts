/**
 * Vitest globalSetup for the integration project: one temp root per run that holds every
 * data directory startServer() creates and a pid file per running server. When the run
 * ends, servers still running (a test file that timed out or crashed) are killed and the
 * root is removed. Test workers can be ended by a signal, so their own exit hooks cannot
 * be relied on for this.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATE_ENV, createTemplate } from './server';

// Both integration projects name this setup, and Vitest loads it once per project: the
// count of users lives in the environment, which they share, and the last one cleans up.
const USERS = 'ACCORD_INT_TMP_ROOT_USERS';

export default function setup(): () => void {
  process.env[USERS] = String(Number(process.env[USERS] ?? 0) + 1);
  const root = process.env.ACCORD_INT_TMP_ROOT ?? mkdtempSync(path.join(tmpdir(), 'accord-int-run-'));
  process.env.ACCORD_INT_TMP_ROOT = root;
  // The first start's database, made once per run in the background (unit tests run
  // meanwhile) and copied for every fresh embedded server (see createTemplate).
  if (!process.env[TEMPLATE_ENV]) {
    const template = path.join(root, 'template');
    process.env[TEMPLATE_ENV] = template;
    void createTemplate(template);
  }
  return () => {
    const left = Number(process.env[USERS]) - 1;
    process.env[USERS] = String(left);
    if (left > 0) return;
    delete process.env.ACCORD_INT_TMP_ROOT;
    delete process.env[TEMPLATE_ENV];
    for (const name of readdirSync(root)) {
      if (!name.endsWith('.pid')) continue;
      const pid = Number(readFileSync(path.join(root, name), 'utf8'));
      try {
        process.kill(pid, 'SIGKILL');
        console.warn(`[integration] killed server ${pid}, still running at the end of the run`);
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
}

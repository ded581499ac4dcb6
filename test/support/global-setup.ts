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

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'accord-int-run-'));
  process.env.ACCORD_INT_TMP_ROOT = root;
  return () => {
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

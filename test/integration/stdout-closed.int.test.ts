/**
 * A server whose stdout reader is gone (`npm start | tee log`, and tee was stopped)
 * still shuts down on SIGTERM: logging into the broken pipe must not hold the exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INT_NEXTAUTH_SECRET, REPO_ROOT } from '../support/server';

const dataDir = mkdtempSync(path.join(process.env.ACCORD_INT_TMP_ROOT || tmpdir(), 'accord-int-stdout-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stdout closed', () => {
  it('exits within a few seconds of SIGTERM once the reader of its stdout is gone', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'NEXTAUTH_URL']) delete env[name];
    Object.assign(env, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', SEED_DEMO: 'never', NEXTAUTH_SECRET: INT_NEXTAUTH_SECRET });
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    try {
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (text: string) => {
          out += text;
          const match = /"port":(\d+)[^\n]*"msg":"Accord listening"/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        void exited.then(() => reject(new Error(`the server exited before listening:\n${out}\n${stderr}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

      // The reader goes away; the next log lines (the shutdown's) meet a broken pipe.
      child.stdout.destroy();
      const started = performance.now();
      child.kill('SIGTERM');
      const outcome = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
      expect(outcome, `still running 10 s after SIGTERM; stderr:\n${stderr}`).toEqual({ code: 0, signal: null });
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});

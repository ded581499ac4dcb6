/**
 * Boots the real Accord server (server/index.ts, production mode) as a child process on
 * port 0, for integration tests. Needs a production build in .next/ (`npm test` makes one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INT_DEMO_PASSWORD = 'int-demo-password';
/** A fixed 48-character secret, so sessions and tokens survive a restart within one test. */
export const INT_NEXTAUTH_SECRET = 'accord-integration-test-secret-0123456789abcdefg';

// Generous: on a loaded 2-core machine the embedded database can take long to open and migrate.
const READY_TIMEOUT_MS = 110_000;
const STOP_TIMEOUT_MS = 30_000;
const MAX_LOG_CHARS = 2_000_000;

export interface StartServerOptions {
  /** Reuse a data directory (e.g. to restart on the same embedded database); a fresh temp dir otherwise. */
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/yjs (the y-websocket server URL; the room is the draft id) */
  wsUrl: string;
  port: number;
  dataDir: string;
  /** Sends the signal and waits for the process to exit; rejects (after a SIGKILL) when it does not exit within 30 s. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  /** Resolves with the exit code and signal once the process has exited, whoever caused it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Set by the integration global setup: a data directory that a real first start produced
 * (PGlite's initdb, the migrations, the demo seeded with INT_DEMO_PASSWORD). A server that
 * needs a fresh embedded database starts on a copy of it, as `CREATE DATABASE … TEMPLATE`
 * would: initdb alone takes about 5 s on this machine, opening a copy under one.
 */
export const TEMPLATE_ENV = 'ACCORD_INT_TEMPLATE';

/** Produces the template directory with a real first start, then marks it `<dir>.ready` (or `<dir>.failed`). */
export async function createTemplate(dir: string): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true });
    const server = await startServer({ dataDir: dir });
    await server.stop();
    writeFileSync(`${dir}.ready`, '');
  } catch (err) {
    try {
      writeFileSync(`${dir}.failed`, err instanceof Error ? err.message : String(err));
    } catch {
      // The run ended first (a short run that started no server) and removed its temp root.
    }
  }
}

/** Copies the template into `dataDir` once it is ready; false (start from nothing) when there is none or it failed. */
async function copyTemplate(dataDir: string): Promise<boolean> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return false;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(`${template}.ready`)) {
    if (existsSync(`${template}.failed`) || Date.now() > deadline) {
      console.warn(`[integration] no database template (${template}); this server starts from an empty directory`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  cpSync(template, dataDir, { recursive: true });
  return true;
}

const createdDataDirs = new Set<string>();
const runningChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test process that dies must not leave servers running or temp dirs behind.
  process.on('exit', () => {
    for (const child of runningChildren) child.kill('SIGKILL');
    for (const dir of createdDataDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** Parses one stdout line as a pino JSON record, or returns null. */
function parseLogLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the server and resolves once it logged `Accord listening` with its port.
 * Rejects, with the server's logs, when it exits first or is not ready within 60 s.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  installExitHook();
  let dataDir = opts.dataDir;
  if (!dataDir) {
    // Under the run's temp root (test/support/global-setup.ts) when there is one, so
    // the run's end removes it even if this worker is killed.
    dataDir = mkdtempSync(path.join(process.env.ACCORD_INT_TMP_ROOT || tmpdir(), 'accord-int-'));
    createdDataDirs.add(dataDir);
    // A fresh embedded database with the default first start: a copy of the template.
    if (!opts.databaseUrl && !opts.env?.SEED_DEMO && !opts.env?.DEMO_PASSWORD) await copyTemplate(dataDir);
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the outer shell may point the server elsewhere.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'NEXTAUTH_URL', 'HOST', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO_PASSWORD: INT_DEMO_PASSWORD,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'always',
    NEXTAUTH_SECRET: INT_NEXTAUTH_SECRET,
  });
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;
  Object.assign(env, opts.env);

  // INT_SERVER_NODE_ARGS adds node flags to the servers (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a suite).
  const nodeArgs = (process.env.INT_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/index.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runningChildren.add(child);
  const tmpRoot = process.env.ACCORD_INT_TMP_ROOT;
  const pidFile = tmpRoot && child.pid ? path.join(tmpRoot, `server-${child.pid}.pid`) : null;
  if (pidFile) writeFileSync(pidFile, String(child.pid));

  let logText = '';
  const appendLog = (text: string) => {
    logText += text;
    if (logText.length > MAX_LOG_CHARS) logText = logText.slice(-MAX_LOG_CHARS);
  };

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      runningChildren.delete(child);
      if (pidFile) rmSync(pidFile, { force: true });
      resolve({ code, signal });
    });
  });

  const ready = new Promise<number>((resolve, reject) => {
    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      appendLog(chunk);
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const record = parseLogLine(pending.slice(0, newline).trim());
        pending = pending.slice(newline + 1);
        if (record?.msg === 'Accord listening' && typeof record.port === 'number') resolve(record.port);
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => appendLog(chunk));
    child.once('error', (err) => reject(new Error(`Could not spawn the server: ${err.message}`)));
    void exited.then(({ code, signal }) => reject(new Error(`The server exited before it was listening (code ${code}, signal ${signal}). Logs:\n${logText}`)));
  });

  // The race below handles it; this only keeps a late rejection (exit after a timeout) from being unhandled.
  ready.catch(() => {});

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The server did not log "Accord listening" within ${READY_TIMEOUT_MS / 1000}s. Logs:\n${logText}`)),
      READY_TIMEOUT_MS,
    );
  });

  let port: number;
  try {
    port = await Promise.race([ready, timeout]);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  } finally {
    clearTimeout(timer);
  }

  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    port,
    dataDir,
    logs: () => logText,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      let stopTimer: NodeJS.Timeout | undefined;
      const tooSlow = new Promise<'timeout'>((resolve) => {
        stopTimer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const outcome = await Promise.race([exited, tooSlow]);
      clearTimeout(stopTimer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`The server did not exit within ${STOP_TIMEOUT_MS / 1000}s of ${signal}. Logs:\n${logText}`);
      }
    },
  };
}

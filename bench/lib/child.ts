/**
 * A server started as a child process: pinned to a CPU, logs kept (bounded), ready
 * when a line of its stdout matches, stopped with SIGTERM then SIGKILL. Every child
 * is killed when the harness exits, whatever the reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pinProcess, type Pinning } from './pin';
import { processTree } from './proc';
import { REPO_ROOT } from './paths';

const MAX_LOG_CHARS = 200_000;
const live = new Set<ChildProcess>();
let hookInstalled = false;

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export interface ManagedChild {
  pid: number;
  /** What the ready matcher returned (e.g. the port). */
  ready: number;
  alive(): boolean;
  logs(): string;
  stop(timeoutMs?: number): Promise<void>;
}

export interface StartChildOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  pinning: Pinning;
  cpu: number;
  /** Returns a number (e.g. the port) when a stdout line says the child is ready. */
  readyWhen(line: string): number | null;
  readyTimeoutMs?: number;
}

/**
 * Starts the child and resolves once it is ready; rejects with its logs when it exits first or times out.
 * It starts unpinned (targets start side by side, faster on both CPUs) and is pinned, every
 * thread of every process of its tree, once ready; threads it creates later inherit the pinning.
 */
export async function startChild(opts: StartChildOptions): Promise<ManagedChild> {
  installExitHook();
  const { command, args } = opts;
  const child = spawn(command, args, { cwd: REPO_ROOT, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let logText = '';
  const append = (text: string) => {
    logText += text;
    if (logText.length > MAX_LOG_CHARS) logText = logText.slice(-MAX_LOG_CHARS);
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const ready = new Promise<number>((resolve, reject) => {
    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      append(chunk);
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const value = opts.readyWhen(pending.slice(0, newline).trim());
        pending = pending.slice(newline + 1);
        if (value !== null) resolve(value);
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', append);
    child.once('error', (err) => reject(new Error(`${opts.name}: could not spawn ${command}: ${err.message}`)));
    void exited.then(({ code, signal }) =>
      reject(new Error(`${opts.name} exited before it was ready (code ${code}, signal ${signal}). Logs:\n${logText.slice(-4000)}`)),
    );
  });
  ready.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = opts.readyTimeoutMs ?? 90_000;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${opts.name} was not ready within ${timeoutMs / 1000} s. Logs:\n${logText.slice(-4000)}`)), timeoutMs);
  });
  let value: number;
  try {
    value = await Promise.race([ready, timeout]);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  } finally {
    clearTimeout(timer);
  }
  if (opts.pinning.enabled) {
    for (const pid of processTree(child.pid!)) {
      if (!pinProcess(opts.pinning, pid, opts.cpu)) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`${opts.name}: could not pin pid ${pid} to CPU ${opts.cpu} with taskset`);
      }
    }
  }
  const isAlive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    ready: value,
    alive: isAlive,
    logs: () => logText,
    async stop(stopTimeoutMs = 20_000) {
      if (!isAlive()) return;
      child.kill('SIGTERM');
      let stopTimer: NodeJS.Timeout | undefined;
      const tooSlow = new Promise<'timeout'>((resolve) => {
        stopTimer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
      });
      const outcome = await Promise.race([exited, tooSlow]);
      clearTimeout(stopTimer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Extra node flags from the environment, for profiling (e.g.
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"); NODE_OPTIONS refuses --cpu-prof.
 */
export function extraNodeArgs(variable: 'BENCH_SERVER_NODE_ARGS' | 'BENCH_GENERATOR_NODE_ARGS'): string[] {
  return (process.env[variable] ?? '').split(/\s+/).filter(Boolean);
}

/** Parses a pino JSON line; null when the line is not one. */
export function pinoRecord(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * CPU pinning with util-linux `taskset`: servers on one CPU, the load generator on
 * another, so that the generator cannot steal the server's core (or the reverse).
 * Without taskset or with a single CPU, everything runs unpinned and the report says so.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface Pinning {
  enabled: boolean;
  serverCpu: number;
  loadCpu: number;
  /** Why pinning is off, when it is. */
  reason?: string;
}

export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

/** Checks that `taskset` works and that CPUs 0 and 1 are both usable. */
export function detectPinning(wanted: boolean): Pinning {
  const base = { serverCpu: SERVER_CPU, loadCpu: LOAD_CPU };
  if (!wanted) return { ...base, enabled: false, reason: 'disabled with --no-pin' };
  if (os.availableParallelism() < 2) return { ...base, enabled: false, reason: `only ${os.availableParallelism()} CPU available` };
  const probe = spawnSync('taskset', ['-c', `${SERVER_CPU},${LOAD_CPU}`, 'true'], { encoding: 'utf8' });
  if (probe.error) return { ...base, enabled: false, reason: `taskset not found (${probe.error.message}); install util-linux` };
  if (probe.status !== 0) return { ...base, enabled: false, reason: `taskset failed: ${probe.stderr.trim()}` };
  return { ...base, enabled: true };
}

/** The command line that runs `command args` on `cpu` (or unpinned). taskset execs, so the pid is the command's. */
export function pinnedCommand(pinning: Pinning, cpu: number, command: string, args: string[]): [string, string[]] {
  if (!pinning.enabled) return [command, args];
  return ['taskset', ['-c', String(cpu), command, ...args]];
}

/** Moves an already running process (all its threads) to `cpu`; returns false when that failed. */
export function pinProcess(pinning: Pinning, pid: number, cpu: number): boolean {
  if (!pinning.enabled) return false;
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { encoding: 'utf8' });
  return result.status === 0;
}

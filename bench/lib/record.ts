/** What one benchmark invocation records (bench/results/<timestamp>.json). */
import type { GeneratorResult, Percentiles } from '../load/messages';
import type { TargetId } from '../targets/types';
import type { BenchOptions, LoadPoint } from './cli';
import type { CommitFloor } from './commit-floor';
import type { Pinning } from './pin';

export interface PointRun {
  target: TargetId;
  label: string;
  point: LoadPoint;
  /** 1-based round when a point is measured several times (`--rounds`); absent in older records. */
  round?: number;
  caretRate: number;
  ok: boolean;
  error?: string;
  result?: GeneratorResult;
  server?: {
    /** CPU seconds of the server process tree(s) over the window (start of measuring → end of drain). */
    cpuSeconds: number;
    /** CPU seconds of services working for it over the same window (PostgreSQL backends, redis-server). */
    serviceCpuSeconds: number;
    /** Server CPU per delivered edit (edit × receiver), microseconds. */
    cpuPerDeliveryUs: number;
    /** Server + services CPU per delivered edit, microseconds. */
    totalCpuPerDeliveryUs: number;
    /** Peak resident memory of the server tree(s) sampled during this point, bytes. */
    peakRssBytes: number;
    /** VmHWM of the server tree(s) at the end of the point (lifetime peak, summed over processes), bytes. */
    hwmBytes: number;
  };
  /** HTTP round trips to the server(s) polled every 500 ms during the window (a blocked event loop shows here), ms. */
  probeMs?: Percentiles;
  /** CPU seconds of the load-generator process over the same window, from /proc. */
  generatorCpuSeconds?: number;
  machine?: {
    /** Busy fraction of each CPU over the window (1 = fully busy). */
    busyByCpu: number[];
    /** Cores' worth of CPU used by other processes than the measured ones over the window (noise). */
    otherCores: number;
    /** Cores' worth of interrupt and softirq time (mostly the loopback traffic of the benchmark itself). */
    irqCores: number;
    /** Cores' worth of time the hypervisor took from this machine's CPUs (noise from outside). */
    stealCores: number;
    /** Fraction of the window the server's main thread was runnable but waiting for its CPU (mean over instances). */
    serverWaitedForCpu: number;
    /** Same for the load generator's main thread. */
    generatorWaitedForCpu: number;
    /** The other processes that used the most CPU during the window. */
    topOthers: Array<{ pid: number; what: string; cpuSeconds: number; cores: number }>;
  };
}

export interface CheckResult {
  name: string;
  verdict: 'pass' | 'fail' | 'n/a' | 'inconclusive';
  detail: string;
}

export interface BenchRecord {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  options: BenchOptions;
  machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[]; otherCoresBeforeStart: number };
  pinning: Pinning;
  referenceVersion: string;
  build: string;
  /** Targets asked for but not run, with the reason. */
  skipped: Array<{ target: TargetId; reason: string }>;
  targetLabels: Partial<Record<TargetId, string>>;
  /** Server CPU with no client connected, in cores, sampled for a few seconds after start. */
  idleCores: Partial<Record<TargetId, number>>;
  runs: PointRun[];
  checks: CheckResult[];
  notes: string[];
  /** CPU seconds of the harness itself (the orchestrator, not the load generator), whole run. */
  harnessCpuSeconds: number;
  /** Storing one edit durably on this machine, measured before the targets start (commit-floor.ts). */
  commitFloor?: CommitFloor[];
}

/**
 * CPU and memory of processes, read from /proc (Linux only): CPU seconds from
 * /proc/<pid>/stat (utime + stime), memory from /proc/<pid>/status (VmRSS, VmHWM).
 * A target is measured as a process tree: its root pid and every live descendant.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks: number | undefined;

/** Kernel clock ticks per second (USER_HZ), usually 100. */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const value = Number(out.stdout?.trim());
    clockTicks = Number.isFinite(value) && value > 0 ? value : 100;
  }
  return clockTicks;
}

interface StatLine {
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): StatLine | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

/** The pid and all its live descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid);
    if (list) list.push(Number(entry));
    else children.set(stat.ppid, [Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0 && tree.length < 10_000) {
    const pid = queue.shift()!;
    if (!fs.existsSync(`/proc/${pid}`)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) used so far by each pid, keyed by pid; dead pids are left out. */
export function cpuSecondsByPid(pids: number[]): Map<number, number> {
  const hz = clockTicksPerSecond();
  const result = new Map<number, number>();
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) result.set(pid, stat.ticks / hz);
  }
  return result;
}

/**
 * CPU seconds used between two snapshots. A pid absent from `before` (started in
 * between) counts from zero; a pid gone from `after` (exited) is lost, which /proc
 * cannot avoid for non-children: keep measured processes alive across a window.
 */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

export interface Memory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size over the process lifetime (VmHWM), bytes. */
  hwm: number;
}

/** Summed over the pids (a sum of per-process peaks is an upper bound of the tree's peak). */
export function memoryOf(pids: number[]): Memory {
  let rss = 0;
  let hwm = 0;
  for (const pid of pids) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    rss += kb(text, 'VmRSS');
    hwm += kb(text, 'VmHWM');
  }
  return { rss, hwm };
}

function kb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Samples the resident memory of process trees every `intervalMs` and keeps the peak,
 * so that a point's peak is its own even when the process lives across points.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private peakRss = 0;
  private trees: number[] = [];
  private treeAge = 0;

  constructor(
    private readonly roots: () => number[],
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.peakRss = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  private sample(): void {
    // Walking /proc for descendants costs a few ms: refresh the tree once a few seconds.
    if (this.treeAge-- <= 0) {
      this.trees = this.roots().flatMap((pid) => processTree(pid));
      this.treeAge = Math.ceil(2_000 / this.intervalMs);
    }
    this.peakRss = Math.max(this.peakRss, memoryOf(this.trees).rss);
  }

  /** Stops sampling and returns the peak resident set size seen, bytes. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peakRss;
  }
}

export interface CpuTimes {
  /** user + nice + system: time spent running processes. */
  tasks: number;
  /** irq + softirq: interrupts and deferred kernel work (e.g. loopback network processing). */
  irq: number;
  /** Time the hypervisor gave this virtual CPU to someone else. */
  steal: number;
}

/** CPU seconds since boot per CPU, by kind (/proc/stat). */
export function cpuTimesByCpu(): CpuTimes[] {
  const hz = clockTicksPerSecond();
  const result: CpuTimes[] = [];
  for (const line of fs.readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [user, nice, system, , , irq, softirq, steal] = match[2].trim().split(/\s+/).map(Number);
    result[Number(match[1])] = { tasks: (user + nice + system) / hz, irq: (irq + softirq) / hz, steal: (steal || 0) / hz };
  }
  return result;
}

/** Busy CPU seconds per CPU since boot (everything but idle and iowait). */
export function busySecondsByCpu(): number[] {
  return cpuTimesByCpu().map((t) => t.tasks + t.irq + t.steal);
}

/** Per-kind CPU seconds between two snapshots of cpuTimesByCpu(), summed over CPUs. */
export function cpuTimesDelta(before: CpuTimes[], after: CpuTimes[]): CpuTimes {
  const total = { tasks: 0, irq: 0, steal: 0 };
  after.forEach((t, cpu) => {
    const b = before[cpu] ?? t;
    total.tasks += t.tasks - b.tasks;
    total.irq += t.irq - b.irq;
    total.steal += t.steal - b.steal;
  });
  return total;
}

/**
 * Cores' worth of CPU that processes on the whole machine used over `ms`, minus this
 * process's own use: how busy the machine is with other work before the benchmark starts.
 */
export async function foreignLoad(ms: number): Promise<number> {
  const before = cpuTimesByCpu();
  const own = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const delta = cpuTimesDelta(before, cpuTimesByCpu());
  const ownUsage = process.cpuUsage(own);
  return Math.max(0, delta.tasks - (ownUsage.user + ownUsage.system) / 1e6) / (ms / 1000);
}

/** CPU seconds of every process on the machine, keyed by pid. */
export function allProcessCpu(): Map<number, number> {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) if (/^\d+$/.test(entry)) pids.push(Number(entry));
  return cpuSecondsByPid(pids);
}

/** A short name for a process: its command line (first 80 characters), or its comm. */
export function describeProcess(pid: number): string {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (cmdline.length > 0)
      return cmdline
        .map((part) => part.replace(/^.*\/(node_modules\/)?/, ''))
        .join(' ')
        .slice(0, 80);
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return `pid ${pid} (exited)`;
  }
}

/**
 * The processes, other than `ours`, that used the most CPU between two snapshots of
 * allProcessCpu(): who disturbed a measuring window.
 */
export function topForeign(
  before: Map<number, number>,
  after: Map<number, number>,
  ours: Set<number>,
  count = 3,
): Array<{ pid: number; what: string; cpuSeconds: number }> {
  const deltas: Array<{ pid: number; cpuSeconds: number }> = [];
  for (const [pid, seconds] of after) {
    if (ours.has(pid)) continue;
    const delta = seconds - (before.get(pid) ?? 0);
    if (delta >= 0.05) deltas.push({ pid, cpuSeconds: delta });
  }
  return deltas
    .sort((x, y) => y.cpuSeconds - x.cpuSeconds)
    .slice(0, count)
    .map((d) => ({ ...d, what: describeProcess(d.pid) }));
}

/**
 * Seconds the main thread of each pid spent runnable but waiting for a CPU
 * (/proc/<pid>/schedstat, second field): a process starved by others on its CPU.
 */
export function runQueueWaitSeconds(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
    } catch {
      // exited
    }
  }
  return total;
}

/**
 * `npm run bench`: real y-websocket clients against (a) Accord on the embedded
 * database, (b) Accord on PostgreSQL, (c) two Accord instances on PostgreSQL + Redis
 * and (d) the reference y-websocket server, on the same load points in one run.
 *
 * Every target is started once and kept for the whole run; for each load point the
 * targets take turns (so that they see the same machine), each with a fresh load-
 * generator process pinned to its own CPU. Results go to bench/results/.
 * See bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extraNodeArgs } from './lib/child';
import { EVENT_PREFIX, type GeneratorConfig, type GeneratorEvent, type GeneratorResult } from './load/messages';
import { formatPoint, parseArgs, USAGE, type BenchOptions, type LoadPoint } from './lib/cli';
import { measureEmbeddedFloor, measurePostgresFloor, type CommitFloor } from './lib/commit-floor';
import { detectPinning, LOAD_CPU, pinnedCommand, pinProcess, type Pinning } from './lib/pin';
import { RESULTS_DIR, REPO_ROOT } from './lib/paths';
import {
  runQueueWaitSeconds,
  allProcessCpu,
  busySecondsByCpu,
  cpuDelta,
  cpuTimesByCpu,
  cpuTimesDelta,
  foreignLoad,
  topForeign,
  type CpuTimes,
  cpuSecondsByPid,
  memoryOf,
  MemorySampler,
  processTree,
} from './lib/proc';
import type { BenchRecord, PointRun } from './lib/record';
import { evaluateChecks, NOISY_CORES, renderMarkdown } from './lib/report';
import { percentiles } from './lib/stats';
import { checkRedis, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, createBenchDatabase } from './lib/services';
import { ensureBuild } from './targets/build';
import { TARGETS } from './targets/index';
import { referenceVersion } from './targets/reference';
import type { RunningTarget, TargetContext, TargetId } from './targets/types';

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
function loud(message: string): void {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! ${message}\n${bar}\n\n`);
}

const IDLE_SAMPLE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function treeOf(roots: number[]): number[] {
  return roots.flatMap((pid) => processTree(pid));
}

/** Runs one load point against one target: a load-generator process, with server CPU sampled at its window edges. */
async function runPoint(target: RunningTarget, point: LoadPoint, options: BenchOptions, pinning: Pinning, warmupS: number): Promise<PointRun> {
  const base: PointRun = { target: target.id, label: target.label, point, caretRate: options.caretRate, ok: false };
  if (!target.alive()) return { ...base, error: `the server is not running any more. Last logs:\n${target.logs().slice(-2000)}` };

  const config: GeneratorConfig = {
    targetId: target.id,
    setup: target.setup,
    clients: point.clients,
    editRate: point.editRate,
    caretRate: options.caretRate,
    warmupMs: warmupS * 1000,
    durationMs: options.durationS * 1000,
    drainTimeoutMs: options.drainS * 1000,
    connectTimeoutMs: 30_000,
    connectBatch: 20,
  };
  const configFile = path.join(os.tmpdir(), `accord-bench-${process.pid}-${target.id}-${formatPoint(point)}.json`);
  fs.writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });

  const [command, args] = pinnedCommand(pinning, LOAD_CPU, process.execPath, [
    ...extraNodeArgs('BENCH_GENERATOR_NODE_ARGS'),
    '--import',
    'tsx',
    path.join('bench', 'load', 'generator.ts'),
    configFile,
  ]);
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const memory = new MemorySampler(() => target.serverPids());
  const probe = new ResponsivenessProbe(target.probeUrls);
  memory.start();

  let result: GeneratorResult | undefined;
  let error: string | undefined;
  let stderr = '';
  let serverBefore = new Map<number, number>();
  let serviceBefore = new Map<number, number>();
  let generatorBefore = new Map<number, number>();
  let busyBefore: number[] = [];
  let timesBefore: CpuTimes[] = [];
  let waitBefore = { server: 0, generator: 0 };
  let allBefore = new Map<number, number>();
  let foreign: Array<{ pid: number; what: string; cpuSeconds: number }> = [];
  let window:
    { server: number; services: number; generator: number; busyByCpu: number[]; times: CpuTimes; waited: { server: number; generator: number } } | undefined;
  let windowStartPending: Promise<void> = Promise.resolve();

  const onEvent = (event: GeneratorEvent) => {
    switch (event.type) {
      case 'progress':
        log(`  (${target.id}) ${event.message}`);
        break;
      case 'window-start':
        probe.start();
        busyBefore = busySecondsByCpu();
        timesBefore = cpuTimesByCpu();
        waitBefore = { server: runQueueWaitSeconds(target.serverPids()), generator: runQueueWaitSeconds([child.pid!]) };
        allBefore = allProcessCpu();
        serverBefore = cpuSecondsByPid(treeOf(target.serverPids()));
        generatorBefore = cpuSecondsByPid([child.pid!]);
        windowStartPending = target.servicePids().then((pids) => {
          serviceBefore = cpuSecondsByPid(pids);
        });
        break;
      case 'window-end': {
        probe.stop();
        const serverAfter = cpuSecondsByPid(treeOf(target.serverPids()));
        const generatorAfter = cpuSecondsByPid([child.pid!]);
        const server = cpuDelta(serverBefore, serverAfter);
        const generator = cpuDelta(generatorBefore, generatorAfter);
        const busyByCpu = busySecondsByCpu().map((busy, cpu) => busy - (busyBefore[cpu] ?? busy));
        const times = cpuTimesDelta(timesBefore, cpuTimesByCpu());
        const waited = {
          server: runQueueWaitSeconds(target.serverPids()) - waitBefore.server,
          generator: runQueueWaitSeconds([child.pid!]) - waitBefore.generator,
        };
        const allAfter = allProcessCpu();
        window = { server, services: 0, generator, busyByCpu, times, waited };
        const pending = windowStartPending;
        windowStartPending = (async () => {
          await pending;
          const pids = [...new Set([...serviceBefore.keys(), ...(await target.servicePids())])];
          if (window) window.services = cpuDelta(serviceBefore, cpuSecondsByPid(pids));
          const ours = new Set([...serverAfter.keys(), ...serverBefore.keys(), ...pids, child.pid!, process.pid, process.ppid]);
          foreign = topForeign(allBefore, allAfter, ours);
        })();
        break;
      }
      case 'result':
        result = event.result;
        break;
      case 'error':
        error = event.message;
        break;
    }
  };

  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.startsWith(EVENT_PREFIX)) onEvent(JSON.parse(line.slice(EVENT_PREFIX.length)) as GeneratorEvent);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });

  const deadlineMs = config.connectTimeoutMs * 3 + config.warmupMs + config.durationMs + config.drainTimeoutMs + 90_000;
  const exit = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      error ??= `the load generator did not finish within ${deadlineMs / 1000} s`;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  process.off('exit', killOnExit);
  fs.rmSync(configFile, { force: true });
  await windowStartPending.catch(() => undefined);
  const peakRssBytes = memory.stop();
  probe.stop();
  const hwmBytes = memoryOf(treeOf(target.serverPids())).hwm;

  if (!result || !window) {
    const why = error ?? `the load generator exited with code ${exit} without a result`;
    return {
      ...base,
      error: `${why}${stderr ? `\n${stderr.slice(-2000)}` : ''}${target.alive() ? '' : `\nThe server died. Logs:\n${target.logs().slice(-2000)}`}`,
    };
  }
  const deliveries = result.edits.deliveries;
  const cpuWindowSeconds = result.cpuWindowSeconds;
  return {
    ...base,
    ok: true,
    result,
    server: {
      cpuSeconds: window.server,
      serviceCpuSeconds: window.services,
      cpuPerDeliveryUs: deliveries > 0 ? (window.server / deliveries) * 1e6 : NaN,
      totalCpuPerDeliveryUs: deliveries > 0 ? ((window.server + window.services) / deliveries) * 1e6 : NaN,
      peakRssBytes,
      hwmBytes,
    },
    probeMs: percentiles(probe.samples),
    generatorCpuSeconds: window.generator,
    machine: {
      busyByCpu: window.busyByCpu.map((busy) => busy / cpuWindowSeconds),
      // Whatever other processes ran on the machine meanwhile (other sessions, builds); the harness is in it too.
      otherCores: Math.max(0, window.times.tasks - window.server - window.services - window.generator) / cpuWindowSeconds,
      irqCores: window.times.irq / cpuWindowSeconds,
      stealCores: window.times.steal / cpuWindowSeconds,
      serverWaitedForCpu: window.waited.server / cpuWindowSeconds / Math.max(1, target.serverPids().length),
      generatorWaitedForCpu: window.waited.generator / cpuWindowSeconds,
      topOthers: foreign.map((f) => ({ ...f, cores: f.cpuSeconds / cpuWindowSeconds })),
    },
  };
}

/**
 * Polls each server with a cheap HTTP request every 500 ms and keeps the round-trip
 * times: a server whose event loop is blocked (synchronous I/O, long tasks) answers late
 * even when its CPU use is low. One request in flight per URL at a time.
 */
class ResponsivenessProbe {
  readonly samples: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();

  constructor(private readonly urls: string[]) {}

  start(): void {
    this.timer ??= setInterval(() => {
      for (const url of this.urls) {
        if (this.inFlight.has(url)) continue;
        this.inFlight.add(url);
        const started = performance.now();
        fetch(url, { signal: AbortSignal.timeout(10_000) })
          .then((res) => res.arrayBuffer())
          .then(() => {
            this.samples.push(performance.now() - started);
          })
          .catch(() => undefined)
          .finally(() => this.inFlight.delete(url));
      }
    }, 500);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function summaryLine(run: PointRun): string {
  if (!run.ok || !run.result || !run.server) return `(${run.target}) ${formatPoint(run.point)}: FAILED ${(run.error ?? '').split('\n')[0]}`;
  const r = run.result;
  return (
    `(${run.target}) ${formatPoint(run.point)}: delivered ${(r.edits.deliveryRatio * 100).toFixed(1)}% of ${r.edits.expectedDeliveries}, ` +
    `p50 ${r.latencyMs.p50.toFixed(2)} ms, p99 ${r.latencyMs.p99.toFixed(2)} ms, server CPU ${run.server.cpuSeconds.toFixed(2)} s ` +
    `(${run.server.cpuPerDeliveryUs.toFixed(1)} µs/delivery${run.server.serviceCpuSeconds > 0 ? `, +${run.server.serviceCpuSeconds.toFixed(2)} s DB/Redis` : ''}), ` +
    `awareness ${r.awareness.perClientPerSecond.toFixed(1)} msg/client/s, converged ${r.convergence.converged ? 'yes' : 'NO'}, ` +
    `generator ${(r.generator.utilisation * 100).toFixed(0)}% CPU`
  );
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ('report' in parsed) {
    const saved = JSON.parse(fs.readFileSync(parsed.report, 'utf8')) as BenchRecord;
    saved.checks = evaluateChecks(saved);
    process.stdout.write(`${renderMarkdown(saved)}\n`);
    return;
  }
  const options = parsed;
  const started = new Date();
  const harnessCpuStart = process.cpuUsage();
  const notes: string[] = [];

  const pinning = detectPinning(options.pin);
  if (pinning.enabled) {
    log(`pinning: servers on CPU ${pinning.serverCpu}, load generator on CPU ${pinning.loadCpu}`);
  } else {
    loud(`CPU pinning is OFF: ${pinning.reason}. Servers and load generator share the CPUs; ratios are less trustworthy.`);
  }

  const busyBefore = await foreignLoad(2_000);
  if (busyBefore >= NOISY_CORES) {
    loud(`The machine is busy: other processes use ${busyBefore.toFixed(2)} cores right now. Figures will be disturbed; prefer a quiet machine.`);
  }

  const skipped: BenchRecord['skipped'] = [];
  const skip = (target: TargetId, reason: string) => {
    if (skipped.some((s) => s.target === target)) return;
    skipped.push({ target, reason });
    loud(`SKIPPING target (${target}) ${TARGETS[target].label}: ${reason}`);
  };

  // Preflight: build, PostgreSQL, Redis.
  const wanted = options.targets;
  let build = 'not needed';
  if (wanted.some((t) => TARGETS[t].needs.includes('build'))) {
    if (options.build === 'skip') {
      build = 'skipped (--no-build)';
    } else {
      try {
        build = ensureBuild({ force: options.build === 'force', log }) === 'built' ? 'rebuilt for this run' : 'up to date';
      } catch (err) {
        for (const t of wanted)
          if (TARGETS[t].needs.includes('build')) skip(t, `the production build failed: ${err instanceof Error ? err.message : String(err)}`);
        build = 'failed';
      }
    }
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL?.trim() || DEFAULT_REDIS_URL;
  if (wanted.some((t) => TARGETS[t].needs.includes('postgres'))) {
    try {
      const probe = await createBenchDatabase(databaseUrl);
      await probe.drop();
    } catch (err) {
      for (const t of wanted)
        if (TARGETS[t].needs.includes('postgres')) skip(t, `PostgreSQL unreachable (BENCH_DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let redisPid: number | null = null;
  if (wanted.some((t) => TARGETS[t].needs.includes('redis'))) {
    try {
      redisPid = (await checkRedis(redisUrl)).pid;
    } catch (err) {
      for (const t of wanted)
        if (TARGETS[t].needs.includes('redis')) skip(t, `Redis unreachable (BENCH_REDIS_URL): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // The durable-commit floor, on a quiet machine before any target starts.
  const commitFloor: CommitFloor[] = [];
  if (options.floor) {
    if (wanted.includes('a')) {
      log('measuring the durable-commit floor of the embedded database (400 inserts, 25 ms apart)');
      commitFloor.push(await measureEmbeddedFloor());
    }
    if (wanted.some((t) => TARGETS[t].needs.includes('postgres') && !skipped.some((s) => s.target === t))) {
      log('measuring the durable-commit floor of PostgreSQL (400 inserts, 25 ms apart)');
      const floorDb = await createBenchDatabase(databaseUrl);
      try {
        commitFloor.push(await measurePostgresFloor(floorDb.url));
      } finally {
        await floorDb.drop();
      }
    }
    for (const f of commitFloor) log(`commit floor (${f.store}): p50 ${f.latencyMs.p50.toFixed(2)} ms, p99 ${f.latencyMs.p99.toFixed(2)} ms`);
  }

  const ctx: TargetContext = { pinning, databaseUrl, redisUrl, redisPid, clauseCount: options.clauses, log };
  const running: RunningTarget[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= Promise.all(running.map((t) => t.stop().catch((err: unknown) => log(`could not stop (${t.id}): ${String(err)}`)))).then(() => undefined);
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the targets`);
      void stopAll().then(() => process.exit(130));
    });
  }

  const runs: PointRun[] = [];
  const idleCores: BenchRecord['idleCores'] = {};
  try {
    // Started side by side (each Accord start is mostly waiting on Next and the database).
    const toStart = wanted.filter((id) => !skipped.some((s) => s.target === id));
    log(`starting ${toStart.map((id) => `(${id}) ${TARGETS[id].label}`).join(', ')}`);
    const outcomes = await Promise.allSettled(toStart.map((id) => TARGETS[id].start(ctx)));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') running.push(outcome.value);
      else
        skip(
          toStart[i],
          `could not start: ${outcome.reason instanceof Error ? outcome.reason.message.split('\n').slice(0, 6).join('\n') : String(outcome.reason)}`,
        );
    });
    // The harness itself (light: /proc sampling) stays off the server's CPU from now on; the
    // servers started unpinned (side by side, faster) and were pinned once ready.
    if (pinning.enabled && !pinProcess(pinning, process.pid, LOAD_CPU)) notes.push('could not pin the harness itself to the load CPU');
    // What each target costs with nobody connected (timers, background work), for reading low-load figures.
    if (running.length > 0) {
      const before = running.map((t) => cpuSecondsByPid(treeOf(t.serverPids())));
      await sleep(IDLE_SAMPLE_MS);
      running.forEach((t, i) => {
        idleCores[t.id] = cpuDelta(before[i], cpuSecondsByPid(treeOf(t.serverPids()))) / (IDLE_SAMPLE_MS / 1000);
      });
    }
    const order: TargetId[] = ['d', 'a', 'b', 'c'];
    running.sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id));
    for (const [index, point] of options.points.entries()) {
      // The first point (the latency target's) is measured in rounds, targets interleaved.
      const rounds = index === 0 ? options.rounds : 1;
      for (let round = 1; round <= rounds; round += 1) {
        log(
          `point ${formatPoint(point)}: ${point.clients} clients × ${point.editRate} edits/s + ${options.caretRate} caret moves/s${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}`,
        );
        for (const target of running) {
          // A target's first point warms up longer: its server compiles its hot code then.
          const first = !runs.some((r) => r.target === target.id);
          const run = await runPoint(target, point, options, pinning, first ? Math.max(options.warmupS, options.firstWarmupS) : options.warmupS);
          if (rounds > 1) run.round = round;
          runs.push(run);
          log(summaryLine(run));
          // Let the server settle (disconnects, awareness clean-up) before the next target's turn.
          await sleep(1_000);
        }
      }
    }
  } finally {
    log('stopping the targets');
    await stopAll();
  }

  if (runs.some((r) => r.target === 'c' && r.result && r.result.edits.deliveryRatio < 0.999)) {
    notes.push(
      '(c) did not deliver every edit across its two instances: clients only see edits made through their own instance unless the Redis fan-out (server/collab/fanout) relays them.',
    );
  }
  const finished = new Date();
  const cpu = process.cpuUsage(harnessCpuStart);
  const record: BenchRecord = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: (finished.getTime() - started.getTime()) / 1000,
    options,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: os.loadavg(),
      otherCoresBeforeStart: busyBefore,
    },
    pinning,
    referenceVersion: referenceVersion(),
    build,
    skipped,
    targetLabels: Object.fromEntries(running.map((t) => [t.id, t.label])),
    idleCores,
    runs,
    checks: [],
    notes,
    harnessCpuSeconds: (cpu.user + cpu.system) / 1e6,
    commitFloor,
  };
  record.checks = evaluateChecks(record);
  const markdown = renderMarkdown(record);
  process.stdout.write(`\n${markdown}\n`);

  if (options.save) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const stamp = started
      .toISOString()
      .replace(/[:]/g, '-')
      .replace(/\.\d+Z$/, 'Z');
    const base = path.join(RESULTS_DIR, `${stamp}${options.quick ? '-quick' : ''}`);
    fs.writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    fs.writeFileSync(`${base}.md`, `${markdown}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), `${markdown}\n`);
    log(`wrote ${path.relative(REPO_ROOT, base)}.json, .md and bench/results/latest.md`);
  }
  for (const s of skipped) loud(`target (${s.target}) was SKIPPED: ${s.reason}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);

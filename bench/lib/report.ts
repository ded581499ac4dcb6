/**
 * Turns a BenchRecord into verdicts on the issue's targets and a markdown report:
 * one table per load point (absolute figures and ratios to the reference, d), the
 * awareness curve, pass/fail lines and the load generator's own CPU.
 */
import { formatPoint, type LoadPoint } from './cli';
import type { BenchRecord, CheckResult, PointRun } from './record';
import type { TargetId } from '../targets/types';

/** A generator this busy (CPU seconds per second of window) may have delayed the arrivals it timed. */
export const GENERATOR_SATURATED = 0.9;

/** Other processes using this many cores during a window make its figures suspect. */
export const NOISY_CORES = 0.25;

/** Awareness per client ∝ clients^k between the two largest points; a linear relay has k = 1. */
export const AWARENESS_MAX_EXPONENT = 0.3;

const ACCORD_TARGETS: TargetId[] = ['a', 'b', 'c'];

const samePoint = (a: LoadPoint, b: LoadPoint) => a.clients === b.clients && a.editRate === b.editRate;

/** Every successful run of a target at a point, one per round. */
function roundsOf(record: BenchRecord, target: TargetId, point: LoadPoint): PointRun[] {
  return record.runs.filter((r) => r.target === target && samePoint(r.point, point) && r.ok && r.result);
}

/**
 * The run of a target at a point that the tables and verdicts use: with several rounds,
 * the round with the median p99 (a whole run, so that every column comes from the same
 * window; one disturbed round then moves nothing).
 */
function runFor(record: BenchRecord, target: TargetId, point: LoadPoint): PointRun | undefined {
  const runs = roundsOf(record, target, point).sort((x, y) => x.result!.latencyMs.p99 - y.result!.latencyMs.p99);
  return runs[Math.floor((runs.length - 1) / 2)];
}

/** The generator could not offer this much of the planned edits or caret moves. */
export const MIN_OFFERED = 0.9;

/** The load generator limited this run: its core was saturated or it could not send the planned load. */
function generatorBound(run: PointRun | undefined): boolean {
  const g = run?.result;
  if (!g) return false;
  return g.generator.utilisation >= GENERATOR_SATURATED || g.edits.offeredRatio < MIN_OFFERED || g.awareness.offeredRatio < MIN_OFFERED;
}

function saturated(...runs: Array<PointRun | undefined>): boolean {
  return runs.some(generatorBound);
}

/** A main thread runnable but without its CPU this share of the window was slowed by contention. */
export const MAX_CPU_WAIT = 0.1;

/** Other work on the machine competed with this run: timings (not CPU seconds) are not trustworthy. */
function disturbed(...runs: Array<PointRun | undefined>): boolean {
  return runs.some((r) => {
    const m = r?.machine;
    return !!m && (m.otherCores + m.stealCores >= NOISY_CORES || m.serverWaitedForCpu >= MAX_CPU_WAIT || m.generatorWaitedForCpu >= MAX_CPU_WAIT);
  });
}

/** The reasons a timing verdict cannot be trusted, or '' when there are none. */
function timingCaveat(...runs: Array<PointRun | undefined>): string {
  const reasons: string[] = [];
  if (saturated(...runs)) reasons.push('load generator saturated or behind its schedule');
  if (disturbed(...runs)) reasons.push('other work on the machine competed for the CPUs');
  return reasons.length > 0 ? `; ${reasons.join('; ')}` : '';
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (x: number | undefined, ref: number | undefined) => (x !== undefined && ref !== undefined && ref > 0 ? x / ref : NaN);
const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
const pct = (r: number) => `${Math.round(r * 100)}%`;
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);

/** Other processes' CPU during the window, in cores; flagged when it could have disturbed the figures. */
function other(run: PointRun): string {
  const m = run.machine;
  if (!m) return '–';
  const noisy = m.otherCores + m.stealCores >= NOISY_CORES;
  return `${m.otherCores.toFixed(2)}${m.stealCores >= 0.05 ? ` +${m.stealCores.toFixed(2)} steal` : ''}${noisy ? ' **noisy**' : ''}`;
}

function describe(point: LoadPoint): string {
  return `${point.clients} clients × ${point.editRate} edits/s`;
}

/** Evaluates the issue's targets on what was measured. */
export function evaluateChecks(record: BenchRecord): CheckResult[] {
  const checks: CheckResult[] = [];
  const points = record.options.points;
  const quickNote = record.options.quick ? ' (quick run: indicative only)' : '';
  const hasRef = (p: LoadPoint) => runFor(record, 'd', p) !== undefined;

  // 1. p99 latency ≤ 1.2× the reference at the first point (20 × 2/s in the full run).
  const p1 = points[0];
  for (const t of ACCORD_TARGETS) {
    const name = `p99 edit latency ≤ 1.2× reference at ${describe(p1)} — (${t})`;
    const run = runFor(record, t, p1);
    const ref = runFor(record, 'd', p1);
    if (!run || !ref) {
      checks.push({ name, verdict: 'n/a', detail: !hasRef(p1) ? 'reference not measured' : `(${t}) not measured` });
      continue;
    }
    const r = ratio(run.result!.latencyMs.p99, ref.result!.latencyMs.p99);
    const delivered = run.result!.edits.deliveryRatio;
    let verdict: CheckResult['verdict'] = r <= 1.2 && delivered >= 0.999 ? 'pass' : 'fail';
    if (delivered >= 0.999 && timingCaveat(run, ref)) verdict = 'inconclusive';
    checks.push({
      name,
      verdict,
      detail: `${fmt(run.result!.latencyMs.p99, 2)} ms vs ${fmt(ref.result!.latencyMs.p99, 2)} ms = ${times(r)}; delivered ${(delivered * 100).toFixed(1)}%${timingCaveat(run, ref)}${quickNote}`,
    });
  }

  // 2. Server CPU seconds per delivered update ≤ 1.3× the reference at the second point (100 × 1/s).
  const p2 = points[1] ?? points[0];
  for (const t of ACCORD_TARGETS) {
    const name = `server CPU per delivered update ≤ 1.3× reference at ${describe(p2)} — (${t})`;
    const run = runFor(record, t, p2);
    const ref = runFor(record, 'd', p2);
    if (!run?.server || !ref?.server) {
      checks.push({ name, verdict: 'n/a', detail: !hasRef(p2) ? 'reference not measured' : `(${t}) not measured` });
      continue;
    }
    const own = ratio(run.server.cpuPerDeliveryUs, ref.server.cpuPerDeliveryUs);
    const withServices = ratio(run.server.totalCpuPerDeliveryUs, ref.server.totalCpuPerDeliveryUs);
    // The embedded database runs inside the server process; PostgreSQL and Redis do not, so count them too.
    const judged = t === 'a' ? own : withServices;
    const delivered = run.result!.edits.deliveryRatio;
    checks.push({
      name,
      verdict: judged <= 1.3 && delivered >= 0.999 ? 'pass' : 'fail',
      detail:
        `${fmt(run.server.cpuPerDeliveryUs, 2)} µs vs ${fmt(ref.server.cpuPerDeliveryUs, 2)} µs per delivery = ${times(own)} (server process${t === 'a' ? ', embedded DB included' : ''})` +
        (t === 'a' ? '' : `; with PostgreSQL${t === 'c' ? '/Redis' : ''} ${fmt(run.server.totalCpuPerDeliveryUs, 2)} µs = ${times(withServices)} (judged)`) +
        `; delivered ${(delivered * 100).toFixed(1)}%${disturbed(run, ref) ? '; other work competed for the CPUs (CPU seconds are less affected than timings)' : ''}${quickNote}`,
    });
  }

  // 3. Two instances via Redis ≤ 1.5× single-instance latency (same database: (c) vs (b)).
  for (const p of points) {
    const name = `two instances via Redis: p99 ≤ 1.5× single instance at ${describe(p)} — (c) vs (b)`;
    const c = runFor(record, 'c', p);
    const b = runFor(record, 'b', p);
    if (!c || !b) {
      checks.push({ name, verdict: 'n/a', detail: `${!c ? '(c)' : '(b)'} not measured` });
      continue;
    }
    const r = ratio(c.result!.latencyMs.p99, b.result!.latencyMs.p99);
    const delivered = c.result!.edits.deliveryRatio;
    let verdict: CheckResult['verdict'] = r <= 1.5 && delivered >= 0.999 ? 'pass' : 'fail';
    if (delivered >= 0.999 && timingCaveat(c, b)) verdict = 'inconclusive';
    checks.push({
      name,
      verdict,
      detail: `${fmt(c.result!.latencyMs.p99, 2)} ms vs ${fmt(b.result!.latencyMs.p99, 2)} ms = ${times(r)}; (c) delivered ${(delivered * 100).toFixed(1)}% of edits${delivered < 0.999 ? ' — edits do not cross instances' : ''}${timingCaveat(c, b)}${quickNote}`,
    });
  }

  // 4. Awareness messages received per client per second stay bounded as clients grow: between the
  // two largest points the per-client rate must grow clearly slower than the number of clients.
  // With rate ∝ clients^k, a relay that forwards every caret move to everybody has k = 1.
  if (points.length >= 2) {
    const sorted = [...points].sort((x, y) => x.clients - y.clients);
    const mid = sorted[sorted.length - 2];
    const large = sorted[sorted.length - 1];
    for (const t of [...ACCORD_TARGETS, 'd' as const]) {
      const name = `awareness msgs/client/s bounded as clients grow (${mid.clients} → ${large.clients} clients: exponent k ≤ ${AWARENESS_MAX_EXPONENT}) — (${t})`;
      const lo = runFor(record, t, mid);
      const hi = runFor(record, t, large);
      if (!lo || !hi) {
        checks.push({ name, verdict: 'n/a', detail: `(${t}) not measured at both points` });
        continue;
      }
      const a = lo.result!.awareness.perClientPerSecond;
      const b = hi.result!.awareness.perClientPerSecond;
      const k = a > 0 && b > 0 ? Math.log(b / a) / Math.log(large.clients / mid.clients) : NaN;
      const curve = sorted
        .map((p) => runFor(record, t, p))
        .map((r, i) => `${sorted[i].clients}: ${r ? fmt(r.result!.awareness.perClientPerSecond) : '–'}`)
        .join(', ');
      let verdict: CheckResult['verdict'] = Number.isFinite(k) && k <= AWARENESS_MAX_EXPONENT ? 'pass' : 'fail';
      // A starved server flushes batched carets less often, which would flatter it: only a pass is in doubt.
      if (verdict === 'pass' && timingCaveat(lo, hi)) verdict = 'inconclusive';
      checks.push({
        name,
        verdict,
        detail: `k = ${fmt(k, 2)} (curve, clients: msgs/client/s — ${curve})${timingCaveat(lo, hi)}${quickNote}`,
      });
    }
  }

  // Every point: convergence.
  for (const run of record.runs.filter((r) => r.ok && r.result)) {
    const conv = run.result!.convergence;
    if (!conv.converged) {
      checks.push({
        name: `convergence — (${run.target}) at ${describe(run.point)}`,
        verdict: 'fail',
        detail: `${conv.distinctVersions} distinct versions among clients; fresh client: ${conv.fresh.map((f) => (f.matches ? 'matches' : `differs${f.error ? ` (${f.error})` : ''}`)).join(', ')}`,
      });
    }
  }
  return checks;
}

const ICON: Record<CheckResult['verdict'], string> = { pass: 'PASS', fail: 'FAIL', 'n/a': 'n/a', inconclusive: 'INCONCLUSIVE' };

function pointTable(record: BenchRecord, point: LoadPoint): string[] {
  const targets = record.options.targets.filter((t) => !record.skipped.some((s) => s.target === t));
  const ref = runFor(record, 'd', point);
  const lines = [
    '| target | offered edits / carets | delivered | p50 ms | p99 ms | p99 ×d | fan-out p99 ms | converged | server CPU s | CPU µs/delivery | ×d | incl. DB/Redis µs | ×d | peak RSS MB | ×d | awareness msg/client/s | server probe p50 / max ms | gen CPU | gen loop p99 ms | waited for CPU: server / gen | other load |',
    '|---|--:|--:|--:|--:|--:|--:|:-:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const t of targets) {
    const run = runFor(record, t, point) ?? record.runs.find((r) => r.target === t && samePoint(r.point, point));
    const label = `(${t}) ${record.targetLabels[t] ?? ''}`.trim();
    if (!run) continue;
    if (!run.ok || !run.result || !run.server) {
      lines.push(`| ${label} | failed: ${(run.error ?? 'no result').split('\n')[0].slice(0, 160).replace(/\|/g, '/')} |${' |'.repeat(19)}`);
      continue;
    }
    const g = run.result;
    const s = run.server;
    const isRef = t === 'd';
    const r = (x: number, y: number | undefined) => (isRef ? '1.00×' : times(ratio(x, y)));
    lines.push(
      `| ${label} | ${pct(g.edits.offeredRatio)} / ${pct(g.awareness.offeredRatio)} | ${(g.edits.deliveryRatio * 100).toFixed(1)}% | ${fmt(g.latencyMs.p50, 2)} | ${fmt(g.latencyMs.p99, 2)} | ${r(g.latencyMs.p99, ref?.result?.latencyMs.p99)} | ${fmt(g.fanoutMs.p99, 2)} | ${g.convergence.converged ? 'yes' : `**no** (${g.convergence.distinctVersions})`} | ${fmt(s.cpuSeconds, 2)} | ${fmt(s.cpuPerDeliveryUs, 2)} | ${r(s.cpuPerDeliveryUs, ref?.server?.cpuPerDeliveryUs)} | ${fmt(s.totalCpuPerDeliveryUs, 2)} | ${r(s.totalCpuPerDeliveryUs, ref?.server?.totalCpuPerDeliveryUs)} | ${mb(s.peakRssBytes)} | ${r(s.peakRssBytes, ref?.server?.peakRssBytes)} | ${fmt(g.awareness.perClientPerSecond)} | ${run.probeMs && run.probeMs.count > 0 ? `${fmt(run.probeMs.p50)} / ${fmt(run.probeMs.max)}` : '–'} | ${(g.generator.utilisation * 100).toFixed(0)}%${generatorBound(run) ? ' **sat.**' : ''} | ${fmt(g.generator.eventLoopDelayP99Ms)} | ${run.machine ? `${pct(run.machine.serverWaitedForCpu)} / ${pct(run.machine.generatorWaitedForCpu)}` : '–'} | ${other(run)} |`,
    );
  }
  return lines;
}

export function renderMarkdown(record: BenchRecord): string {
  const o = record.options;
  const out: string[] = [];
  out.push(`# Accord benchmark — ${record.startedAt}${o.quick ? ' (quick)' : ''}`, '');
  out.push(
    `Points ${o.points.map(formatPoint).join(', ')} (clients × edits/s per client), caret moves ${o.caretRate}/s per client, ` +
      `${o.durationS} s measured per point after ${o.warmupS} s warm-up${o.firstWarmupS && o.firstWarmupS > o.warmupS ? ` (${o.firstWarmupS} s before each target's first point, while V8 compiles its server's hot code)` : ''}, edits spread over ${o.clauses} clause(s). ` +
      `Machine: ${record.machine.cpus} × ${record.machine.model}, Node ${record.machine.node}, load average at start ${record.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}. ` +
      `Reference: @y/websocket-server ${record.referenceVersion}. Build: ${record.build}. Whole run ${fmt(record.durationSeconds / 60)} min.`,
    '',
  );
  out.push(
    record.pinning.enabled
      ? `Pinning: servers on CPU ${record.pinning.serverCpu} (both (c) instances share it), load generator and harness on CPU ${record.pinning.loadCpu} (taskset). PostgreSQL and Redis are system services and are not pinned.`
      : `**Pinning: OFF (${record.pinning.reason}).** Servers and load generator compete for the same CPUs; ratios are less trustworthy.`,
    '',
  );
  for (const s of record.skipped) out.push(`> **SKIPPED (${s.target})**: ${s.reason}`, '');
  const noisy = record.runs.filter((r) => (r.machine?.otherCores ?? 0) + (r.machine?.stealCores ?? 0) >= NOISY_CORES);
  if (noisy.length > 0 || record.machine.otherCoresBeforeStart >= NOISY_CORES) {
    out.push(
      `> **NOISY MACHINE**: other processes used ${record.machine.otherCoresBeforeStart.toFixed(2)} cores before the start, and ≥ ${NOISY_CORES} cores during ${noisy.length} of ${record.runs.length} measuring windows ("other load" column). Latency percentiles and ratios from those windows are disturbed; rerun on a quiet machine before drawing conclusions.`,
      '',
    );
  }
  out.push('| target | idle server CPU (cores, nobody connected) |', '|---|--:|');
  for (const [t, label] of Object.entries(record.targetLabels)) out.push(`| (${t}) ${label} | ${fmt(record.idleCores[t as TargetId] ?? NaN, 3)} |`);
  out.push('');

  out.push('## Results per load point', '');
  out.push(
    "Latency: edit → arrival in another client's Y.Doc, per (edit, receiver), one monotonic clock (all clients of a point in one process). " +
      'Fan-out: edit → arrival at the last other client. Delivered: (edit, receiver) pairs received / edits × (clients − 1). ' +
      'CPU: server process tree(s) from /proc over the window (measuring start → end of drain); "incl. DB/Redis" adds the PostgreSQL backends of the bench database and redis-server. ' +
      'Offered: edits and caret moves actually sent / planned (below 100% the generator fell behind). Server probe: HTTP round trips to each server every 500 ms during the window (a blocked event loop answers late even at low CPU). ' +
      `×d: ratio to the reference (d) at the same point. gen CPU: load-generator CPU seconds per second of window (its core is saturated near 100%; **sat.** also when it fell below ${MIN_OFFERED * 100}% of the planned load). ` +
      "waited for CPU: share of the window the server's (mean over instances) and the generator's main thread were runnable but waiting for their CPU (/proc/<pid>/schedstat): contention. " +
      'other load: cores used by processes other than the measured ones during the window (other work on the machine; the harness itself is a few %), plus time stolen by the hypervisor.',
    '',
  );
  o.points.forEach((p, i) => {
    out.push(`### Point ${i + 1}: ${describe(p)} + ${o.caretRate} caret moves/s per client`, '');
    out.push(...pointTable(record, p), '');
    const targets = o.targets.filter((t) => roundsOf(record, t, p).length > 1);
    if (targets.length > 0) {
      const rounds = Math.max(...targets.map((t) => roundsOf(record, t, p).length));
      out.push(
        `Measured in ${rounds} rounds, each running every target once in turn; the table above shows each target's round with the median p99 (of an even number, the lower middle one). p50 / p99 ms of every round:`,
        '',
        `| target | ${Array.from({ length: rounds }, (_, k) => `round ${k + 1}`).join(' | ')} | median p99 ×d |`,
        `|---|${'--:|'.repeat(rounds + 1)}`,
      );
      const ref = runFor(record, 'd', p);
      for (const t of targets) {
        const byRound = roundsOf(record, t, p).sort((x, y) => (x.round ?? 0) - (y.round ?? 0));
        const median = runFor(record, t, p)!;
        const cells = Array.from({ length: rounds }, (_, k) => {
          const r = byRound[k]?.result;
          return r ? `${fmt(r.latencyMs.p50, 2)} / ${fmt(r.latencyMs.p99, 2)}` : '–';
        });
        out.push(
          `| (${t}) | ${cells.join(' | ')} | ${ref?.result && t !== 'd' ? times(ratio(median.result!.latencyMs.p99, ref.result.latencyMs.p99)) : '–'} |`,
        );
      }
      out.push('');
    }
  });

  out.push(
    '## Awareness curve',
    '',
    'Awareness messages received per client per second (caret moves at ' +
      `${o.caretRate}/s per client). A relay that forwards every caret move to everybody gives clients × ${o.caretRate}. In brackets: awareness bytes received per client per second (a server that batches carets sends fewer, larger messages).`,
    '',
  );
  const targets = o.targets.filter((t) => !record.skipped.some((s) => s.target === t));
  out.push(`| clients | ${targets.map((t) => `(${t})`).join(' | ')} | clients × caret rate |`, `|--:|${targets.map(() => '--:').join('|')}|--:|`);
  for (const p of [...o.points].sort((x, y) => x.clients - y.clients)) {
    const cell = (t: TargetId) => {
      const a = runFor(record, t, p)?.result?.awareness;
      return a ? `${fmt(a.perClientPerSecond)} (${fmt(a.bytesPerClientPerSecond / 1024)} KiB/s)` : '–';
    };
    out.push(`| ${p.clients} | ${targets.map(cell).join(' | ')} | ${fmt(p.clients * o.caretRate)} |`);
  }
  out.push('');

  out.push('## Targets', '');
  for (const c of record.checks) out.push(`- **${ICON[c.verdict]}** ${c.name}: ${c.detail}`);
  out.push('');

  if (record.commitFloor && record.commitFloor.length > 0) {
    const ref = runFor(record, 'd', record.options.points[0]);
    out.push(
      '## Durable-commit floor',
      '',
      'Storing one edit on this machine, measured before the targets started: one row per insert into a table shaped like the update log, ' +
        "one edit every 25 ms (the pace of 20 × 2/s), each its own transaction with the store's default durability. Accord relays an edit only once it is stored; the reference stores nothing.",
      '',
      '| store | inserts | p50 ms | p90 ms | p99 ms | max ms |',
      '|---|--:|--:|--:|--:|--:|',
      ...record.commitFloor.map(
        (f) =>
          `| ${f.store === 'embedded' ? 'embedded (PGlite, as in (a))' : 'PostgreSQL (as in (b), (c))'} | ${f.inserts} | ${fmt(f.latencyMs.p50, 2)} | ${fmt(f.latencyMs.p90, 2)} | ${fmt(f.latencyMs.p99, 2)} | ${fmt(f.latencyMs.max, 2)} |`,
      ),
      '',
    );
    if (ref?.result) {
      const allowance = 0.2 * ref.result.latencyMs.p99;
      out.push(
        `At ${describe(record.options.points[0])} the p99 target (≤ 1.2× the reference's ${fmt(ref.result.latencyMs.p99, 2)} ms) leaves ${fmt(allowance, 2)} ms for everything Accord adds at the 99th percentile; ` +
          record.commitFloor
            .map(
              (f) =>
                `the ${f.store === 'embedded' ? 'embedded' : 'PostgreSQL'} commit alone takes ${fmt(f.latencyMs.p50, 2)} ms at its median and ${fmt(f.latencyMs.p99, 2)} ms at its p99`,
            )
            .join(', ') +
          '.',
        '',
      );
    }
  }

  out.push('## Load generator', '');
  out.push(
    '| point | target | generator CPU s | window s | utilisation | event-loop delay p99 / max ms | connect s | busy per CPU |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  );
  for (const run of record.runs.filter((r) => r.result)) {
    const g = run.result!;
    out.push(
      `| ${formatPoint(run.point)}${run.round ? ` round ${run.round}` : ''} | (${run.target}) | ${fmt(g.generator.cpuSeconds, 2)} | ${fmt(g.cpuWindowSeconds, 1)} | ${(g.generator.utilisation * 100).toFixed(0)}% | ${fmt(g.generator.eventLoopDelayP99Ms)} / ${fmt(g.generator.eventLoopDelayMaxMs)} | ${fmt(g.connectMs / 1000)} | ${(run.machine?.busyByCpu ?? []).map((b, cpu) => `cpu${cpu} ${(b * 100).toFixed(0)}%`).join(', ')} |`,
    );
  }
  out.push('', `Harness (orchestrator) CPU for the whole run: ${fmt(record.harnessCpuSeconds, 2)} s.`, '');

  const notes = [...record.notes];
  for (const run of record.runs) {
    for (const w of run.result?.warnings ?? []) notes.push(`(${run.target}) ${formatPoint(run.point)}: ${w}`);
    const closes = Object.entries(run.result?.closes ?? {});
    if (closes.length > 0)
      notes.push(
        `(${run.target}) ${formatPoint(run.point)}: client connections closed during the run: ${closes.map(([code, n]) => `${n}× ${code}`).join(', ')}`,
      );
    if (!run.ok) notes.push(`(${run.target}) ${formatPoint(run.point)} failed: ${(run.error ?? '').split('\n')[0]}`);
    const m = run.machine;
    if (m && m.otherCores + m.stealCores >= NOISY_CORES) {
      const top = m.topOthers.map((o) => `\`${o.what}\` ${o.cores.toFixed(2)}`).join(', ');
      notes.push(
        `(${run.target}) ${formatPoint(run.point)}: other processes used ${m.otherCores.toFixed(2)} cores${top ? ` (largest still running at the end: ${top}; the rest came from processes that exited meanwhile)` : ''}${m.stealCores >= 0.05 ? `; the hypervisor stole ${m.stealCores.toFixed(2)} cores` : ''}.`,
      );
    }
  }
  if (notes.length > 0) out.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

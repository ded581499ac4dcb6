/**
 * The load generator: one process runs every client of one load point, so that the
 * send time and every arrival time come from the same monotonic clock
 * (performance.now()). Started by bench/run.ts on its own CPU; reads its
 * configuration from the JSON file named by argv[2]; prints `@@bench <json>` events.
 *
 * An edit appends ` {e<run>.<id>}` to a clause; receivers find the ids in the bytes of
 * each remote update their Y.Doc applies (the strings are stored verbatim as UTF-8),
 * so the arrival time is the moment the edit is in the receiver's document.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clauseText } from '../../test/integration/helpers';
import { percentiles } from '../lib/stats';
import { BenchClient } from './client';
import { EVENT_PREFIX, type GeneratorConfig, type GeneratorEvent, type GeneratorResult } from './messages';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as GeneratorConfig;
const { setup } = config;
const RUN_TAG = randomBytes(3).toString('hex');
const MARK = Buffer.from(`{e${RUN_TAG}.`);
const CLOSE_BRACE = 0x7d;

function emit(event: GeneratorEvent): void {
  process.stdout.write(`${EVENT_PREFIX}${JSON.stringify(event)}\n`);
}
function progress(message: string): void {
  emit({ type: 'progress', message });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passed; returns the last answer. */
async function pollUntil(check: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (performance.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

// Edit bookkeeping, indexed by edit id (ids are dense, from 0).
const sentAt: number[] = [];
const senderOf: number[] = [];
const inWindow: boolean[] = [];
const receivedBy: number[] = [];
const lastArrival: number[] = [];
const latencies: number[] = [];
let measuring = false;
let deliveriesInWindow = 0;

function onRemoteUpdate(client: BenchClient, update: Uint8Array): void {
  const now = performance.now();
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(MARK, from);
    if (at < 0) return;
    let id = 0;
    let i = at + MARK.length;
    while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) id = id * 10 + (bytes[i++] - 0x30);
    from = i;
    if (bytes[i] !== CLOSE_BRACE || id >= sentAt.length || senderOf[id] === client.index) continue;
    receivedBy[id] += 1;
    lastArrival[id] = now;
    if (inWindow[id]) {
      latencies.push(now - sentAt[id]);
      deliveriesInWindow += 1;
    }
  }
}

async function connectAll(clients: BenchClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i += config.connectBatch) {
    const batch = clients.slice(i, i + config.connectBatch);
    batch.forEach((c) => c.connect());
    await Promise.all(batch.map((c) => c.waitSynced(config.connectTimeoutMs)));
  }
}

function closeCounts(clients: BenchClient[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of clients) for (const code of c.closes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

function versionsOf(clients: BenchClient[]): Map<string, number> {
  const versions = new Map<string, number>();
  for (const c of clients) {
    const key = setup.clauseIds.map((id) => clauseText(c.doc, id)).join('\u0000');
    versions.set(key, (versions.get(key) ?? 0) + 1);
  }
  return versions;
}

async function main(): Promise<void> {
  process.setMaxListeners(0);
  const warnings: string[] = [];
  const clients: BenchClient[] = [];
  for (let i = 0; i < config.clients; i += 1) {
    clients.push(
      new BenchClient({
        index: i,
        wsUrl: setup.endpoints[i % setup.endpoints.length].wsUrl,
        room: setup.room,
        cookie: setup.cookies.length > 0 ? setup.cookies[i % setup.cookies.length] : undefined,
        clauseId: setup.clauseIds[i % setup.clauseIds.length],
        onRemoteUpdate,
      }),
    );
  }

  // Connect. The reference starts with an empty document: the first client creates the
  // clause paragraphs (once per server lifetime) before anybody else connects.
  const connectStarted = performance.now();
  if (setup.seedIfEmpty) {
    const first = clients[0];
    first.connect();
    await first.waitSynced(config.connectTimeoutMs);
    for (const id of setup.clauseIds) first.paragraphText(id, true);
    await connectAll(clients.slice(1));
  } else {
    await connectAll(clients);
  }
  const structured = await pollUntil(() => clients.every((c) => setup.clauseIds.every((id) => c.paragraphText(id) !== null)), 15_000);
  if (!structured) throw new Error('not every client sees the clause paragraphs after connecting');
  const connectMs = performance.now() - connectStarted;
  progress(`${clients.length} clients synced in ${(connectMs / 1000).toFixed(1)} s`);

  // Load: every client edits and moves its caret on its own timer, with a random phase.
  const timers: NodeJS.Timeout[] = [];
  let editsRunning = true;
  let caretMovesInWindow = 0;
  const every = (rate: number, action: () => void) => {
    if (rate <= 0) return;
    const period = 1000 / rate;
    timers.push(
      setTimeout(() => {
        if (!editsRunning) return;
        action();
        timers.push(setInterval(action, period));
      }, Math.random() * period),
    );
  };
  for (const client of clients) {
    every(config.editRate, () => {
      const id = sentAt.length;
      senderOf.push(client.index);
      inWindow.push(measuring);
      receivedBy.push(0);
      lastArrival.push(0);
      sentAt.push(performance.now());
      if (!client.type(` {e${RUN_TAG}.${id}}`)) warnings.push(`client ${client.index} found no paragraph to edit`);
    });
    every(config.caretRate, () => {
      client.moveCaret();
      if (measuring) caretMovesInWindow += 1;
    });
  }

  await sleep(config.warmupMs);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  for (const c of clients) c.counters.counting = true;
  emit({ type: 'window-start' });

  await sleep(config.durationMs);
  measuring = false;
  editsRunning = false;
  for (const timer of timers) clearInterval(timer);
  const tStop = performance.now();
  for (const c of clients) c.counters.counting = false;
  loopDelay.disable();

  // Drain: wait for every edit of the window to reach every other client.
  const others = clients.length - 1;
  const windowIds: number[] = [];
  for (let id = 0; id < sentAt.length; id += 1) if (inWindow[id]) windowIds.push(id);
  const drained = await pollUntil(() => windowIds.every((id) => receivedBy[id] >= others), config.drainTimeoutMs, 20);
  const tEnd = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  emit({ type: 'window-end' });
  if (!drained) warnings.push(`not every edit reached every client within the ${config.drainTimeoutMs / 1000} s drain`);

  // Convergence: the clients agree with each other, and a client connecting now sees the same.
  await pollUntil(() => versionsOf(clients).size === 1, drained ? 5_000 : 2_000, 100);
  const versions = versionsOf(clients);
  const majority = [...versions.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
  const fresh: GeneratorResult['convergence']['fresh'] = [];
  for (const endpoint of setup.endpoints) {
    const probe = new BenchClient({
      index: -1,
      wsUrl: endpoint.wsUrl,
      room: setup.room,
      cookie: setup.cookies[0],
      clauseId: setup.clauseIds[0],
      onRemoteUpdate: () => undefined,
    });
    try {
      probe.connect();
      await probe.waitSynced(config.connectTimeoutMs);
      // A stock provider's sync is one round trip; give late relays a moment to land.
      const matches = await pollUntil(() => setup.clauseIds.map((id) => clauseText(probe.doc, id)).join('\u0000') === majority, 3_000, 100);
      fresh.push({ endpoint: endpoint.wsUrl, matches });
    } catch (err) {
      fresh.push({ endpoint: endpoint.wsUrl, matches: false, error: err instanceof Error ? err.message : String(err) });
    } finally {
      probe.destroy();
    }
  }

  const windowSeconds = (tStop - t0) / 1000;
  const cpuWindowSeconds = (tEnd - t0) / 1000;
  const fanout: number[] = [];
  let fullyDelivered = 0;
  for (const id of windowIds) {
    if (receivedBy[id] >= others) {
      fullyDelivered += 1;
      fanout.push(lastArrival[id] - sentAt[id]);
    }
  }
  // Diagnostics: BENCH_EDIT_DUMP=<file> writes one line per edit of the window (ms since
  // the window began, sender, fan-out ms or -1 when not delivered to everyone), to see
  // whether slow edits cluster in time (a pause of the server) or are spread out.
  if (process.env.BENCH_EDIT_DUMP) {
    const lines = windowIds.map(
      (id) => `${(sentAt[id] - t0).toFixed(1)} ${senderOf[id]} ${receivedBy[id] >= others ? (lastArrival[id] - sentAt[id]).toFixed(2) : -1}`,
    );
    // First line: the window's start as wall-clock milliseconds (to line it up with server logs).
    fs.writeFileSync(process.env.BENCH_EDIT_DUMP, `# window start ${(performance.timeOrigin + t0).toFixed(1)}\n${lines.join('\n')}\n`);
  }
  const expectedDeliveries = windowIds.length * others;
  const awarenessReceived = clients.reduce((sum, c) => sum + c.counters.awarenessMessages, 0);
  const awarenessBytes = clients.reduce((sum, c) => sum + c.counters.awarenessBytes, 0);
  const syncMessages = clients.reduce((sum, c) => sum + c.counters.syncMessages, 0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result: GeneratorResult = {
    clients: clients.length,
    connectMs,
    windowSeconds,
    cpuWindowSeconds,
    edits: {
      sent: windowIds.length,
      sentTotal: sentAt.length,
      expectedDeliveries,
      deliveries: deliveriesInWindow,
      deliveryRatio: expectedDeliveries > 0 ? deliveriesInWindow / expectedDeliveries : 0,
      fullyDelivered,
      offeredRatio: windowIds.length / (clients.length * config.editRate * windowSeconds),
    },
    latencyMs: percentiles(latencies),
    fanoutMs: percentiles(fanout),
    awareness: {
      sent: caretMovesInWindow,
      offeredRatio: config.caretRate > 0 ? caretMovesInWindow / (clients.length * config.caretRate * windowSeconds) : 1,
      received: awarenessReceived,
      perClientPerSecond: awarenessReceived / clients.length / windowSeconds,
      bytesPerClientPerSecond: awarenessBytes / clients.length / windowSeconds,
    },
    syncMessagesPerClientPerSecond: syncMessages / clients.length / windowSeconds,
    convergence: {
      converged: versions.size === 1 && fresh.every((f) => f.matches),
      distinctVersions: versions.size,
      fresh,
      textLength: majority.length,
    },
    generator: {
      cpuSeconds,
      utilisation: cpuSeconds / cpuWindowSeconds,
      eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: loopDelay.max / 1e6,
    },
    closes: closeCounts(clients),
    warnings: [...new Set(warnings)],
  };
  for (const c of clients) c.destroy();
  emit({ type: 'result', result });
}

// Everything stops by itself: a hard deadline well past the planned run.
const hardDeadlineMs = config.connectTimeoutMs * 3 + config.warmupMs + config.durationMs + config.drainTimeoutMs + 60_000;
setTimeout(() => {
  emit({ type: 'error', message: `the load generator did not finish within ${hardDeadlineMs / 1000} s` });
  process.exit(2);
}, hardDeadlineMs).unref();

main().then(
  () => process.exit(0),
  (err: unknown) => {
    emit({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);

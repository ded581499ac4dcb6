/**
 * History benchmark (`npm run bench:history`): a generated draft of 16 clauses edited by
 * 20 authors, with 10k / 100k (and, on request, 1M) logged updates, measured in-process
 * against the embedded database (or PostgreSQL with --postgres):
 *
 *   cold load          newest load checkpoint + the updates after it, into a fresh Y.Doc (what a room does)
 *   timeline, 1st page the history timeline (30 entries) with no filter, and filtered by a delegation
 *   compare            two arbitrary points (log ids drawn at random), and Rev.1 → now
 *   authorship         who wrote what, now and at a random point
 *
 * The log is written the way the server writes it (one row per update with author,
 * delegation, clauses and time), then indexed by the same indexer the server runs
 * (its throughput is reported too). Times are medians of several runs (max in brackets).
 *
 *   npm run bench:history                       # 10k and 100k updates
 *   npm run bench:history -- --sizes 10000,100000,1000000
 *   npm run bench:history -- --postgres         # BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test)
 *   npm run bench:history -- --out history-1m.md   # report file name under bench/results/
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import * as Y from 'yjs';
import type { Identity } from '@/lib/domain/identity';
import { createCheckpointer } from '@/server/collab/checkpointer';
import type { RoomRegistry } from '@/server/collab/room-registry';
import { createUpdateStore } from '@/server/collab/update-store';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { asc, eq, sql } from 'drizzle-orm';
import { clauses, delegations, draftDelegations, drafts, revisions, users, yjsUpdates } from '@/server/db/schema';
import { createDraftStore } from '@/server/drafts/draft-store';
import { loadDocAt } from '@/server/history/doc-at';
import { createHistoryIndexer } from '@/server/history/history-indexer';
import { createHistoryService } from '@/server/history/history-service';
import { generateHistoryLog, storeHistoryLog } from './lib/history-log';
import { RESULTS_DIR } from './lib/paths';

const CLAUSES = 16;
const AUTHORS = 20;
const CODES = ['FR', 'DE', 'PL', 'GB', 'UA', 'IT', 'ES', 'NL', 'SE', 'FI', 'DK', 'NO', 'CA', 'BE', 'CZ', 'EE', 'LV', 'LT', 'RO', 'TR'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Figures {
  size: number;
  generateMs: number;
  insertMs: number;
  indexMs: number;
  logMb: number;
  docBytes: number;
  coldLoad: number[];
  timeline: number[];
  timelineFiltered: number[];
  compareRandom: number[];
  reconstruct: number[];
  compareRev: number[];
  authorshipNow: number[];
  authorshipPast: number[];
  snapshots: number;
  sessions: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (max ${Math.max(...xs).toFixed(0)})`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

async function runSize(handle: DatabaseHandle, size: number): Promise<Figures> {
  const { db } = handle;
  const logger = pino({ level: 'warn' });
  const random = rng(size);

  // People, delegations and the draft.
  await db
    .insert(delegations)
    .values(CODES.map((code, i) => ({ code, name: `Delegation ${code}`, color: `hsl(${i * 18} 60% 40%)` })))
    .onConflictDoNothing();
  const people = await db
    .insert(users)
    .values(
      CODES.map((code) => ({ email: `${code.toLowerCase()}-${size}@bench.test`, name: `Author ${code}`, role: 'delegate' as const, delegationCode: code })),
    )
    .returning({ id: users.id, code: users.delegationCode });
  const [secretariat] = await db
    .insert(users)
    .values({ email: `sec-${size}@bench.test`, name: 'Bench Secretariat', role: 'secretariat' })
    .returning();
  const [draft] = await db
    .insert(drafts)
    .values({ title: `History bench ${size}` })
    .returning();
  await db.insert(draftDelegations).values(CODES.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })));
  const clauseRows = await db
    .insert(clauses)
    .values(
      Array.from({ length: CLAUSES }, (_, i) => ({
        draftId: draft.id,
        ordinal: i + 1,
        number: i + 1,
        title: `Clause ${i + 1}`,
        status: 'negotiating' as const,
      })),
    )
    .returning({ id: clauses.id });

  // Generate the log (see bench/lib/history-log.ts), then store it as the server does, with
  // a load checkpoint where the server's checkpointer would have left one.
  const generateStarted = performance.now();
  const log = generateHistoryLog({ size, clauseIds: clauseRows.map((c) => c.id), authors: AUTHORS, random });
  const generateMs = performance.now() - generateStarted;
  const docBytes = log.docBytes;

  const insertStarted = performance.now();
  const tail = 400;
  const checkpointer = createCheckpointer({ db, logger, every: 500, settleSeconds: 0 });
  const target = {
    draftId: draft.id,
    authorIds: people.map((p) => p.id),
    authorCodes: CODES,
    secretariatId: secretariat.id,
    clauseIds: clauseRows.map((c) => c.id),
  };
  const head = Math.max(0, log.length - tail);
  let logBytes = await storeHistoryLog(db, log, target, 0, head);
  await checkpointer.checkpoint(draft.id);
  logBytes += await storeHistoryLog(db, log, target, head, log.length);
  const insertMs = performance.now() - insertStarted;
  log.updates.length = 0;

  // Index as the server does, then cut five revisions spread over the log.
  const indexer = createHistoryIndexer({
    db,
    logger,
    settleSeconds: 0,
    embedded: handle.kind === 'pglite',
    batchSize: handle.kind === 'pglite' ? 25 : 100,
    urgentBatchSize: handle.kind === 'pglite' ? 250 : 2000,
  });
  const [indexMs] = await time(() => indexer.ensureIndexed(draft.id));
  const ids = (await db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draft.id)).orderBy(asc(yjsUpdates.id))).map((r) => r.id);
  for (let k = 1; k <= 5; k += 1) {
    const upToId = ids[Math.floor((ids.length * k) / 6)];
    const revDoc = await loadDocAt(db, draft.id, upToId);
    await db.insert(revisions).values({
      draftId: draft.id,
      number: k,
      note: null,
      createdBy: secretariat.id,
      createdByName: 'Bench Secretariat',
      createdAt: new Date(),
      upToId,
      state: Y.encodeStateAsUpdate(revDoc),
    });
    revDoc.destroy();
  }

  const drafts_ = createDraftStore(db);
  const noRooms = { peek: () => undefined } as unknown as RoomRegistry;
  const history = createHistoryService({ db, drafts: drafts_, indexer, registry: noRooms, checkpointer, publisher: { publish: () => undefined }, logger });
  const identity: Identity = { userId: secretariat.id, email: secretariat.email, name: secretariat.name, role: 'secretariat', delegation: null };
  const updateStore = createUpdateStore(db);

  const figures: Figures = {
    size,
    generateMs,
    insertMs,
    indexMs,
    logMb: logBytes / 1e6,
    docBytes,
    coldLoad: [],
    timeline: [],
    timelineFiltered: [],
    compareRandom: [],
    reconstruct: [],
    compareRev: [],
    authorshipNow: [],
    authorshipPast: [],
    snapshots: 0,
    sessions: 0,
  };
  // Warm up the query plans once (not counted).
  await history.timeline(identity, draft.id, { limit: 30 });
  for (let run = 0; run < 7; run += 1) {
    const [load] = await time(async () => {
      const updates = await updateStore.load(draft.id);
      const fresh = new Y.Doc();
      Y.transact(fresh, () => updates.forEach((u) => Y.applyUpdate(fresh, u)));
      fresh.destroy();
    });
    figures.coldLoad.push(load);
    figures.timeline.push((await time(() => history.timeline(identity, draft.id, { limit: 30 })))[0]);
    figures.timelineFiltered.push((await time(() => history.timeline(identity, draft.id, { limit: 30, delegation: CODES[run % AUTHORS] })))[0]);
    const a = ids[Math.floor(random() * ids.length)];
    const b = ids[Math.floor(random() * ids.length)];
    figures.compareRandom.push((await time(() => history.compare(identity, draft.id, `log:${Math.min(a, b)}`, `log:${Math.max(a, b)}`)))[0]);
    figures.reconstruct.push(
      (
        await time(async () => {
          const past = await loadDocAt(db, draft.id, ids[Math.floor(random() * ids.length)]);
          past.destroy();
        })
      )[0],
    );
    figures.compareRev.push((await time(() => history.compare(identity, draft.id, 'rev:1', 'now')))[0]);
    figures.authorshipNow.push((await time(() => history.authorship(identity, draft.id, 'now')))[0]);
    figures.authorshipPast.push((await time(() => history.authorship(identity, draft.id, `log:${ids[Math.floor(random() * ids.length)]}`)))[0]);
  }
  const count = async (table: string) => {
    const r = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table} where draft_id = '${draft.id}'`));
    return (r as unknown as { rows: Array<{ n: number }> }).rows[0].n;
  };
  figures.snapshots = await count('history_snapshots');
  figures.sessions = await count('history_sessions');
  await indexer.close();
  return figures;
}

async function main(): Promise<void> {
  const sizes = (arg('sizes') ?? '10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const postgres = process.argv.includes('--postgres');
  const results: Figures[] = [];
  for (const size of sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-history-bench-'));
    let handle: DatabaseHandle | undefined;
    let url: string | undefined;
    try {
      if (postgres) {
        const base = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
        const name = `accord_hbench_${Math.random().toString(16).slice(2, 10)}`;
        const pg = (await import('pg')).default;
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        url = base.replace(/\/[^/]*$/, `/${name}`);
      }
      handle = await openDatabase({ databaseUrl: url, dataDir });
      process.stdout.write(`\n${size.toLocaleString('en')} updates on ${handle.kind}…\n`);
      const f = await runSize(handle, size);
      results.push(f);
      process.stdout.write(
        [
          `  generated in ${(f.generateMs / 1000).toFixed(1)} s, stored in ${(f.insertMs / 1000).toFixed(1)} s (${f.logMb.toFixed(1)} MB of updates), indexed in ${(f.indexMs / 1000).toFixed(1)} s`,
          `  ${f.sessions} sessions, ${f.snapshots} permanent snapshots; current document ${(f.docBytes / 1024).toFixed(0)} KiB`,
          `  cold load ${fmt(f.coldLoad)} · timeline ${fmt(f.timeline)} (filtered ${fmt(f.timelineFiltered)})`,
          `  text at a random point ${fmt(f.reconstruct)} · compare random ${fmt(f.compareRandom)} · Rev.1→now ${fmt(f.compareRev)} · authorship now ${fmt(f.authorshipNow)}, past ${fmt(f.authorshipPast)}`,
        ].join('\n') + '\n',
      );
    } finally {
      await handle?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (url) {
        const pg = (await import('pg')).default;
        const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' });
        await admin.connect();
        await admin.query(`drop database if exists ${url.slice(url.lastIndexOf('/') + 1)}`);
        await admin.end();
      }
    }
  }
  const lines = [
    `# History benchmark (${new Date().toISOString()}, ${postgres ? 'PostgreSQL' : 'embedded PGlite'}, ${os.cpus().length} CPUs)`,
    '',
    '16 clauses, 20 authors; medians of 7 runs (max). Targets at 100k: cold load ≤ 300 ms, timeline ≤ 100 ms, compare ≤ 500 ms, authorship ≤ 500 ms.',
    '',
    '| updates | cold load | text at a random point | timeline 1st page | timeline (delegation) | compare 2 random points | compare Rev.1 → now | authorship now | authorship past | indexing | sessions | snapshots |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((f) =>
      [
        f.size.toLocaleString('en'),
        fmt(f.coldLoad),
        fmt(f.reconstruct),
        fmt(f.timeline),
        fmt(f.timelineFiltered),
        fmt(f.compareRandom),
        fmt(f.compareRev),
        fmt(f.authorshipNow),
        fmt(f.authorshipPast),
        `${(f.indexMs / 1000).toFixed(1)} s (${Math.round(f.size / (f.indexMs / 1000)).toLocaleString('en')}/s)`,
        f.sessions.toLocaleString('en'),
        String(f.snapshots),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
  ];
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = arg('out') ?? 'history-latest.md';
  fs.writeFileSync(path.join(RESULTS_DIR, path.basename(out)), lines.join('\n'));
  process.stdout.write(`\n${lines.join('\n')}\nwritten to bench/results/${path.basename(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

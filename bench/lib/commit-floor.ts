/**
 * The durable-commit floor: how long storing one edit takes on this machine, measured
 * in the same run as the targets. Accord relays an edit only after it is stored (the
 * issue's rule: stored before anyone else sees it), so this latency is part of every
 * edit's latency for (a) to (c) and of none for the reference, which stores nothing.
 * The p99 target at 20 × 2/s leaves (1.2 − 1) × the reference's p99 for everything
 * Accord does on top of relaying; this says how much of that the commit alone takes.
 *
 * One row per insert, shaped like Accord's update log (same columns and index), paced
 * like the 20 × 2/s point (one edit every 25 ms), each its own transaction with the
 * database's default durability (PostgreSQL: synchronous commit; PGlite: as Accord
 * opens it). Client-side round trips, monotonic clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Percentiles } from '../load/messages';
import { percentiles } from './stats';

export interface CommitFloor {
  store: 'postgresql' | 'embedded';
  inserts: number;
  gapMs: number;
  latencyMs: Percentiles;
}

const TABLE = `create table floor_updates (
  id bigserial primary key, draft_id uuid not null, update bytea not null, user_id uuid,
  delegation_code text, clause_ids jsonb not null default '[]', created_at timestamptz not null default now())`;
const INDEX = 'create index floor_updates_draft on floor_updates (draft_id, id)';
const INSERT = 'insert into floor_updates (draft_id, update, user_id, delegation_code, clause_ids) values ($1, $2, $3, $4, $5) returning id';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function paced(run: (params: unknown[]) => Promise<unknown>, inserts: number, gapMs: number): Promise<number[]> {
  const draftId = randomUUID();
  const userId = randomUUID();
  const samples: number[] = [];
  for (let i = 0; i < inserts + 20; i += 1) {
    const started = performance.now();
    await run([draftId, randomBytes(64), userId, 'ATL', JSON.stringify([randomUUID()])]);
    if (i >= 20) samples.push(performance.now() - started); // the first few warm the statement up
    await sleep(gapMs);
  }
  return samples;
}

export async function measurePostgresFloor(databaseUrl: string, inserts = 400, gapMs = 25): Promise<CommitFloor> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(TABLE);
    await client.query(INDEX);
    const samples = await paced((values) => client.query({ name: 'floor_insert', text: INSERT, values }), inserts, gapMs);
    return { store: 'postgresql', inserts, gapMs, latencyMs: percentiles(samples) };
  } finally {
    await client.end();
  }
}

export async function measureEmbeddedFloor(inserts = 400, gapMs = 25): Promise<CommitFloor> {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-floor-'));
  const db = await PGlite.create(dir);
  try {
    await db.query(TABLE);
    await db.query(INDEX);
    const samples = await paced((values) => db.query(INSERT, values), inserts, gapMs);
    return { store: 'embedded', inserts, gapMs, latencyMs: percentiles(samples) };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Database drivers chosen by config: embedded PGlite in DATA_DIR when DATABASE_URL is
 * unset, PostgreSQL through node-postgres otherwise. Both speak the same Drizzle
 * schema and migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Cheap round trip used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Run one fixed statement on the driver itself, without Drizzle's query building (which
 * costs ~0.45 ms a call, twice the insert itself): for the per-edit path only. `name`
 * makes it a prepared statement on PostgreSQL (parsed once per connection).
 */
export type RawStatement = (text: string, params: unknown[], name?: string) => Promise<Array<Record<string, unknown>>>;

export function rawStatement(db: Database): RawStatement {
  const client = (db as unknown as { $client: unknown }).$client as {
    query: (...args: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;
    totalCount?: number;
  };
  if (typeof client?.query !== 'function') throw new Error('rawStatement: the database has no driver client');
  // node-postgres (a Pool: query config with a name), or PGlite (text and parameters).
  if (typeof client.totalCount === 'number')
    return async (text, params, name) => (await client.query({ text, values: params, ...(name ? { name } : {}) })).rows;
  return async (text, params) => (await client.query(text, params)).rows;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Open (and migrate) the configured database. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(path.join(options.dataDir, 'pgdata'));
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // No statement may run longer than 30 s: an update row is then committed within 30 s of its
  // created_at, which the checkpointer relies on (it only folds in rows older than a minute).
  const pool = new pg.Pool({ connectionString: url, max: 10, statement_timeout: 30_000 });
  // Several instances may start together: serialise their migrations with an advisory lock.
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock(727001)');
    await migrate(drizzle(lockClient, { schema }), { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    lockClient.release();
  }
  const db = drizzle(pool, { schema });
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await pool.end();
    },
  };
}

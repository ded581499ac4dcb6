/**
 * The schema version of a database: the newest Drizzle migration applied to it, named by
 * its tag in the migrations journal and identified by the hash Drizzle records (the
 * SHA-256 of the migration's SQL). A backup carries it; a restore compares it with the
 * target's, so that rows are never poured into tables of another shape.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from '../db/client';

export interface SchemaVersion {
  /** Tag of the newest applied migration (e.g. `0006_history`), or `unknown` when this code does not know it. */
  migration: string;
  /** Drizzle's hash of that migration. */
  hash: string;
  /** How many migrations are applied. */
  count: number;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');

/** Tags of the migrations this code ships, by the hash Drizzle records for each. */
function knownTags(): Map<string, string> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  const tagByMillis = new Map(journal.entries.map((e) => [e.when, e.tag]));
  return new Map(readMigrationFiles({ migrationsFolder }).map((m) => [m.hash, tagByMillis.get(m.folderMillis) ?? 'unknown']));
}

/**
 * Reads the schema version of a migrated database (inside `db`, which may be a
 * transaction). Throws when no migration was ever applied.
 */
export async function readSchemaVersion(db: Pick<Database, 'execute'>): Promise<SchemaVersion> {
  const result = await db.execute(sql`select hash, (select count(*)::int from drizzle.__drizzle_migrations) as count
    from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`);
  const [row] = (result as unknown as { rows: Array<{ hash: string; count: number }> }).rows;
  if (!row) throw new Error('The database has no migrations applied.');
  return { migration: knownTags().get(row.hash) ?? 'unknown', hash: row.hash, count: Number(row.count) };
}

/** A schema version as people read it: `0006_history (7 migrations, a1b2c3d4…)`. */
export function describeSchemaVersion(v: SchemaVersion): string {
  return `${v.migration} (${v.count} migrations, ${v.hash.slice(0, 12)})`;
}

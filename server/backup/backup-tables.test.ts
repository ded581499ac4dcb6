import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { getTableName } from 'drizzle-orm';
import { getTableConfig, integer, type AnyPgColumn, pgTable, text, type PgTable } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { writeBackup, type BackupHeader } from './backup';
import { backupTables, EXCLUDED_TABLES, orderByForeignKeys, schemaTables } from './backup-tables';

const names = (tables: PgTable[]) => tables.map(getTableName);

/** Checks that every table comes after the tables its foreign keys point to. */
function expectForeignKeyOrder(tables: PgTable[]) {
  const position = new Map(names(tables).map((n, i) => [n, i]));
  for (const table of tables) {
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable);
      if (target === getTableName(table) || !position.has(target)) continue;
      expect(position.get(target), `${getTableName(table)} references ${target}`).toBeLessThan(position.get(getTableName(table))!);
    }
  }
}

describe('backup tables', () => {
  it('backs up every table of the schema that is not excluded with a written reason', () => {
    const all = names(schemaTables());
    const backedUp = names(backupTables());
    const excluded = Object.keys(EXCLUDED_TABLES);
    for (const table of all) expect(backedUp.includes(table) !== excluded.includes(table), `${table}: backed up or excluded, exactly one`).toBe(true);
    for (const table of excluded) {
      expect(all, `excluded table ${table} is not in the schema`).toContain(table);
      expect(EXCLUDED_TABLES[table].length, `reason for excluding ${table}`).toBeGreaterThan(20);
    }
    // The data that a hand-kept list once forgot.
    for (const table of ['revisions', 'brackets', 'alternatives', 'alternative_backings', 'positions', 'comment_threads', 'audit_log'])
      expect(backedUp).toContain(table);
  });

  it('orders tables so that a restore satisfies every foreign key, whatever the declaration order', () => {
    expectForeignKeyOrder(backupTables());
    expectForeignKeyOrder(orderByForeignKeys([...schemaTables()].reverse()));
    expect(names(orderByForeignKeys([schema.alternativeBackings, schema.alternatives, schema.clauses, schema.drafts]))).toEqual([
      'drafts',
      'clauses',
      'alternatives',
      'alternative_backings',
    ]);
  });

  it('refuses foreign keys that form a cycle', () => {
    // Declared with a self-typed column each: a mutual reference cannot be inferred by TypeScript.
    const a = pgTable('a', { id: integer('id').primaryKey(), b: integer('b').references((): AnyPgColumn => b.id) });
    const b = pgTable('b', { id: integer('id').primaryKey(), a: integer('a').references((): AnyPgColumn => a.id) });
    const c = pgTable('c', { id: text('id').primaryKey() });
    expect(() => orderByForeignKeys([c, a, b])).toThrow(/cycle among a, b/);
  });
});

describe('backup of a migrated database', () => {
  let client: PGlite;
  let db: Database;
  beforeAll(async () => {
    client = await PGlite.create();
    db = drizzle(client, { schema }) as unknown as Database;
    await migrate(db as never, { migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations') });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it('names in its header every table the migrations create, as backed up or excluded', async () => {
    const result = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
    const inDatabase = result.rows.map((r) => r.name);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeBackup(db, out);
    const lines = Buffer.concat(chunks)
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: string });
    const header = lines[0] as BackupHeader;
    expect([...header.tables, ...header.excluded].sort()).toEqual(inDatabase);
    expect(header.schema).toMatchObject({ migration: expect.stringMatching(/^\d{4}_/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lines.at(-1)).toEqual({ t: 'end', counts: Object.fromEntries(header.tables.map((t) => [t, 0])) });
  }, 30_000);
});

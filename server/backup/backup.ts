/**
 * Logical backup of everything Accord stores, for the embedded database and PostgreSQL
 * alike: gzip-compressed JSON lines (one header, one line per row, an end marker with
 * the row counts), read inside one repeatable-read transaction so that the dump is
 * consistent. Rows are taken as PostgreSQL renders them (`row_to_json`): timestamps keep
 * their microseconds, bytea its bytes, jsonb its structure, and a restore puts them back
 * with `json_populate_recordset` unchanged. See restore-backup.ts for the way back.
 */
import type { Writable } from 'node:stream';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { backupTables, EXCLUDED_TABLES } from './backup-tables';
import { readSchemaVersion, type SchemaVersion } from './schema-version';

export const BACKUP_FORMAT = 'accord-backup';
/** 2: tables derived from the schema, rows as PostgreSQL JSON, schema version in the header. */
export const BACKUP_VERSION = 2;

export interface BackupHeader {
  t: 'header';
  format: typeof BACKUP_FORMAT;
  version: number;
  schema: SchemaVersion;
  /** The tables in the file, in restore order. */
  tables: string[];
  /** Tables left out on purpose (derived data the server rebuilds). */
  excluded: string[];
  createdAt: string;
}

export interface BackupRow {
  t: 'row';
  table: string;
  row: Record<string, unknown>;
}

export interface BackupEnd {
  t: 'end';
  counts: Record<string, number>;
}

const PAGE = 2000;

/** The table's primary-key columns (all its columns when it has none), as SQL, for a stable order. */
export function orderColumns(table: PgTable): string {
  const columns = Object.values(getTableColumns(table));
  const keys = columns.filter((c) => c.primary);
  return (keys.length > 0 ? keys : columns).map((c) => `"${c.name}"`).join(', ');
}

function write(out: Writable, line: unknown): Promise<void> {
  const ok = out.write(`${JSON.stringify(line)}\n`);
  return ok ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

/** Write a consistent dump of every backed-up table; returns row counts per table. */
export async function writeBackup(db: Database, out: Writable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = backupTables();
  await db.transaction(
    async (tx) => {
      const header: BackupHeader = {
        t: 'header',
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schema: await readSchemaVersion(tx),
        tables: tables.map(getTableName),
        excluded: Object.keys(EXCLUDED_TABLES),
        createdAt: new Date().toISOString(),
      };
      await write(out, header);
      for (const table of tables) {
        const name = getTableName(table);
        const order = orderColumns(table);
        counts[name] = 0;
        for (let offset = 0; ; offset += PAGE) {
          const result = await tx.execute(sql.raw(`select row_to_json(t)::text as j from "${name}" t order by ${order} limit ${PAGE} offset ${offset}`));
          const rows = (result as unknown as { rows: Array<{ j: string }> }).rows;
          for (const { j } of rows) await write(out, { t: 'row', table: name, row: JSON.parse(j) as Record<string, unknown> } satisfies BackupRow);
          counts[name] += rows.length;
          if (rows.length < PAGE) break;
        }
      }
      await write(out, { t: 'end', counts } satisfies BackupEnd);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return counts;
}

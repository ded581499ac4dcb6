/**
 * Logical backup and restore of everything Accord stores, for the embedded database and
 * PostgreSQL alike: gzip-compressed JSON lines, one header and then one line per row,
 * read inside one repeatable-read transaction so that the dump is consistent.
 * A restore goes into an empty database (after migrations) in one transaction.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { asc, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import * as schema from '../db/schema';

export const BACKUP_FORMAT = 'accord-backup';
export const BACKUP_VERSION = 1;

/** Tables in an order that satisfies foreign keys on restore. */
const TABLES: PgTable[] = [
  schema.delegations,
  schema.users,
  schema.drafts,
  schema.draftDelegations,
  schema.draftInvitations,
  schema.clauses,
  schema.yjsUpdates,
  schema.positions,
  schema.positionHistory,
  schema.silenceProcedures,
  schema.commentThreads,
  schema.commentReplies,
  schema.notifications,
  schema.notificationReads,
  schema.auditLog,
  schema.settings,
];

const PAGE = 2000;

function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { $date: value.toISOString() };
  return value;
}

function decodeValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.$bytes === 'string' && Object.keys(v).length === 1) return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
    if (typeof v.$date === 'string' && Object.keys(v).length === 1) return new Date(v.$date);
  }
  return value;
}

function write(out: Writable, line: unknown): Promise<void> {
  const ok = out.write(`${JSON.stringify(line)}\n`);
  return ok ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

/** Write a consistent dump; returns row counts per table. */
export async function writeBackup(db: Database, out: Writable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(
    async (tx) => {
      await write(out, { t: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString() });
      for (const table of TABLES) {
        const name = getTableName(table);
        const columns = getTableColumns(table);
        const keys = Object.values(columns).filter((c) => c.primary);
        const order = (keys.length > 0 ? keys : Object.values(columns)).map((c) => asc(c));
        counts[name] = 0;
        for (let offset = 0; ; offset += PAGE) {
          const rows = (await tx.select().from(table).orderBy(...order).limit(PAGE).offset(offset)) as Array<Record<string, unknown>>;
          for (const row of rows) {
            await write(out, { t: 'row', table: name, row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encodeValue(v)])) });
          }
          counts[name] += rows.length;
          if (rows.length < PAGE) break;
        }
      }
      await write(out, { t: 'end', counts });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return counts;
}

/**
 * Restore a dump into an empty, migrated database. Throws (and changes nothing) when the
 * database already holds data or the file is not a complete Accord backup.
 */
export async function restoreBackup(db: Database, input: Readable): Promise<Record<string, number>> {
  const byName = new Map(TABLES.map((t) => [getTableName(t), t]));
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const table of TABLES) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table);
      if (Number(row.n) > 0) throw new Error(`The target database is not empty (table ${getTableName(table)} has rows). Restore into a new database.`);
    }
    let header = false;
    let ended = false;
    let pending: { table: PgTable; rows: Array<Record<string, unknown>> } | null = null;
    const flush = async () => {
      if (pending && pending.rows.length > 0) await tx.insert(pending.table).values(pending.rows as never);
      pending = null;
    };
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { t: string; format?: string; version?: number; table?: string; row?: Record<string, unknown> };
      if (!header) {
        if (entry.t !== 'header' || entry.format !== BACKUP_FORMAT) throw new Error('This file is not an Accord backup.');
        if (entry.version !== BACKUP_VERSION) throw new Error(`Unsupported backup version ${entry.version}.`);
        header = true;
        continue;
      }
      if (entry.t === 'end') {
        ended = true;
        break;
      }
      const table = entry.table ? byName.get(entry.table) : undefined;
      if (entry.t !== 'row' || !table || !entry.row) throw new Error(`Unexpected line in the backup: ${line.slice(0, 80)}`);
      const row = Object.fromEntries(Object.entries(entry.row).map(([k, v]) => [k, decodeValue(v)]));
      if (pending && pending.table !== table) await flush();
      pending ??= { table, rows: [] };
      pending.rows.push(row);
      counts[entry.table!] = (counts[entry.table!] ?? 0) + 1;
      if (pending.rows.length >= 500) await flush();
    }
    await flush();
    if (!ended) throw new Error('The backup is truncated (no end marker); nothing was restored.');
    // Serial ids continue after the restored rows.
    for (const [table, column] of [
      ['yjs_updates', 'id'],
      ['position_history', 'id'],
      ['audit_log', 'id'],
    ]) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 0) + 1, false)`));
    }
  });
  return counts;
}

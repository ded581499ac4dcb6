/**
 * Restore of a backup written by backup.ts: into an empty, migrated database of the same
 * schema version, in one transaction, so that a refusal or a failure at any row leaves
 * the database as it was (empty).
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupEnd, type BackupHeader, type BackupRow } from './backup';
import { backupTables, schemaTables } from './backup-tables';
import { describeSchemaVersion, readSchemaVersion } from './schema-version';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Why a restore did not happen; the message says what to do instead. */
export class RestoreRefused extends Error {}

/** Rows per insert statement, and characters of JSON (large document states) before one is sent anyway. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 8_000_000;

function parseLine(line: string, n: number): { t?: unknown } & Record<string, unknown> {
  try {
    return JSON.parse(line) as { t?: unknown } & Record<string, unknown>;
  } catch {
    throw new RestoreRefused(`Line ${n} of the backup is not valid JSON: the file is damaged. Nothing was restored.`);
  }
}

/** Checks a header against this code: format, format version and the list of tables. */
function checkHeader(entry: Record<string, unknown>): BackupHeader {
  if (entry.t !== 'header' || entry.format !== BACKUP_FORMAT) throw new RestoreRefused('This file is not an Accord backup.');
  if (entry.version !== BACKUP_VERSION) {
    throw new RestoreRefused(
      `This backup has format version ${String(entry.version)}; this Accord reads version ${BACKUP_VERSION}. ` +
        (Number(entry.version) < BACKUP_VERSION
          ? 'Version 1 backups left out revisions, brackets, alternatives and their backings, so restoring one would lose them; take a new backup of the source database with this version.'
          : 'Restore it with the Accord version that wrote it.'),
    );
  }
  const header = entry as unknown as BackupHeader;
  const expected = backupTables().map(getTableName);
  const missing = expected.filter((t) => !header.tables.includes(t));
  const unknown = header.tables.filter((t) => !expected.includes(t));
  if (missing.length > 0 || unknown.length > 0) {
    throw new RestoreRefused(
      `This backup does not hold the tables this Accord backs up (${[...missing.map((t) => `missing ${t}`), ...unknown.map((t) => `unexpected ${t}`)].join(', ')}). ` +
        'Restore it with the Accord version that wrote it.',
    );
  }
  return header;
}

/** Refuses a target of another schema version, or one that holds any row. */
async function checkTarget(tx: Tx, header: BackupHeader): Promise<void> {
  const target = await readSchemaVersion(tx);
  if (target.hash !== header.schema.hash) {
    throw new RestoreRefused(
      `The backup's schema version is ${describeSchemaVersion(header.schema)} but this database's is ${describeSchemaVersion(target)}. ` +
        'Restore with the Accord version that wrote the backup into an empty database, then start the newer version on it (it migrates the database at start).',
    );
  }
  for (const table of schemaTables()) {
    const name = getTableName(table);
    const result = await tx.execute(sql.raw(`select exists (select 1 from "${name}") as any`));
    if ((result as unknown as { rows: Array<{ any: boolean }> }).rows[0]?.any) {
      throw new RestoreRefused(
        `The target database is not empty (table ${name} has rows). Restore into a new database: a DATA_DIR no server has started on ` +
          '(a server seeds the demo into an empty embedded database unless SEED_DEMO=never), or a new PostgreSQL database.',
      );
    }
  }
}

/** Sets every sequence of the schema's tables (serial ids) past the largest id restored, so new rows do not collide. */
async function resetSequences(tx: Tx): Promise<void> {
  const names = schemaTables().map(getTableName);
  const result = await tx.execute(sql`
    select table_name as "table", column_name as "column",
      pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) as seq
    from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )})`);
  for (const { table, column, seq } of (result as unknown as { rows: Array<{ table: string; column: string; seq: string | null }> }).rows) {
    if (!seq) continue;
    await tx.execute(sql`select setval(${seq}::regclass, coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`);
  }
}

/**
 * Restore a dump into an empty database migrated to the backup's schema version.
 * Throws RestoreRefused (and changes nothing) when the file is not a complete Accord
 * backup of this version, or the database is of another schema version or not empty;
 * any other failure rolls back everything as well. Returns row counts per table.
 */
export async function restoreBackup(db: Database, input: Readable): Promise<Record<string, number>> {
  const tables = new Map(backupTables().map((t) => [getTableName(t), t]));
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let n = 0;
  const next = async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) return null;
      n += 1;
      if (value.trim()) return { line: value, entry: parseLine(value, n) };
    }
  };
  const first = await next();
  if (!first) throw new RestoreRefused('The backup file is empty.');
  const header = checkHeader(first.entry);
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t, 0]));
  await db.transaction(async (tx) => {
    await checkTarget(tx, header);
    let batch: { table: PgTable; rows: string[]; chars: number } | null = null;
    const flush = async () => {
      if (batch && batch.rows.length > 0) {
        const name = sql.identifier(getTableName(batch.table));
        try {
          await tx.execute(sql`insert into ${name} select * from json_populate_recordset(null::${name}, ${`[${batch.rows.join(',')}]`}::json)`);
        } catch (err) {
          // The driver's error lists the statement's parameters: the rows, password hashes included. Keep only the reason.
          const cause = (err as { cause?: unknown }).cause;
          const reason = cause instanceof Error ? cause.message : 'the database refused the rows';
          throw new Error(`Could not restore ${batch.rows.length} rows of table ${getTableName(batch.table)} (the file read up to line ${n}): ${reason}`);
        }
      }
      batch = null;
    };
    let end: BackupEnd | null = null;
    for (let item = await next(); item; item = await next()) {
      if (item.entry.t === 'end') {
        end = item.entry as unknown as BackupEnd;
        break;
      }
      const { table: name, row } = item.entry as unknown as BackupRow;
      const table = tables.get(name);
      if (item.entry.t !== 'row' || !table || !row) throw new RestoreRefused(`Unexpected line ${n} in the backup: ${item.line.slice(0, 80)}`);
      if (batch && batch.table !== table) await flush();
      batch ??= { table, rows: [], chars: 0 };
      const json = JSON.stringify(row);
      batch.rows.push(json);
      batch.chars += json.length;
      counts[name] += 1;
      if (batch.rows.length >= BATCH_ROWS || batch.chars >= BATCH_CHARS) await flush();
    }
    await flush();
    if (!end) throw new RestoreRefused('The backup is truncated (no end marker); nothing was restored.');
    const wrong = Object.keys(counts).filter((t) => (end!.counts[t] ?? 0) !== counts[t]);
    if (wrong.length > 0)
      throw new RestoreRefused(`The backup is damaged: row counts differ from its end marker for ${wrong.join(', ')}; nothing was restored.`);
    await resetSequences(tx);
  });
  return counts;
}

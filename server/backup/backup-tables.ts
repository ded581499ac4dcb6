/**
 * Which tables a backup holds, derived from the schema instead of listed by hand: every
 * table exported by `server/db/schema.ts` is backed up unless `EXCLUDED_TABLES` names it
 * with the reason why it need not be. A table added to the schema is therefore in the
 * next backup without anybody remembering to add it (a hand-kept list once silently
 * dropped revisions, brackets, alternatives and backings).
 */
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

/**
 * Tables left out of a backup, each with why. Only data derived from backed-up rows
 * belongs here, and the server rebuilds it by itself after a restore.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  yjs_checkpoints:
    'Snapshots of a draft folded from yjs_updates (which is backed up whole and never pruned). A draft loads from the full log when it has none, and the checkpointer writes new ones.',
  history_state:
    "The history indexer's cursor over yjs_updates. Empty after a restore, so the indexer rebuilds the whole history index at the server's start (runDue) and on the first history read.",
  history_sessions: 'Edit sessions grouped from yjs_updates by the history indexer; rebuilt from the log after a restore.',
  history_edits: 'One row per logged update, written by the history indexer from yjs_updates; rebuilt from the log after a restore.',
  history_insertions: 'Who created which Yjs items, decoded from yjs_updates by the history indexer; rebuilt from the log after a restore.',
  history_deletions: 'Who deleted which Yjs items, decoded from yjs_updates by the history indexer; rebuilt from the log after a restore.',
  history_snapshots: 'Document snapshots the history indexer cuts from yjs_updates at regular points; rebuilt from the log after a restore.',
};

/** Every table the schema declares, in the order of its exports. */
export function schemaTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

/**
 * Tables ordered so that each comes after every table its foreign keys point to (a
 * restore inserts in this order). Ties keep the given order. Throws on a cycle, which
 * a restore could not satisfy without deferred constraints.
 */
export function orderByForeignKeys(tables: readonly PgTable[]): PgTable[] {
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const dependsOn = new Map(
    tables.map((t) => [
      getTableName(t),
      new Set(
        getTableConfig(t)
          .foreignKeys.map((fk) => getTableName(fk.reference().foreignTable))
          .filter((name) => name !== getTableName(t) && byName.has(name)),
      ),
    ]),
  );
  const ordered: PgTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(getTableName(t)) && [...dependsOn.get(getTableName(t))!].every((d) => placed.has(d)));
    if (!next) {
      const stuck = tables.map(getTableName).filter((n) => !placed.has(n));
      throw new Error(`Foreign keys form a cycle among ${stuck.join(', ')}: no restore order exists.`);
    }
    ordered.push(next);
    placed.add(getTableName(next));
  }
  return ordered;
}

/** The tables a backup holds, in restore order. */
export function backupTables(): PgTable[] {
  return orderByForeignKeys(schemaTables().filter((t) => !(getTableName(t) in EXCLUDED_TABLES)));
}

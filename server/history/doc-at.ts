/**
 * The document of a draft as it was when the update log ended at a given id: the
 * newest stored state at or before that id (a permanent history snapshot or a load
 * checkpoint), plus the logged updates after it. History snapshots are written every
 * `HISTORY_SNAPSHOT_EVERY` updates, so the cost is bounded whatever the length of the
 * history.
 *
 * Only states cut below a settled point serve as a base: both are made only from rows
 * older than the settle period, so no row with a smaller id can still commit after them.
 * A numbered revision is not a base: it is cut at the newest visible id at once, and on
 * PostgreSQL a row with a smaller id may still be in flight then (another instance's
 * insert). A revision's own text is read from its stored state (history-service).
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../db/client';
import { historySnapshots, yjsCheckpoints, yjsUpdates } from '../db/schema';
import { nextTurn } from '../util/event-loop';

type Reader = Pick<Database, 'select'>;

/** The newest stored state of a draft covering updates up to `upToId` (none: start from empty). */
export async function baseStateAt(db: Reader, draftId: string, upToId: number): Promise<{ upToId: number; state: Uint8Array } | null> {
  // Find the best candidate by its id first, then read only that one state.
  const newest = (table: typeof historySnapshots | typeof yjsCheckpoints) =>
    db
      .select({ id: table.id, upToId: table.upToId })
      .from(table)
      .where(and(eq(table.draftId, draftId), lte(table.upToId, upToId)))
      .orderBy(desc(table.upToId))
      .limit(1);
  // One after the other: `db` may be a transaction, one connection that runs one query at a time.
  const snapshot = await newest(historySnapshots);
  const checkpoint = await newest(yjsCheckpoints);
  const candidates = [
    { table: historySnapshots, row: snapshot[0] },
    { table: yjsCheckpoints, row: checkpoint[0] },
  ].filter((c) => c.row !== undefined);
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (b.row!.upToId > a.row!.upToId ? b : a));
  const [row] = await db.select({ state: best.table.state }).from(best.table).where(eq(best.table.id, best.row!.id)).limit(1);
  return row ? { upToId: best.row!.upToId, state: row.state } : null;
}

/**
 * A fresh Y.Doc holding every update of the draft with an id up to `upToId`. The caller
 * destroys it. `chunk` (background work): read and apply that many updates at a time and
 * let other work run in between; a thousand updates read and applied in one go hold the
 * thread for tens of milliseconds, and on the embedded database the reading is on it too.
 */
export async function loadDocAt(db: Reader, draftId: string, upToId: number, { chunk }: { chunk?: number } = {}): Promise<Y.Doc> {
  const base = await baseStateAt(db, draftId, upToId);
  const doc = new Y.Doc();
  try {
    // In chunks, every step (reading the base state, applying it, each chunk) gets its own turn.
    if (chunk !== undefined) await nextTurn();
    if (base) Y.applyUpdate(doc, base.state);
    let from = base?.upToId ?? 0;
    while (upToId > from) {
      if (chunk !== undefined) await nextTurn();
      const query = db
        .select({ id: yjsUpdates.id, update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, from), lte(yjsUpdates.id, upToId)))
        .orderBy(asc(yjsUpdates.id));
      const rows = chunk !== undefined ? await query.limit(chunk) : await query;
      if (rows.length === 0) break;
      Y.transact(doc, () => {
        for (const row of rows) Y.applyUpdate(doc, row.update);
      });
      from = rows[rows.length - 1].id;
      if (chunk === undefined) break;
    }
  } catch (err) {
    doc.destroy();
    throw err;
  }
  return doc;
}

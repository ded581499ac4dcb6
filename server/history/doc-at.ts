/**
 * The document of a draft as it was when the update log ended at a given id: the
 * newest stored state at or before that id (a permanent history snapshot, a revision,
 * or a load checkpoint), plus the logged updates after it. History snapshots are
 * written every `HISTORY_SNAPSHOT_EVERY` updates, so the cost is bounded whatever the
 * length of the history.
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../db/client';
import { historySnapshots, revisions, yjsCheckpoints, yjsUpdates } from '../db/schema';

type Reader = Pick<Database, 'select'>;

/** The newest stored state of a draft covering updates up to `upToId` (none: start from empty). */
export async function baseStateAt(db: Reader, draftId: string, upToId: number): Promise<{ upToId: number; state: Uint8Array } | null> {
  const pick = { upToId: historySnapshots.upToId, state: historySnapshots.state };
  const [snapshot, revision, checkpoint] = await Promise.all([
    db.select(pick).from(historySnapshots).where(and(eq(historySnapshots.draftId, draftId), lte(historySnapshots.upToId, upToId))).orderBy(desc(historySnapshots.upToId)).limit(1),
    db
      .select({ upToId: revisions.upToId, state: revisions.state })
      .from(revisions)
      .where(and(eq(revisions.draftId, draftId), lte(revisions.upToId, upToId)))
      .orderBy(desc(revisions.upToId))
      .limit(1),
    db
      .select({ upToId: yjsCheckpoints.upToId, state: yjsCheckpoints.state })
      .from(yjsCheckpoints)
      .where(and(eq(yjsCheckpoints.draftId, draftId), lte(yjsCheckpoints.upToId, upToId)))
      .orderBy(desc(yjsCheckpoints.upToId))
      .limit(1),
  ]);
  let best: { upToId: number; state: Uint8Array } | null = null;
  for (const candidate of [snapshot[0], revision[0], checkpoint[0]]) {
    if (candidate && (!best || candidate.upToId > best.upToId)) best = candidate;
  }
  return best;
}

/** A fresh Y.Doc holding every update of the draft with an id up to `upToId`. The caller destroys it. */
export async function loadDocAt(db: Reader, draftId: string, upToId: number): Promise<Y.Doc> {
  const base = await baseStateAt(db, draftId, upToId);
  const from = base?.upToId ?? 0;
  const rows =
    upToId > from
      ? await db
          .select({ update: yjsUpdates.update })
          .from(yjsUpdates)
          .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, from), lte(yjsUpdates.id, upToId)))
          .orderBy(asc(yjsUpdates.id))
      : [];
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (base) Y.applyUpdate(doc, base.state);
    for (const row of rows) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

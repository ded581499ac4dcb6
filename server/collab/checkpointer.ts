/**
 * Checkpoints keep loading a draft fast however long its history grows: when a draft has
 * gathered `every` updates since its last checkpoint, the log up to a settled point is
 * folded into a new snapshot (previous checkpoint + those updates, in a fresh Y.Doc).
 *
 * Updates are folded in up to the newest one older than a minute (with every update of
 * a smaller id, however young): every insert finishes within 30 s (statement timeout),
 * so by then no update with a smaller id can still appear, and a load (checkpoint +
 * updates after `upToId`) never misses one. A per-draft advisory lock, and a check
 * that nobody checkpointed since the fold began, make each checkpoint happen once across
 * instances. The log itself is kept whole: it is the history.
 */
import { and, asc, desc, eq, gt, lte, max, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Database } from '../db/client';
import { yjsCheckpoints, yjsUpdates } from '../db/schema';
import { nextTurn } from '../util/event-loop';
import { newestCheckpoint } from './update-store';

/** Logged updates applied in one go while folding (a few milliseconds) before other work gets a turn. */
const FOLD_CHUNK = 100;

export interface CheckpointerOptions {
  db: Database;
  logger: Logger;
  /** Updates since the last checkpoint that trigger a new one. */
  every: number;
  /** Only updates stored at least this long ago are folded in. */
  settleSeconds?: number;
  /** Checkpoints kept per draft (older ones are removed). */
  keep?: number;
}

export function createCheckpointer(options: CheckpointerOptions) {
  const { db, logger } = options;
  const settle = options.settleSeconds ?? 60;
  const keep = options.keep ?? 3;

  /**
   * Fold a draft's settled log into a new checkpoint. The reading and folding happen
   * outside any transaction: the log only grows and a checkpoint only adds a row, so
   * nothing read here changes meanwhile, and the document work (tens of milliseconds on a
   * long draft) holds no connection (on the embedded database, the only one, which every
   * edit's append waits for) and gives the event loop a turn between chunks. The write
   * then happens once across instances: under the draft's advisory lock, and only if no
   * other checkpoint was written since the one this fold started from.
   */
  async function checkpoint(draftId: string): Promise<boolean> {
    const previous = await newestCheckpoint(db, draftId);
    // The settled point is the newest row older than the settle period; every row up to it
    // is folded, young or not: created_at is a transaction's start, so a row with a smaller
    // id can be younger (its transaction started later but took its id first). Leaving it
    // out would put it below the checkpoint yet outside it, lost to every later load.
    const [{ settled }] = await db
      .select({ settled: max(yjsUpdates.id) })
      .from(yjsUpdates)
      .where(
        and(
          eq(yjsUpdates.draftId, draftId),
          gt(yjsUpdates.id, previous?.upToId ?? 0),
          lte(yjsUpdates.createdAt, sql`now() - make_interval(secs => ${settle})`),
        ),
      );
    if (settled === null) return false;
    await nextTurn();
    const rows = await db
      .select({ id: yjsUpdates.id, update: yjsUpdates.update })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, previous?.upToId ?? 0), lte(yjsUpdates.id, Number(settled))))
      .orderBy(asc(yjsUpdates.id));
    if (rows.length === 0) return false;
    const upToId = rows[rows.length - 1].id;
    const doc = new Y.Doc();
    let state: Uint8Array;
    try {
      if (previous) Y.applyUpdate(doc, previous.state);
      for (let start = 0; start < rows.length; start += FOLD_CHUNK) {
        await nextTurn();
        Y.transact(doc, () => {
          for (const row of rows.slice(start, start + FOLD_CHUNK)) Y.applyUpdate(doc, row.update);
        });
      }
      await nextTurn();
      state = Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
    await nextTurn();
    return db.transaction(async (tx) => {
      const lock = await tx.execute(sql`select pg_try_advisory_xact_lock(727003, hashtext(${draftId})) as locked`);
      const locked = (lock as unknown as { rows: Array<{ locked: boolean }> }).rows[0]?.locked;
      if (!locked) return false;
      const [newest] = await tx
        .select({ upToId: yjsCheckpoints.upToId })
        .from(yjsCheckpoints)
        .where(eq(yjsCheckpoints.draftId, draftId))
        .orderBy(desc(yjsCheckpoints.upToId))
        .limit(1);
      // Another instance checkpointed meanwhile: its fold stands, this one is dropped.
      if ((newest?.upToId ?? null) !== (previous?.upToId ?? null)) return false;
      await tx.insert(yjsCheckpoints).values({ draftId, upToId, state });
      await tx.execute(
        sql`delete from yjs_checkpoints where draft_id = ${draftId} and id not in (select id from yjs_checkpoints where draft_id = ${draftId} order by up_to_id desc limit ${keep})`,
      );
      logger.info({ draftId, upToId, folded: rows.length }, 'checkpoint written');
      return true;
    });
  }

  /** Checkpoint every draft that has gathered enough settled updates. */
  async function runDue(): Promise<number> {
    const result = await db.execute(sql`
      select u.draft_id as "draftId", count(*)::int as n
      from yjs_updates u
      left join lateral (select max(up_to_id) as up_to from yjs_checkpoints c where c.draft_id = u.draft_id) cp on true
      where u.id > coalesce(cp.up_to, 0) and u.created_at <= now() - make_interval(secs => ${settle})
      group by u.draft_id
      having count(*) >= ${options.every}`);
    const due = (result as unknown as { rows: Array<{ draftId: string; n: number }> }).rows;
    let written = 0;
    for (const { draftId } of due) {
      try {
        if (await checkpoint(draftId)) written += 1;
      } catch (err) {
        logger.error({ err, draftId }, 'checkpoint failed; the log is intact and will be folded later');
      }
    }
    return written;
  }

  return { checkpoint, runDue };
}

export type Checkpointer = ReturnType<typeof createCheckpointer>;

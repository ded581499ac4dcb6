/**
 * The attributed update log: every accepted Yjs update is appended here before it
 * is relayed. Appends that arrive while a write is in flight are grouped into the
 * next single transaction (group commit): no fixed delay, one round trip per batch.
 */
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { rawStatement, type Database } from '../db/client';
import { yjsCheckpoints, yjsUpdates } from '../db/schema';
import { containsBytes, type TestHooks } from '../testing/test-hooks';

export interface UpdateRecord {
  draftId: string;
  update: Uint8Array;
  userId: string | null;
  delegationCode: string | null;
  clauseIds: string[];
}

interface Pending {
  record: UpdateRecord;
  resolve: (id: number) => void;
  reject: (err: unknown) => void;
}

export interface UpdateStore {
  /** Resolves to the update's log id once it is durably stored. */
  append(record: UpdateRecord): Promise<number>;
  /** Every stored update of a draft, oldest first (the newest checkpoint stands for those before it). */
  load(draftId: string): Promise<Uint8Array[]>;
  /** The same, with the log ids of the updates after the checkpoint. */
  loadWithIds(draftId: string): Promise<{ updates: Uint8Array[]; ids: number[] }>;
  /** Log ids above `afterId` of a draft's updates stored in the last `seconds` (database clock). */
  recentIds(draftId: string, seconds: number, afterId: number): Promise<number[]>;
  /** Some updates of a draft by log id, oldest first. */
  loadByIds(draftId: string, ids: number[]): Promise<Array<{ id: number; update: Uint8Array }>>;
  /** Resolves when everything appended so far is stored (or failed). */
  flush(): Promise<void>;
}

/** A draft's newest load checkpoint (its state and the last log id folded into it), if any. */
export async function newestCheckpoint(db: Pick<Database, 'select'>, draftId: string): Promise<{ upToId: number; state: Uint8Array } | undefined> {
  const [row] = await db
    .select({ upToId: yjsCheckpoints.upToId, state: yjsCheckpoints.state })
    .from(yjsCheckpoints)
    .where(eq(yjsCheckpoints.draftId, draftId))
    .orderBy(desc(yjsCheckpoints.upToId))
    .limit(1);
  return row;
}

const INSERT = 'insert into yjs_updates (draft_id, update, user_id, delegation_code, clause_ids) values';

export interface UpdateStoreHooks {
  onBatch?: (size: number, ms: number) => void;
  /** Test hooks (server/testing/test-hooks.ts): a delay before each batch, a crash after one. */
  test?: TestHooks;
}

export function createUpdateStore(db: Database, hooks: UpdateStoreHooks = {}): UpdateStore {
  // Written on the driver directly: Drizzle's query building cost more than the insert.
  const insert = rawStatement(db);
  let queue: Pending[] = [];
  let writing: Promise<void> | null = null;

  async function writeLoop(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const started = performance.now();
      try {
        const params: unknown[] = [];
        const rows = batch.map(({ record }) => {
          const at = params.push(record.draftId, record.update, record.userId, record.delegationCode, JSON.stringify(record.clauseIds)) - 5;
          return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
        });
        if (hooks.test?.storeDelayMs) await new Promise((resolve) => setTimeout(resolve, hooks.test?.storeDelayMs));
        const inserted = await insert(`${INSERT} ${rows.join(', ')} returning id`, params, batch.length <= 8 ? `accord_append_${batch.length}` : undefined);
        const crashMarker = hooks.test?.crashAfterStore;
        // Committed, not yet relayed (the room relays once the append resolves): die here.
        if (crashMarker && batch.some((p) => containsBytes(p.record.update, crashMarker))) process.kill(process.pid, 'SIGKILL');
        hooks.onBatch?.(batch.length, performance.now() - started);
        // Ids are taken in the order of the values list.
        const ids = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
        batch.forEach((p, i) => p.resolve(ids[i]));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  async function loadWithIds(draftId: string): Promise<{ updates: Uint8Array[]; ids: number[] }> {
    // The newest checkpoint, then only what was stored after it.
    const checkpoint = await newestCheckpoint(db, draftId);
    const rows = await db
      .select({ id: yjsUpdates.id, update: yjsUpdates.update })
      .from(yjsUpdates)
      .where(checkpoint ? and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, checkpoint.upToId)) : eq(yjsUpdates.draftId, draftId))
      .orderBy(asc(yjsUpdates.id));
    const updates = rows.map((r) => r.update);
    return { updates: checkpoint ? [checkpoint.state, ...updates] : updates, ids: rows.map((r) => r.id) };
  }

  function kick(): void {
    if (writing) return;
    writing = writeLoop().finally(() => {
      writing = null;
      if (queue.length > 0) kick();
    });
  }

  return {
    append(record) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ record, resolve, reject });
        kick();
      });
    },
    async load(draftId) {
      return (await loadWithIds(draftId)).updates;
    },
    loadWithIds,
    async recentIds(draftId, seconds, afterId) {
      // The id bound keeps the scan to the newest rows (the index is on draft and id). Without
      // one (a room loaded within the last minute), the newest row stored well before the
      // window bounds it: every smaller id was taken before that row's, within the 30 s a
      // statement may run, so before the window began.
      if (afterId <= 0) {
        const [row] = await db
          .select({ id: sql<number>`coalesce(max(${yjsUpdates.id}), 0)`.mapWith(Number) })
          .from(yjsUpdates)
          .where(and(eq(yjsUpdates.draftId, draftId), lt(yjsUpdates.createdAt, sql`now() - make_interval(secs => ${seconds + 60})`)));
        afterId = row?.id ?? 0;
      }
      const rows = await db
        .select({ id: yjsUpdates.id })
        .from(yjsUpdates)
        .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, afterId), gt(yjsUpdates.createdAt, sql`now() - make_interval(secs => ${seconds})`)));
      return rows.map((r) => r.id);
    },
    async loadByIds(draftId, ids) {
      const out: Array<{ id: number; update: Uint8Array }> = [];
      const sorted = [...ids].sort((a, b) => a - b);
      for (let i = 0; i < sorted.length; i += 1000) {
        const chunk = sorted.slice(i, i + 1000);
        out.push(
          ...(await db
            .select({ id: yjsUpdates.id, update: yjsUpdates.update })
            .from(yjsUpdates)
            .where(and(eq(yjsUpdates.draftId, draftId), inArray(yjsUpdates.id, chunk)))
            .orderBy(asc(yjsUpdates.id))),
        );
      }
      return out;
    },
    async flush() {
      while (writing) await writing.catch(() => undefined);
    },
  };
}

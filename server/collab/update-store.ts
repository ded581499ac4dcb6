/**
 * The attributed update log: every accepted Yjs update is appended here before it
 * is relayed. Appends that arrive while a write is in flight are grouped into the
 * next single transaction (group commit): no fixed delay, one round trip per batch.
 */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { rawStatement, type Database } from '../db/client';
import { yjsCheckpoints, yjsUpdates } from '../db/schema';

export interface UpdateRecord {
  draftId: string;
  update: Uint8Array;
  userId: string | null;
  delegationCode: string | null;
  clauseIds: string[];
}

interface Pending {
  record: UpdateRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface UpdateStore {
  /** Resolves once the update is durably stored. */
  append(record: UpdateRecord): Promise<void>;
  /** Every stored update of a draft, oldest first. */
  load(draftId: string): Promise<Uint8Array[]>;
  /** Updates of a draft stored in the last `seconds` (database clock), oldest first. */
  loadRecent(draftId: string, seconds: number): Promise<Uint8Array[]>;
  /** Resolves when everything appended so far is stored (or failed). */
  flush(): Promise<void>;
}

const INSERT = 'insert into yjs_updates (draft_id, update, user_id, delegation_code, clause_ids) values';

export function createUpdateStore(db: Database, hooks: { onBatch?: (size: number, ms: number) => void } = {}): UpdateStore {
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
        await insert(`${INSERT} ${rows.join(', ')}`, params, batch.length <= 8 ? `accord_append_${batch.length}` : undefined);
        hooks.onBatch?.(batch.length, performance.now() - started);
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
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
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, resolve, reject });
        kick();
      });
    },
    async load(draftId) {
      // The newest checkpoint, then only what was stored after it.
      const [checkpoint] = await db
        .select({ upToId: yjsCheckpoints.upToId, state: yjsCheckpoints.state })
        .from(yjsCheckpoints)
        .where(eq(yjsCheckpoints.draftId, draftId))
        .orderBy(desc(yjsCheckpoints.upToId))
        .limit(1);
      const rows = await db
        .select({ update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(checkpoint ? and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.id, checkpoint.upToId)) : eq(yjsUpdates.draftId, draftId))
        .orderBy(asc(yjsUpdates.id));
      return checkpoint ? [checkpoint.state, ...rows.map((r) => r.update)] : rows.map((r) => r.update);
    },
    async loadRecent(draftId, seconds) {
      const rows = await db
        .select({ update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(and(eq(yjsUpdates.draftId, draftId), gt(yjsUpdates.createdAt, sql`now() - make_interval(secs => ${seconds})`)))
        .orderBy(asc(yjsUpdates.id));
      return rows.map((r) => r.update);
    },
    async flush() {
      while (writing) await writing.catch(() => undefined);
    },
  };
}

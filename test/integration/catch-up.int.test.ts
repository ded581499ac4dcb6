/**
 * Recovering fan-out messages from the log: two instances (room registries) share one
 * database; the fan-out between them loses messages, as Redis pub/sub may. The periodic
 * catch-up reads the ids of the last minute's log, skips what each instance stored or
 * received, reads only the rest, and both copies of the document converge. Runs on the
 * embedded database and, with TEST_DATABASE_URL, on PostgreSQL (under CI=true its absence
 * fails the run).
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { Fanout, FanoutHandler, FanoutMessage } from '@/server/collab/fanout';
import { createLocalFanout } from '@/server/collab/fanout';
import { RoomRegistry } from '@/server/collab/room-registry';
import { createUpdateStore, type UpdateStore } from '@/server/collab/update-store';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { clauses, yjsUpdates } from '@/server/db/schema';
import { seedDemo } from '@/server/seed/seed-demo';
import { createTestDatabase } from '../support/postgres';

const postgres = await createTestDatabase();
if (!postgres) console.warn('\n*** SKIPPED: catch-up on PostgreSQL (needs TEST_DATABASE_URL) ***\n');

/** An in-process bus between instances that drops the messages `drop` picks. */
function lossyBus(drop: (message: FanoutMessage) => boolean) {
  const instances: Array<Map<string, FanoutHandler>> = [];
  const stats = { published: 0, dropped: 0 };
  const join = (): Fanout => {
    const handlers = new Map<string, FanoutHandler>();
    instances.push(handlers);
    return {
      ...createLocalFanout(),
      kind: 'redis',
      publish(draftId, message) {
        stats.published += 1;
        if (drop(message)) {
          stats.dropped += 1;
          return;
        }
        for (const other of instances) if (other !== handlers) other.get(draftId)?.(message);
      },
      subscribe: async (draftId, handler) => void handlers.set(draftId, handler),
      unsubscribe: async (draftId) => void handlers.delete(draftId),
    };
  };
  return { join, stats };
}

const targets: Array<[string, () => Promise<DatabaseHandle>]> = [
  ['the embedded database', () => openDatabase({ dataDir: fs.mkdtempSync(path.join(tmpdir(), 'accord-catch-up-')) })],
];
if (postgres) targets.push(['PostgreSQL', () => openDatabase({ databaseUrl: postgres.url, dataDir: tmpdir() })]);

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
  await postgres?.drop();
});

/** One database per target, seeded once (as a fresh install is). */
const opened = new Map<string, Promise<{ handle: DatabaseHandle; draftId: string }>>();
function setUp(name: string, open: () => Promise<DatabaseHandle>) {
  if (!opened.has(name)) {
    opened.set(
      name,
      (async () => {
        const handle = await open();
        handles.push(handle);
        const { draftId } = await seedDemo(handle.db, { password: 'catch-up-password' });
        if (!draftId) throw new Error('the demo was not seeded');
        return { handle, draftId };
      })(),
    );
  }
  return opened.get(name)!;
}

describe.each(targets)('catching up from the log on %s', (name, open) => {
  it('stores each update with its log id, reads the ids of the last minute, and reads back only what is asked', async () => {
    const { handle, draftId } = await setUp(name, open);
    const store = createUpdateStore(handle.db);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i += 1) doc.getText('t').insert(0, `w${i} `);
    // Appended together: one batch, ids in the order of the appends.
    const ids = await Promise.all(updates.map((update) => store.append({ draftId: draftId, update, userId: null, delegationCode: 'FR', clauseIds: [] })));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(5);

    const recent = await store.recentIds(draftId, 60, 0);
    expect(recent).toEqual(expect.arrayContaining(ids));
    expect(await store.recentIds(draftId, 60, ids[2])).toEqual(ids.slice(3));
    // Rows stored long ago are outside the window, also when no bound is given (the store finds one).
    await handle.db
      .update(yjsUpdates)
      .set({ createdAt: sql`now() - interval '10 minutes'` })
      .where(inArray(yjsUpdates.id, ids.slice(0, 2)));
    expect(await store.recentIds(draftId, 60, 0)).toEqual(expect.arrayContaining(ids.slice(2)));
    expect(await store.recentIds(draftId, 60, 0)).not.toContain(ids[1]);
    const read = await store.loadByIds(draftId, [ids[3], ids[1]]);
    expect(read.map((r) => r.id)).toEqual([ids[1], ids[3]]);
    expect(read.map((r) => [...r.update])).toEqual([[...updates[1]], [...updates[3]]]);
    const all = await store.loadWithIds(draftId);
    expect(all.ids.slice(-5)).toEqual(ids);
  });

  it('two instances converge although the fan-out lost every third update; each reads back only what it missed', async () => {
    const { handle, draftId } = await setUp(name, open);
    const clauseRows = await handle.db
      .select({ id: clauses.id, number: clauses.number, status: clauses.status })
      .from(clauses)
      .where(eq(clauses.draftId, draftId))
      .orderBy(asc(clauses.number));
    let n = 0;
    const bus = lossyBus((m) => m.kind === 'update' && (n += 1) % 3 === 0);
    // Count what each instance reads back from the log.
    const reads: number[] = [];
    const counting = (store: UpdateStore): UpdateStore => ({
      ...store,
      loadByIds: async (id, ids) => {
        reads.push(ids.length);
        return store.loadByIds(id, ids);
      },
    });
    const store = createUpdateStore(handle.db);
    const logger = pino({ level: 'silent' });
    const registry = (fanout: Fanout) =>
      new RoomRegistry({
        store: counting(store),
        logger,
        idleUnloadMs: 60_000,
        fanout,
        catchUpMs: 3_600_000, // driven by hand below
        loadClauses: async () => clauseRows.map((c) => ({ id: c.id, number: c.number, status: c.status as 'negotiating' })),
      });
    const a = registry(bus.join());
    const b = registry(bus.join());
    const roomA = await a.acquire(draftId);
    const roomB = await b.acquire(draftId);
    const field = clauseField(clauseRows[0].id);
    const type = (room: typeof roomA, text: string) => {
      const editor = new Y.Doc();
      Y.applyUpdate(editor, Y.encodeStateAsUpdate(room.doc));
      const updates: Uint8Array[] = [];
      editor.on('update', (u: Uint8Array) => updates.push(u));
      const paragraph = editor.getXmlFragment(field).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).insert(0, text);
      room.applyServerUpdate(Y.mergeUpdates(updates), { userId: null, delegation: 'FR', clauseIds: [clauseRows[0].id] });
    };
    for (let i = 0; i < 12; i += 1) {
      type(i % 2 ? roomA : roomB, `e${i} `);
      await Promise.all([roomA.flushed(), roomB.flushed()]);
    }
    const text = (room: typeof roomA) => room.doc.getXmlFragment(field).toString();
    expect(bus.stats.dropped).toBe(4);
    expect(text(roomA)).not.toBe(text(roomB));

    await a.catchUpAll(60);
    await b.catchUpAll(60);
    expect(text(roomA)).toBe(text(roomB));
    for (let i = 0; i < 12; i += 1) expect(text(roomA)).toContain(`e${i} `);
    // Each instance read back only the updates it had missed: two dropped in each direction.
    expect(reads).toEqual([2, 2]);
    // Nothing more to read once both have everything.
    await a.catchUpAll(60);
    await b.catchUpAll(60);
    expect(reads).toEqual([2, 2]);

    // After a Redis reconnect an instance re-reads its drafts' whole log; it remembers the ids
    // it read there too, so the next periodic pass has nothing left to read back.
    for (let i = 12; i < 18; i += 1) {
      type(i % 2 ? roomA : roomB, `e${i} `);
      await Promise.all([roomA.flushed(), roomB.flushed()]);
    }
    expect(bus.stats.dropped).toBe(6);
    expect(text(roomA)).not.toBe(text(roomB));
    await a.catchUpAll(null);
    await b.catchUpAll(null);
    expect(text(roomA)).toBe(text(roomB));
    await a.catchUpAll(60);
    await b.catchUpAll(60);
    expect(reads).toEqual([2, 2]);
    await a.closeAll();
    await b.closeAll();
  });
});

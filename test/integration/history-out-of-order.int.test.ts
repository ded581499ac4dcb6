/**
 * The history index on real PostgreSQL when commits arrive out of id order: a transaction
 * that took a smaller log id commits after one that took a larger id. The indexer must
 * index rows whenever they become visible, never move its cursor (or cut a permanent
 * snapshot) above a row that is still in flight, and never index a row twice; the history
 * service must read the text, sessions and authorship including the late row. Runs at the
 * service level against a fresh database (migrated and seeded as the server does), with a
 * short settle period. Needs TEST_DATABASE_URL (with CI=true its absence fails the run).
 */
import { tmpdir } from 'node:os';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Identity } from '@/lib/domain/identity';
import type { SessionEntry } from '@/lib/history/types';
import { createCheckpointer } from '@/server/collab/checkpointer';
import type { RoomRegistry } from '@/server/collab/room-registry';
import { createUpdateStore, type UpdateStore } from '@/server/collab/update-store';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { clauses, historyEdits, historyInsertions, historySessions, historySnapshots, historyState, yjsCheckpoints, yjsUpdates } from '@/server/db/schema';
import { createDraftStore } from '@/server/drafts/draft-store';
import { createHistoryIndexer, type HistoryIndexer } from '@/server/history/history-indexer';
import { createHistoryService, type HistoryService } from '@/server/history/history-service';
import { seedDemo } from '@/server/seed/seed-demo';
import { createUserStore } from '@/server/users/user-store';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { clauseText, typeInClause } from './helpers';

const database = await createTestDatabase();
if (!database) {
  console.warn('\n*** SKIPPED: history out-of-order integration tests (need TEST_DATABASE_URL) ***\n');
}

/** Seconds a row must be old before the indexer's cursor moves over it. */
const SETTLE_SECONDS = 3;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000 + 400));

describe.runIf(Boolean(database))('history index on PostgreSQL with commits out of id order', () => {
  const logger = pino({ level: 'silent' });
  let handle: DatabaseHandle;
  let store: UpdateStore;
  let indexer: HistoryIndexer;
  let history: HistoryService;
  let draftId: string;
  let clauseIds: string[] = [];
  const people = {} as Record<'fr' | 'de' | 'secretariat' | 'observer', Identity>;
  /** Connections that hold a transaction open (a slow insert of another instance). */
  const held: pg.Client[] = [];

  /** One editor: a Yjs client (a browser tab) of a person, with its own copy of the text. */
  interface Tab {
    who: 'fr' | 'de';
    doc: Y.Doc;
  }
  const tabs: Tab[] = [];
  let seedState: Uint8Array;

  function openTab(who: 'fr' | 'de', clientId: number): Tab {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    Y.applyUpdate(doc, seedState);
    const tab = { who, doc };
    tabs.push(tab);
    return tab;
  }

  /** Type in a tab; returns the Yjs update it produced. */
  function type(tab: Tab, clause: number, text: string): Uint8Array {
    const before = Y.encodeStateVector(tab.doc);
    typeInClause(tab.doc, clauseIds[clause], text);
    return Y.encodeStateAsUpdate(tab.doc, before);
  }

  const record = (tab: Tab, clause: number, update: Uint8Array) => ({
    draftId,
    update,
    userId: people[tab.who].userId,
    delegationCode: people[tab.who].delegation,
    clauseIds: [clauseIds[clause]],
  });

  /** Store through the server's own write path; returns the row's id. */
  async function commit(tab: Tab, clause: number, text: string): Promise<number> {
    await store.append(record(tab, clause, type(tab, clause, text)));
    const [row] = await handle.db
      .select({ id: yjsUpdates.id })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.draftId, draftId))
      .orderBy(sql`${yjsUpdates.id} desc`)
      .limit(1);
    return row.id;
  }

  /** Insert in a transaction that stays open: the row has its id but nobody else sees it yet. */
  async function begin(tab: Tab, clause: number, text: string): Promise<{ id: number; commit(): Promise<void> }> {
    const client = new pg.Client({ connectionString: (database as TestDatabase).url });
    await client.connect();
    held.push(client);
    const r = record(tab, clause, type(tab, clause, text));
    await client.query('begin');
    const { rows } = await client.query<{ id: string }>(
      'insert into yjs_updates (draft_id, update, user_id, delegation_code, clause_ids) values ($1, $2, $3, $4, $5::jsonb) returning id',
      [r.draftId, Buffer.from(r.update), r.userId, r.delegationCode, JSON.stringify(r.clauseIds)],
    );
    return {
      id: Number(rows[0].id),
      async commit() {
        await client.query('commit');
        await client.end();
        held.splice(held.indexOf(client), 1);
      },
    };
  }

  async function cursor(): Promise<{ indexedUpTo: number; snapshotUpTo: number }> {
    const [row] = await handle.db.select().from(historyState).where(eq(historyState.draftId, draftId));
    return { indexedUpTo: row.indexedUpTo, snapshotUpTo: row.snapshotUpTo };
  }

  async function indexedIds(): Promise<number[]> {
    const rows = await handle.db
      .select({ id: historyEdits.logId })
      .from(historyEdits)
      .where(eq(historyEdits.draftId, draftId))
      .orderBy(asc(historyEdits.logId));
    return rows.map((r) => r.id);
  }

  async function loggedIds(): Promise<number[]> {
    const rows = await handle.db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId)).orderBy(asc(yjsUpdates.id));
    return rows.map((r) => r.id);
  }

  async function snapshots(): Promise<Array<{ upToId: number; text: (clause: number) => string }>> {
    const rows = await handle.db
      .select({ upToId: historySnapshots.upToId, state: historySnapshots.state })
      .from(historySnapshots)
      .where(eq(historySnapshots.draftId, draftId))
      .orderBy(asc(historySnapshots.upToId));
    return rows.map((r) => ({
      upToId: r.upToId,
      text: (clause: number) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, r.state);
        const text = clauseText(doc, clauseIds[clause]);
        doc.destroy();
        return text;
      },
    }));
  }

  /** The text of a clause at a point, as the history API answers it. */
  async function textAt(point: string, clause: number): Promise<string> {
    const dto = await history.textAt(people.secretariat, draftId, point);
    return dto.clauses.find((c) => c.clauseId === clauseIds[clause])!.text;
  }

  beforeAll(async () => {
    // Migrated exactly as the server opens it; seeded as the server seeds a fresh install.
    handle = await openDatabase({ databaseUrl: (database as TestDatabase).url, dataDir: tmpdir() });
    expect(handle.kind).toBe('postgres');
    const seeded = await seedDemo(handle.db, { password: 'history-order-password' });
    draftId = seeded.draftId!;
    clauseIds = (await handle.db.select({ id: clauses.id }).from(clauses).where(eq(clauses.draftId, draftId)).orderBy(asc(clauses.number))).map((c) => c.id);
    const users = createUserStore(handle.db);
    for (const who of ['fr', 'de', 'secretariat', 'observer'] as const) people[who] = (await users.findIdentityByEmail(`${who}@accord.test`))!;
    const [seedRow] = await handle.db.select({ update: yjsUpdates.update }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId));
    seedState = seedRow.update;

    store = createUpdateStore(handle.db);
    indexer = createHistoryIndexer({ db: handle.db, logger, settleSeconds: SETTLE_SECONDS, snapshotEvery: 2 });
    // No live rooms in this process: nothing to flush before a read.
    const noRooms = { peek: () => undefined } as unknown as RoomRegistry;
    history = createHistoryService({
      db: handle.db,
      drafts: createDraftStore(handle.db),
      indexer,
      registry: noRooms,
      checkpointer: createCheckpointer({ db: handle.db, logger, every: 500, settleSeconds: SETTLE_SECONDS }),
      publisher: { publish: () => undefined },
      logger,
    });
  });

  afterAll(async () => {
    for (const client of held) await client.end().catch(() => undefined);
    for (const tab of tabs) tab.doc.destroy();
    await indexer?.close();
    await handle?.close();
    await database?.drop();
  });

  it('indexes a late commit with a smaller id, keeps the cursor and snapshots below it, and counts it once', async () => {
    const fr = openTab('fr', 1001);
    const frOtherTab = openTab('fr', 1003);
    const de = openTab('de', 2002);

    // Settled history before the race: the seed and three of FR's edits.
    const warm = [await commit(fr, 0, ' w1'), await commit(fr, 0, ' w2'), await commit(fr, 0, ' w3')];
    await settle();

    // T1 (FR) takes the next id and stays open; T2 (DE) and T3 (FR, another tab) commit after it.
    const t1 = await begin(fr, 1, ' LATE-FR-T1');
    const t2 = await commit(de, 2, ' DE-T2');
    const t3 = await commit(frOtherTab, 3, ' FR-T3');
    expect(t1.id).toBeGreaterThan(warm[2]);
    expect(t2).toBeGreaterThan(t1.id);
    expect(t3).toBeGreaterThan(t2);

    await indexer.ensureIndexed(draftId);
    // Everything visible is indexed; the settled rows move the cursor, up to the last one before T1 and no further.
    expect(await indexedIds()).toEqual((await loggedIds()).filter((id) => id !== t1.id));
    expect((await indexedIds()).includes(t1.id)).toBe(false);
    const during = await cursor();
    expect(during.indexedUpTo).toBe(warm[2]);
    // Snapshots were cut (every 2 updates), all of them below the row still in flight.
    const early = await snapshots();
    expect(early.length).toBeGreaterThan(0);
    for (const s of early) expect(s.upToId).toBeLessThan(t1.id);
    expect(during.snapshotUpTo).toBeLessThan(t1.id);

    // T1 commits; the next pass indexes it although its id is below rows already indexed.
    await t1.commit();
    await indexer.ensureIndexed(draftId);
    const logged = await loggedIds();
    expect(await indexedIds()).toEqual(logged);
    const [{ n: rowsIndexed }] = await handle.db.select({ n: count() }).from(historyEdits).where(eq(historyEdits.draftId, draftId));
    expect(Number(rowsIndexed)).toBe(logged.length);
    // What T1 typed is attributed to FR, once: the items of FR's first tab are covered exactly, without overlap.
    const spans = await handle.db
      .select()
      .from(historyInsertions)
      .where(and(eq(historyInsertions.draftId, draftId), eq(historyInsertions.client, 1001)))
      .orderBy(asc(historyInsertions.clockStart));
    for (const r of spans) expect(r).toMatchObject({ userId: people.fr.userId, delegationCode: 'FR' });
    spans.forEach((r, i) => i > 0 && expect(r.clockStart).toBeGreaterThanOrEqual(spans[i - 1].clockEnd));
    expect(spans.reduce((n, r) => n + (r.clockEnd - r.clockStart), 0)).toBe(' w1 w2 w3 LATE-FR-T1'.length);
    expect(spans.at(-1)!.clockEnd).toBe(' w1 w2 w3 LATE-FR-T1'.length);

    // Once everything has settled, the next edit's pass moves the cursor to the top and cuts snapshots that include T1.
    await settle();
    const t4 = await commit(de, 2, ' DE-T4');
    await indexer.ensureIndexed(draftId);
    const after = await cursor();
    expect(after.indexedUpTo).toBe(t3);
    const all = await snapshots();
    const aboveT1 = all.filter((s) => s.upToId >= t1.id);
    expect(aboveT1.length).toBeGreaterThan(0);
    for (const s of aboveT1) expect(s.text(1)).toContain('LATE-FR-T1');
    expect(await indexedIds()).toEqual(await loggedIds());
    expect(t4).toBeGreaterThan(t3);

    // Sessions: FR's five edits (two tabs, one out of order) in one session, DE's two in another, the seed in the secretariat's.
    const sessions = await handle.db.select().from(historySessions).where(eq(historySessions.draftId, draftId)).orderBy(asc(historySessions.id));
    expect(sessions).toHaveLength(3);
    const frSession = sessions.find((s) => s.delegationCode === 'FR')!;
    expect(frSession).toMatchObject({
      userId: people.fr.userId,
      edits: 5,
      inserted: ' w1 w2 w3 LATE-FR-T1 FR-T3'.length,
      deleted: 0,
      firstLogId: warm[0],
      lastLogId: t3,
    });
    expect([...frSession.clauseIds].sort()).toEqual([clauseIds[0], clauseIds[1], clauseIds[3]].sort());
    expect(sessions.find((s) => s.delegationCode === 'DE')).toMatchObject({
      userId: people.de.userId,
      edits: 2,
      inserted: ' DE-T2 DE-T4'.length,
      firstLogId: t2,
      lastLogId: t4,
    });
    expect(sessions.reduce((n, s) => n + s.edits, 0)).toBe((await loggedIds()).length);

    // The history service reads it all back: the timeline, the text at a point and a comparison.
    const timeline = await history.timeline(people.secretariat, draftId, { limit: 50 });
    const timelineSessions = timeline.entries.filter((e): e is SessionEntry => e.kind === 'session');
    expect(timelineSessions.find((s) => s.delegation === 'FR')).toMatchObject({ edits: 5, firstLogId: warm[0], lastLogId: t3, userName: people.fr.name });
    expect(await textAt(`log:${t1.id}`, 1)).toMatch(/ LATE-FR-T1$/);
    expect(await textAt(`log:${t1.id}`, 2)).not.toContain('DE-T2');
    expect(await textAt(`log:${t1.id - 1}`, 1)).not.toContain('LATE-FR-T1');
    expect(await textAt('now', 2)).toMatch(/ DE-T2 DE-T4$/);

    const compared = await history.compare(people.secretariat, draftId, `log:${warm[2]}`, 'now');
    const inserted = compared.clauses.flatMap((c) => c.segments.filter((s) => s.kind === 'insert').map((s) => ({ text: s.text, delegation: s.delegation })));
    expect(inserted).toEqual(
      expect.arrayContaining([
        { text: expect.stringContaining('LATE-FR-T1'), delegation: 'FR' },
        { text: expect.stringContaining('DE-T2'), delegation: 'DE' },
        { text: expect.stringContaining('FR-T3'), delegation: 'FR' },
      ]),
    );
    const authorship = await history.authorship(people.secretariat, draftId, 'now');
    const clause1Runs = authorship.clauses.find((c) => c.clauseId === clauseIds[1])!.runs;
    expect(clause1Runs.at(-1)).toMatchObject({ text: ' LATE-FR-T1', delegation: 'FR', userName: people.fr.name });
  });

  it('keeps a row that commits after a revision was cut above it in every later point and snapshot', async () => {
    const [fr, , de] = tabs;
    const t5 = await begin(fr, 4, ' LATE-FR-T5');
    const t6 = await commit(de, 5, ' DE-T6');
    // The secretariat cuts a revision while T5 is still in flight: the revision's upToId is above T5's id.
    const rev = await history.cutRevision(people.secretariat, draftId, { note: 'cut during a slow insert' });
    expect(rev.upToId).toBe(t6);
    await t5.commit();

    expect(await textAt('now', 4)).toMatch(/ LATE-FR-T5$/);
    expect(await textAt(`log:${t5.id}`, 4)).toMatch(/ LATE-FR-T5$/);
    expect(await textAt('now', 5)).toMatch(/ DE-T6$/);
    // The revision itself is the text it was cut with, and the comparison from it says T5 came later, by FR.
    expect(await textAt(`rev:${rev.number}`, 4)).not.toContain('LATE-FR-T5');
    expect(await textAt(`rev:${rev.number}`, 5)).toMatch(/ DE-T6$/);
    expect((await history.revisionText(people.observer, draftId, rev.number)).clauses[4].text).toBe(await textAt(`rev:${rev.number}`, 4));
    const sinceRev = await history.compare(people.observer, draftId, `rev:${rev.number}`, 'now');
    expect(sinceRev.summary.changedClauses.map((c) => c.clauseId)).toEqual([clauseIds[4]]);
    expect(sinceRev.clauses[4].segments.filter((g) => g.kind === 'insert')).toEqual([
      { kind: 'insert', text: expect.stringContaining('LATE-FR-T5'), delegation: 'FR', userName: people.fr.name },
    ]);

    // The indexer's permanent snapshots above T5 hold it too, whatever base they were built from.
    await settle();
    const t7 = await commit(de, 5, ' DE-T7');
    await indexer.ensureIndexed(draftId);
    expect((await cursor()).indexedUpTo).toBe(t6);
    const above = (await snapshots()).filter((s) => s.upToId >= t5.id);
    expect(above.length).toBeGreaterThan(0);
    for (const s of above) expect(s.text(4)).toMatch(/ LATE-FR-T5$/);
    expect(await textAt('now', 4)).toMatch(/ LATE-FR-T5$/);
    expect(await textAt('now', 5)).toMatch(/ DE-T6 DE-T7$/);
    expect(await indexedIds()).toEqual(await loggedIds());
    expect(t7).toBeGreaterThan(t6);
  });

  it('never folds a row into a load checkpoint while skipping a smaller id that is still inside the settle period', async () => {
    const [fr, , de] = tabs;
    const checkpointer = createCheckpointer({ db: handle.db, logger, every: 1, settleSeconds: SETTLE_SECONDS });

    // A's transaction starts first (its rows' created_at), B inserts and commits meanwhile and
    // takes the smaller id, then A inserts and commits, well within the settle period.
    const a = new pg.Client({ connectionString: (database as TestDatabase).url });
    await a.connect();
    held.push(a);
    await a.query('begin');
    const { rows: started } = await a.query<{ at: Date }>('select now() as at');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const b = await commit(de, 6, ' DE-B-SMALLER-ID');
    Y.applyUpdate(fr.doc, Y.encodeStateAsUpdate(de.doc)); // FR types after seeing DE's words
    const r = record(fr, 6, type(fr, 6, ' FR-A-LARGER-ID'));
    const { rows: inserted } = await a.query<{ id: string }>(
      'insert into yjs_updates (draft_id, update, user_id, delegation_code, clause_ids) values ($1, $2, $3, $4, $5::jsonb) returning id',
      [r.draftId, Buffer.from(r.update), r.userId, r.delegationCode, JSON.stringify(r.clauseIds)],
    );
    await a.query('commit');
    await a.end();
    held.splice(held.indexOf(a), 1);
    const aId = Number(inserted[0].id);
    expect(aId).toBeGreaterThan(b);
    const times = await handle.db
      .select({ id: yjsUpdates.id, at: yjsUpdates.createdAt })
      .from(yjsUpdates)
      .where(sql`${yjsUpdates.id} in (${b}, ${aId})`);
    const createdAt = new Map(times.map((t) => [t.id, t.at.getTime()]));
    expect(createdAt.get(aId)).toBe(started[0].at.getTime());
    expect(createdAt.get(b)! - createdAt.get(aId)!).toBeGreaterThan(1500);

    // Now A's row has settled and B's (smaller id, younger) has not.
    const due = createdAt.get(aId)! + SETTLE_SECONDS * 1000 + 600;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    expect(Date.now()).toBeLessThan(createdAt.get(b)! + SETTLE_SECONDS * 1000);
    expect(await checkpointer.checkpoint(draftId)).toBe(true);
    const [newest] = await handle.db
      .select({ upToId: yjsCheckpoints.upToId })
      .from(yjsCheckpoints)
      .where(eq(yjsCheckpoints.draftId, draftId))
      .orderBy(sql`${yjsCheckpoints.upToId} desc`)
      .limit(1);
    expect(newest.upToId).toBe(aId);

    // A load (newest checkpoint + rows after it) and the history both still hold B's edit.
    const loaded = new Y.Doc();
    for (const update of await store.load(draftId)) Y.applyUpdate(loaded, update);
    expect(clauseText(loaded, clauseIds[6])).toMatch(/ DE-B-SMALLER-ID FR-A-LARGER-ID$/);
    loaded.destroy();
    expect(await textAt('now', 6)).toMatch(/ DE-B-SMALLER-ID FR-A-LARGER-ID$/);
    await settle();
    await commit(de, 7, ' DE-LAST');
    await indexer.ensureIndexed(draftId);
    for (const s of (await snapshots()).filter((x) => x.upToId >= b)) expect(s.text(6)).toContain('DE-B-SMALLER-ID');
    expect(await textAt(`log:${aId}`, 6)).toMatch(/ DE-B-SMALLER-ID FR-A-LARGER-ID$/);
  });
});

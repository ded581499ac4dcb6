/**
 * The history index is the same whichever way it is written: on the embedded database a
 * batch is a few statements without a transaction (each author's session carried from one
 * batch to the next), on PostgreSQL a transaction under an advisory lock; batches of any
 * size; one run or several with edits logged in between. Two drafts of one embedded
 * database get the same generated log (20 authors, sessions, deletions, new browser tabs);
 * one is indexed in statement batches (7 rows in the background, 60 for a read) over
 * three runs, the other in 500-row transactions in one run, and every index table must
 * read the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistoryLog, storeHistoryLog, type HistoryLog } from '@/bench/lib/history-log';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { clauses, delegations, draftDelegations, drafts, users, yjsUpdates } from '@/server/db/schema';
import { createHistoryIndexer } from '@/server/history/history-indexer';

const CODES = ['FR', 'DE', 'PL', 'GB', 'UA', 'IT', 'ES', 'NL', 'SE', 'FI', 'DK', 'NO', 'CA', 'BE', 'CZ', 'EE', 'LV', 'LT', 'RO', 'TR'];
const SIZE = 1500;

describe('history index: statement batches and transactions write the same index', () => {
  const logger = pino({ level: 'silent' });
  let dir: string;
  let handle: DatabaseHandle;
  let log: HistoryLog;
  const targets: Array<{ draftId: string; authorIds: string[]; authorCodes: string[]; secretariatId: string; clauseIds: string[] }> = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-index-modes-'));
    handle = await openDatabase({ dataDir: dir });
    const { db } = handle;
    await db
      .insert(delegations)
      .values(CODES.map((code, i) => ({ code, name: `Delegation ${code}`, color: `hsl(${i * 18} 60% 40%)` })))
      .onConflictDoNothing();
    const people = await db
      .insert(users)
      .values(CODES.map((code) => ({ email: `${code.toLowerCase()}@modes.test`, name: `Author ${code}`, role: 'delegate' as const, delegationCode: code })))
      .returning({ id: users.id });
    const [secretariat] = await db.insert(users).values({ email: 'sec@modes.test', name: 'Secretariat', role: 'secretariat' }).returning();
    let seed = 7;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 2 ** 32);
    for (const title of ['statements', 'transactions']) {
      const [draft] = await db.insert(drafts).values({ title }).returning();
      await db.insert(draftDelegations).values(CODES.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })));
      const rows = await db
        .insert(clauses)
        .values(
          Array.from({ length: 4 }, (_, i) => ({ draftId: draft.id, ordinal: i + 1, number: i + 1, title: `Clause ${i + 1}`, status: 'negotiating' as const })),
        )
        .returning({ id: clauses.id });
      targets.push({
        draftId: draft.id,
        authorIds: people.map((p) => p.id),
        authorCodes: CODES,
        secretariatId: secretariat.id,
        clauseIds: rows.map((r) => r.id),
      });
    }
    // One log for both drafts: its first update names the first draft's clause fields, which
    // is all the index sees of them (it reads item ids, not names).
    log = generateHistoryLog({ size: SIZE, clauseIds: targets[0].clauseIds, authors: 20, random });
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every index table of a draft, with log ids as positions in its log and sessions named by their first edit. */
  async function indexOf(draftId: string, clauseIds: string[]) {
    const { db } = handle;
    const ids = (await db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId)).orderBy(asc(yjsUpdates.id))).map((r) => r.id);
    const position = new Map(ids.map((id, i) => [id, i]));
    const at = (v: unknown) => position.get(Number(v));
    const rows = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
    const time = (v: unknown) => new Date(v as string).toISOString();
    const sessions = await rows(sql`
      select delegation_code, started_at, ended_at, clause_ids, inserted, deleted, edits, first_log_id, last_log_id
      from history_sessions where draft_id = ${draftId} order by first_log_id`);
    const edits = await rows(sql`
      select e.log_id, s.first_log_id as session, e.at, e.inserted, e.deleted
      from history_edits e join history_sessions s on s.id = e.session_id where e.draft_id = ${draftId} order by e.log_id`);
    const insertions = await rows(sql`
      select i.client, i.clock_start, i.clock_end, i.delegation_code, s.first_log_id as session, i.log_id, i.at
      from history_insertions i join history_sessions s on s.id = i.session_id where i.draft_id = ${draftId} order by i.client, i.clock_start`);
    const deletions = await rows(sql`
      select client, clock_start, clock_end, delegation_code, log_id, at
      from history_deletions where draft_id = ${draftId} order by log_id, client, clock_start`);
    const [state] = await rows(sql`select indexed_up_to, snapshot_up_to from history_state where draft_id = ${draftId}`);
    const snapshots = await rows(sql`select up_to_id, length(state) as bytes from history_snapshots where draft_id = ${draftId} order by up_to_id`);
    const clause = new Map(clauseIds.map((id, i) => [id, i]));
    return {
      logged: ids.length,
      sessions: sessions.map((s) => ({
        ...s,
        started_at: time(s.started_at),
        ended_at: time(s.ended_at),
        clause_ids: (typeof s.clause_ids === 'string' ? (JSON.parse(s.clause_ids) as string[]) : (s.clause_ids as string[])).map((id) => clause.get(id)),
        first_log_id: at(s.first_log_id),
        last_log_id: at(s.last_log_id),
      })),
      edits: edits.map((e) => ({ ...e, log_id: at(e.log_id), session: at(e.session), at: time(e.at) })),
      insertions: insertions.map((i) => ({ ...i, client: Number(i.client), session: at(i.session), log_id: at(i.log_id), at: time(i.at) })),
      deletions: deletions.map((d) => ({ ...d, client: Number(d.client), log_id: at(d.log_id), at: time(d.at) })),
      cursor: at(state.indexed_up_to),
      snapshots: snapshots.map((s) => ({ upTo: at(s.up_to_id), bytes: Number(s.bytes) })),
    };
  }

  it('indexes the same sessions, edits, insertions, deletions, cursor and snapshots', async () => {
    const { db } = handle;
    const [a, b] = targets;
    const statements = createHistoryIndexer({ db, logger, settleSeconds: 0, embedded: true, batchSize: 7, urgentBatchSize: 60, snapshotEvery: 400 });
    const transactions = createHistoryIndexer({ db, logger, settleSeconds: 0, embedded: false, batchSize: 500, snapshotEvery: 400 });
    // The first draft in three runs with edits logged in between (and a background run among them).
    await storeHistoryLog(db, log, a, 0, 500);
    await statements.ensureIndexed(a.draftId, { background: true });
    await storeHistoryLog(db, log, a, 500, 1100);
    await statements.ensureIndexed(a.draftId);
    await storeHistoryLog(db, log, a, 1100, SIZE);
    await statements.ensureIndexed(a.draftId);
    // The second draft in one run.
    await storeHistoryLog(db, log, b, 0, SIZE);
    await transactions.ensureIndexed(b.draftId);

    const one = await indexOf(a.draftId, a.clauseIds);
    const other = await indexOf(b.draftId, b.clauseIds);
    expect(one.logged).toBe(SIZE);
    expect(one.edits).toHaveLength(SIZE);
    expect(one.cursor).toBe(SIZE - 1);
    expect(one.sessions.length).toBeGreaterThan(20);
    expect(one.insertions.length).toBeGreaterThan(0);
    expect(one.deletions.length).toBeGreaterThan(0);
    expect(one.snapshots.map((s) => s.upTo)).toEqual([399, 799, 1199]);
    expect(one).toEqual(other);
    await expect(statements.status(a.draftId)).resolves.toEqual({ logged: SIZE, indexed: SIZE });
  }, 120_000);
});

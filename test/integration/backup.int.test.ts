/**
 * `npm run backup` and `npm run restore` round-trip everything Accord stores, on the
 * embedded database and from a live PostgreSQL into another database (TEST_DATABASE_URL):
 * a draft with edits, positions, brackets, alternatives and backings, comments,
 * notifications and their reads, a silence procedure and a numbered revision. Every
 * table of the schema is compared row for row (generically, from the schema's exports);
 * tables left out on purpose are rebuilt by the restored server. Restores that cannot be
 * done whole are refused and leave the database empty.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getTableName, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AlternativeDto, BracketDto, ConsensusDto, DraftDetail, PositionChangeDto, PositionDto } from '@/lib/api/types';
import type { CommentThreadDto } from '@/lib/api/comment-types';
import type { RevisionDto, TimelinePage } from '@/lib/history/types';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorInText } from '@/lib/comments/comment-anchor';
import { backupTables, EXCLUDED_TABLES, schemaTables } from '@/server/backup/backup-tables';
import { openDatabase } from '@/server/db/client';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { INT_DEMO_PASSWORD, REPO_ROOT, startServer, type RunningServer } from '../support/server';
import { signIn, signOut } from '../support/session';
import { connectProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'));
const databases: TestDatabase[] = [];
const BACKED_UP = backupTables().map(getTableName);
/**
 * Backed-up tables the fixture cannot fill through the API in a test's time: they are
 * still compared row for row (empty on both sides), but not required to hold a row.
 */
const MAY_BE_EMPTY: Record<string, string> = {
  silence_reminders: 'a reminder is due only hours after its procedure started (24 h / 1 h before the deadline)',
  email_digests: 'written only when SMTP_URL is set (tested in notifications.int.test.ts against a local SMTP server)',
};

interface Target {
  DATA_DIR: string;
  DATABASE_URL?: string;
}

async function script(name: string, args: string[], env: Target): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, `scripts/${name}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return stdout + stderr;
}

/** Every table of the schema, each row as PostgreSQL renders it in JSON, sorted. */
async function dumpTables(target: Target): Promise<Record<string, string[]>> {
  const handle = await openDatabase({ databaseUrl: target.DATABASE_URL || undefined, dataDir: target.DATA_DIR });
  try {
    const out: Record<string, string[]> = {};
    for (const table of schemaTables()) {
      const name = getTableName(table);
      const result = await handle.db.execute(sql.raw(`select row_to_json(t)::text as j from "${name}" t order by 1`));
      out[name] = (result as unknown as { rows: Array<{ j: string }> }).rows.map((r) => r.j);
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** Serial columns whose next value would not come after the largest id in their table. */
async function collidingSequences(target: Target): Promise<string[]> {
  const handle = await openDatabase({ databaseUrl: target.DATABASE_URL || undefined, dataDir: target.DATA_DIR });
  try {
    const exec = async <T>(text: string) => ((await handle.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
    const serials = await exec<{ t: string; c: string; seq: string }>(`
      select table_name as t, column_name as c, pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) as seq
      from information_schema.columns where table_schema = current_schema()`);
    const bad: string[] = [];
    for (const { t, c, seq } of serials.filter((s) => s.seq)) {
      const [{ next }] = await exec<{ next: string }>(`select case when is_called then last_value + 1 else last_value end as next from ${seq}`);
      const [{ max }] = await exec<{ max: string | null }>(`select max("${c}") as max from "${t}"`);
      if (max !== null && Number(next) <= Number(max)) bad.push(`${t}.${c} next ${next} <= max ${max}`);
    }
    return bad;
  } finally {
    await handle.close();
  }
}

async function expectEmpty(target: Target): Promise<void> {
  const tables = await dumpTables(target);
  expect(
    Object.entries(tables)
      .filter(([, rows]) => rows.length > 0)
      .map(([name]) => name),
  ).toEqual([]);
}

function api(server: RunningServer, cookie: string) {
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

function firstText(doc: Y.Doc, clauseId: string): Y.XmlText {
  const paragraph = doc
    .getXmlFragment(clauseField(clauseId))
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.length > 0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** Puts a row in every backed-up table through the real APIs; returns the clause left pending on a bracket. */
async function populate(server: RunningServer): Promise<{ draftId: string; bracketed: string }> {
  const [fr, de, secretariat] = await Promise.all(['fr', 'de', 'secretariat'].map((who) => signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD)));
  const draft = await demoDraft(server.url, fr);
  const as = { fr: api(server, fr), de: api(server, de), secretariat: api(server, secretariat) };
  const base = `/api/drafts/${draft.id}`;
  const [c1, c3, c7, c13, c15] = [1, 3, 7, 13, 15].map((n) => draft.clauses.find((c) => c.number === n)!);

  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: fr });
  await p.waitSynced();
  for (let i = 0; i < 30; i += 1) typeInClause(p.doc, c13.id, ` edit-${i}`);
  const check = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: secretariat });
  await check.waitSynced();
  await expect.poll(() => clauseText(check.doc, c13.id)).toContain('edit-29');

  await as.fr('PUT', `${base}/clauses/${c13.id}/positions/FR`, { position: 'reservation', reservation: 'scrutiny', note: 'Pending instructions' });
  await as.fr('PUT', `${base}/clauses/${c13.id}/positions/FR`, { position: 'support' });
  // Clause 1 is agreed by consensus in the demo; a bracket makes it pending.
  expect((await as.secretariat<ConsensusDto[]>('GET', `${base}/consensus`)).find((c) => c.clauseId === c1.id)?.state).toBe('consensus');
  const words = clauseText(check.doc, c1.id).slice(0, 12);
  await as.fr<BracketDto>('POST', `${base}/clauses/${c1.id}/brackets`, { span: { range: { from: 0, to: words.length } }, quote: words });
  const c7words = clauseText(check.doc, c7.id).slice(4, 20);
  const alt = await as.de<AlternativeDto>('POST', `${base}/clauses/${c7.id}/alternatives`, {
    body: 'a wording proposed before the backup',
    span: { range: { from: 4, to: 20 } },
    quote: c7words,
    note: 'Kept by the backup',
  });
  await as.fr('PUT', `${base}/alternatives/${alt.id}/backing`, { backed: true });
  const thread = await as.fr<CommentThreadDto>('POST', `${base}/comments`, {
    clauseId: c3.id,
    anchor: anchorInText(firstText(check.doc, c3.id), 0, 10),
    quote: 'x',
    body: 'See @DE',
  });
  await as.de('POST', `${base}/comments/${thread.id}/replies`, { body: 'DE answers' });
  await as.fr('POST', `${base}/comments`, {
    clauseId: c3.id,
    anchor: anchorInText(firstText(check.doc, c3.id), 2, 5),
    quote: 'x',
    body: 'FR internal note',
    visibility: 'delegation',
  });
  await as.de('POST', '/api/notifications/read', { all: true });
  await as.secretariat('POST', `${base}/silence`, { clauseIds: [c15.id], deadline: new Date(Date.now() + 3_600_000).toISOString() });
  await as.secretariat<RevisionDto>('POST', `${base}/revisions`, { note: 'Circulated to capitals' });
  // Clause structure, the secretariat's clause comment, an editorial mark, a mandate, preferences.
  await as.secretariat('PATCH', `${base}/clauses/${c3.id}`, { title: 'Ceasefire monitoring and verification' });
  await as.secretariat('PUT', `${base}/clauses/${c7.id}/comment`, { comment: 'DE and FR to meet on this before Rev.2' });
  await as.secretariat('POST', `${base}/clauses/${c13.id}/editorial`, { note: 'Typo fixes only' });
  await as.fr('POST', `${base}/mandates`, { from: 'FR', to: 'DE' });
  await as.de('PUT', '/api/me/notification-preferences', { muted: ['reply'], email: false });
  p.destroy();
  check.destroy();
  // A session ended before the backup stays ended after the restore (revoked_sessions).
  expect(await signOut(server.url, de)).toBe(200);
  return { draftId: draft.id, bracketed: c1.id };
}

/** What readers see through the API, for a before/after comparison. */
async function snapshot(server: RunningServer) {
  const cookie = await signIn(server.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
  const frCookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  const draft: DraftDetail = await demoDraft(server.url, cookie);
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
  await p.waitSynced();
  const text = draft.clauses.map((c) => clauseText(p.doc, c.id)).join('\n');
  p.destroy();
  const get = api(server, cookie);
  const base = `/api/drafts/${draft.id}`;
  const timeline = await get<TimelinePage>('GET', `${base}/history/timeline?limit=100`);
  return {
    text,
    positions: await get<PositionDto[]>('GET', `${base}/positions`),
    positionHistory: await get<PositionChangeDto[]>('GET', `${base}/clauses/${draft.clauses.find((c) => c.number === 13)!.id}/positions/history`),
    consensus: await get<ConsensusDto[]>('GET', `${base}/consensus`),
    brackets: await get<BracketDto[]>('GET', `${base}/brackets`),
    alternatives: await get<AlternativeDto[]>('GET', `${base}/alternatives`),
    comments: await get<CommentThreadDto[]>('GET', `${base}/comments`),
    frComments: await api(server, frCookie)<CommentThreadDto[]>('GET', `${base}/comments`),
    revisions: await get<RevisionDto[]>('GET', `${base}/revisions`),
    silence: await get<unknown[]>('GET', `${base}/silence`),
    notifications: await api(server, frCookie)<unknown>('GET', '/api/notifications'),
    // Session ids are the rebuilt index's own; everything else must come back the same.
    timeline: timeline.entries.map((e) => (e.kind === 'session' ? { ...e, id: 0 } : e)),
  };
}

/** The restored server works on: new rows in tables with serial ids (log, positions, audit, revisions) and a rebuilt history. */
async function keepsWorking(server: RunningServer, before: Awaited<ReturnType<typeof snapshot>>, bracketed: string) {
  const cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  const secretariat = api(server, await signIn(server.url, 'secretariat@accord.test', INT_DEMO_PASSWORD));
  const draft = await demoDraft(server.url, cookie);
  const consensus = await secretariat<ConsensusDto[]>('GET', `/api/drafts/${draft.id}/consensus`);
  expect(consensus.find((c) => c.clauseId === bracketed)).toMatchObject({ state: 'pending', openBrackets: 1 });
  await api(server, cookie)('PUT', `/api/drafts/${draft.id}/clauses/${draft.clauses[2].id}/positions/FR`, { position: 'support' });
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
  await p.waitSynced();
  typeInClause(p.doc, draft.clauses[2].id, ' after-restore');
  const rev = await secretariat<RevisionDto>('POST', `/api/drafts/${draft.id}/revisions`, { note: 'After the restore' });
  expect(rev.number).toBe(before.revisions.length + 1);
  p.destroy();
}

afterAll(async () => {
  for (const db of databases) await db.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Restores `file` into `target` and checks every table against `source` row for row, and the sequences. */
async function restoreAndCompare(file: string, target: Target, source: Record<string, string[]>): Promise<void> {
  expect(await script('restore', [file], target)).toMatch(/Restored/);
  const restored = await dumpTables(target);
  for (const name of BACKED_UP) expect(restored[name], name).toEqual(source[name]);
  for (const name of Object.keys(EXCLUDED_TABLES)) expect(restored[name], name).toEqual([]);
  expect(await collidingSequences(target)).toEqual([]);
}

describe('backup and restore', () => {
  it('round-trips every table of the embedded database, row for row', async () => {
    const server = await startServer();
    let before: Awaited<ReturnType<typeof snapshot>>;
    let bracketed: string;
    try {
      ({ bracketed } = await populate(server));
      before = await snapshot(server);
    } finally {
      await server.stop();
    }
    const source = await dumpTables({ DATA_DIR: server.dataDir });
    for (const name of BACKED_UP) if (!(name in MAY_BE_EMPTY)) expect(source[name].length, `rows in ${name}`).toBeGreaterThan(0);

    const file = path.join(tmp, 'embedded.jsonl.gz');
    expect(await script('backup', [file], { DATA_DIR: server.dataDir })).toMatch(/Backup written/);
    // Password hashes and internal notes: owner only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const target = { DATA_DIR: path.join(tmp, 'restored') };
    await restoreAndCompare(file, target, source);
    // Restoring twice into the same database is refused, and changes nothing.
    await expect(script('restore', [file], target)).rejects.toThrow(/not empty \(table \w+ has rows\)/);
    expect((await dumpTables(target)).users).toEqual(source.users);

    expect(await script('audit-verify', [], target)).toMatch(/intact/);
    const restored = await startServer({ dataDir: target.DATA_DIR, env: { SEED_DEMO: 'never' } });
    try {
      // The excluded history index is rebuilt from the log: the timeline reads the same.
      expect(await snapshot(restored)).toEqual(before);
      await keepsWorking(restored, before, bracketed);
    } finally {
      await restored.stop();
    }
  }, 240_000); // a server, a backup CLI, a restore CLI and a second server: slow on a loaded machine

  it('refuses a file of another format or schema version, naming both, and leaves the database empty', async () => {
    const lines = gunzipSync(fs.readFileSync(path.join(tmp, 'embedded.jsonl.gz')))
      .toString()
      .split('\n');
    const header = JSON.parse(lines[0]) as { schema: { migration: string; hash: string; count: number }; version: number };
    const variant = (name: string, change: (h: typeof header) => void) => {
      const h = structuredClone(header);
      change(h);
      const file = path.join(tmp, `${name}.jsonl.gz`);
      fs.writeFileSync(file, gzipSync([JSON.stringify(h), ...lines.slice(1)].join('\n')));
      return file;
    };
    const target = { DATA_DIR: path.join(tmp, 'other-version') };
    const future = variant('future', (h) => (h.schema = { migration: '0099_future', hash: 'f'.repeat(64), count: 100 }));
    await expect(script('restore', [future], target)).rejects.toThrow(
      new RegExp(`schema version is 0099_future \\(100 migrations, f{12}\\) but this database's is ${header.schema.migration}`),
    );
    const old = variant('old', (h) => (h.version = 1));
    await expect(script('restore', [old], target)).rejects.toThrow(/format version 1; this Accord reads version 2/);
    await expectEmpty(target);
  }, 120_000);

  it('leaves the database empty when a restore fails midway or the file is truncated', async () => {
    const lines = gunzipSync(fs.readFileSync(path.join(tmp, 'embedded.jsonl.gz')))
      .toString()
      .trim()
      .split('\n');
    // The last row again, just before the end marker: every other row is inserted by then.
    const duplicated = path.join(tmp, 'duplicated.jsonl.gz');
    fs.writeFileSync(duplicated, gzipSync([...lines.slice(0, -1), lines.at(-2), lines.at(-1)].join('\n')));
    const target = { DATA_DIR: path.join(tmp, 'failed') };
    await expect(script('restore', [duplicated], target)).rejects.toThrow(/duplicate key/);
    await expectEmpty(target);

    const truncated = path.join(tmp, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(script('restore', [truncated], target)).rejects.toThrow(/truncated/);
    await expectEmpty(target);
  }, 120_000);

  it('round-trips a live PostgreSQL database into another one, row for row', async (ctx) => {
    const sourceDb = await createTestDatabase();
    if (!sourceDb) return ctx.skip();
    const targetDb = (await createTestDatabase())!;
    databases.push(sourceDb, targetDb);
    const server = await startServer({ databaseUrl: sourceDb.url });
    let before: Awaited<ReturnType<typeof snapshot>>;
    let bracketed: string;
    const file = path.join(tmp, 'pg.jsonl.gz');
    try {
      ({ bracketed } = await populate(server));
      before = await snapshot(server);
      // Taken while the server runs.
      expect(await script('backup', [file], { DATABASE_URL: sourceDb.url, DATA_DIR: tmp })).toMatch(/Backup written/);
    } finally {
      await server.stop();
    }
    const source = await dumpTables({ DATABASE_URL: sourceDb.url, DATA_DIR: tmp });
    for (const name of BACKED_UP) if (!(name in MAY_BE_EMPTY)) expect(source[name].length, `rows in ${name}`).toBeGreaterThan(0);
    const target = { DATABASE_URL: targetDb.url, DATA_DIR: tmp };
    await restoreAndCompare(file, target, source);
    const restored = await startServer({ databaseUrl: targetDb.url, env: { SEED_DEMO: 'never' } });
    try {
      expect(await snapshot(restored)).toEqual(before);
      await keepsWorking(restored, before, bracketed);
    } finally {
      await restored.stop();
    }
  }, 240_000);
});

/**
 * `npm run backup` and `npm run restore` round-trip a draft with its history: text,
 * positions and their history, the update log and the audit chain; on the embedded
 * database, and from a live PostgreSQL into another database when TEST_DATABASE_URL is set.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DraftDetail, PositionChangeDto, PositionDto } from '@/lib/api/types';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { INT_DEMO_PASSWORD, REPO_ROOT, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'));
const databases: TestDatabase[] = [];

async function script(name: string, args: string[], env: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, `scripts/${name}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return stdout + stderr;
}

/** Make history on a server: text edits and position changes; returns what a reader sees. */
async function makeHistory(server: RunningServer) {
  const fr = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  const draft = await demoDraft(server.url, fr);
  const clause = draft.clauses[13];
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: fr });
  await p.waitSynced();
  for (let i = 0; i < 30; i += 1) typeInClause(p.doc, clause.id, ` edit-${i}`);
  const check = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD) });
  await check.waitSynced();
  await expect.poll(() => clauseText(check.doc, clause.id)).toContain('edit-29');
  for (const position of ['reservation', 'support']) {
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/clauses/${clause.id}/positions/FR`, {
      method: 'PUT',
      headers: { cookie: fr, 'content-type': 'application/json' },
      body: JSON.stringify(position === 'reservation' ? { position, reservation: 'scrutiny', note: 'Pending instructions' } : { position }),
    });
    expect(res.status).toBe(200);
  }
  p.destroy();
  check.destroy();
  return snapshot(server, draft);
}

async function snapshot(server: RunningServer, known?: DraftDetail) {
  const cookie = await signIn(server.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
  const draft = known ?? (await demoDraft(server.url, cookie));
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
  await p.waitSynced();
  const text = draft.clauses.map((c) => clauseText(p.doc, c.id)).join('\n');
  p.destroy();
  const get = async <T>(url: string) => (await (await fetch(`${server.url}${url}`, { headers: { cookie } })).json()) as T;
  return {
    draftId: draft.id,
    text,
    positions: (await get<PositionDto[]>(`/api/drafts/${draft.id}/positions`)).map((x) => ({ ...x, updatedAt: x.updatedAt })),
    history: await get<PositionChangeDto[]>(`/api/drafts/${draft.id}/clauses/${draft.clauses[13].id}/positions/history`),
  };
}

afterAll(async () => {
  for (const db of databases) await db.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips the embedded database', async () => {
    const server = await startServer();
    const before = await makeHistory(server);
    await server.stop();

    const file = path.join(tmp, 'embedded.jsonl.gz');
    expect(await script('backup', [file], { DATA_DIR: server.dataDir })).toMatch(/Backup written/);
    const target = path.join(tmp, 'restored');
    expect(await script('restore', [file], { DATA_DIR: target })).toMatch(/Restored/);
    // Restoring twice into the same database is refused, and changes nothing.
    await expect(script('restore', [file], { DATA_DIR: target })).rejects.toThrow(/not empty/);

    expect(await script('audit-verify', [], { DATA_DIR: target })).toMatch(/intact/);
    const restored = await startServer({ dataDir: target, env: { SEED_DEMO: 'never' } });
    try {
      const after = await snapshot(restored);
      expect(after).toEqual(before);
      // The restored server keeps working: new edits get new log ids.
      const cookie = await signIn(restored.url, 'fr@accord.test', INT_DEMO_PASSWORD);
      const res = await fetch(`${restored.url}/api/drafts/${before.draftId}/clauses/${(await demoDraft(restored.url, cookie)).clauses[2].id}/positions/FR`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ position: 'support' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await restored.stop();
    }
  }, 150_000); // a server, a backup CLI, a restore CLI and a second server: slow on a loaded machine

  it('refuses a truncated file', async () => {
    const file = path.join(tmp, 'embedded.jsonl.gz');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const lines = gunzipSync(fs.readFileSync(file)).toString().split('\n');
    const truncated = path.join(tmp, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(script('restore', [truncated], { DATA_DIR: path.join(tmp, 'never') })).rejects.toThrow(/truncated/);
  });

  it('round-trips a live PostgreSQL database into another one', async (ctx) => {
    const source = await createTestDatabase();
    if (!source) return ctx.skip();
    const target = (await createTestDatabase())!;
    databases.push(source, target);
    const server = await startServer({ databaseUrl: source.url });
    try {
      const before = await makeHistory(server);
      const file = path.join(tmp, 'pg.jsonl.gz');
      // Taken while the server runs.
      expect(await script('backup', [file], { DATABASE_URL: source.url, DATA_DIR: tmp })).toMatch(/Backup written/);
      expect(await script('restore', [file], { DATABASE_URL: target.url, DATA_DIR: tmp })).toMatch(/Restored/);
      const restored = await startServer({ databaseUrl: target.url, env: { SEED_DEMO: 'never' } });
      try {
        expect(await snapshot(restored)).toEqual(before);
      } finally {
        await restored.stop();
      }
    } finally {
      await server.stop();
    }
  }, 150_000); // a server, a backup CLI, a restore CLI and a second server: slow on a loaded machine
});

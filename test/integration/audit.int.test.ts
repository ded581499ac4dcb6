/**
 * The audit log's hash chain, end to end: real changes through the API, then
 * `npm run audit:verify` on the stopped server's data, then the same after editing and
 * after deleting a row directly in the database.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT_DEMO_PASSWORD, REPO_ROOT, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { demoDraft } from './helpers';

const run = promisify(execFile);

async function verify(dataDir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/audit-verify.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
  const fr = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  const draft = await demoDraft(server.url, fr);
  for (const position of ['support', 'can_live_with', 'abstain']) {
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/clauses/${draft.clauses[9].id}/positions/FR`, {
      method: 'PUT',
      headers: { cookie: fr, 'content-type': 'application/json' },
      body: JSON.stringify({ position }),
    });
    expect(res.status).toBe(200);
  }
  await server.stop();
});

afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

describe('GET /api/audit and /api/audit/export', () => {
  it('lets the secretariat browse and export the log, and nobody else', async () => {
    const live = await startServer({ dataDir: server.dataDir });
    try {
      const sec = await signIn(live.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
      const fr = await signIn(live.url, 'fr@accord.test', INT_DEMO_PASSWORD);
      expect((await fetch(`${live.url}/api/audit`, { headers: { cookie: fr } })).status).toBe(403);
      expect((await fetch(`${live.url}/api/audit?limit=abc`, { headers: { cookie: sec } })).status).toBe(400);
      const first = (await (await fetch(`${live.url}/api/audit?limit=2`, { headers: { cookie: sec } })).json()) as {
        entries: Array<{ id: number; action: string }>;
        nextBefore: number;
      };
      expect(first.entries).toHaveLength(2);
      expect(first.entries[0].id).toBeGreaterThan(first.entries[1].id);
      const second = (await (await fetch(`${live.url}/api/audit?limit=2&before=${first.nextBefore}`, { headers: { cookie: sec } })).json()) as {
        entries: Array<{ id: number }>;
      };
      expect(second.entries[0].id).toBeLessThan(first.entries[1].id);
      const positions = (await (await fetch(`${live.url}/api/audit?action=position.set`, { headers: { cookie: sec } })).json()) as {
        entries: Array<{ action: string }>;
      };
      expect(positions.entries.length).toBe(3);
      const csv = await fetch(`${live.url}/api/audit/export`, { headers: { cookie: sec } });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('id,at,actor,action,draft,subject,details,hash');
      expect(lines.some((l) => l.includes('"position.set"'))).toBe(true);
      expect((await fetch(`${live.url}/api/audit/export`, { headers: { cookie: fr } })).status).toBe(403);
    } finally {
      await live.stop();
    }
  });
});

describe('npm run audit:verify', () => {
  it('confirms an intact chain of real changes (seed, sign-ins, positions)', async () => {
    const result = await verify(server.dataDir);
    expect(result.output).toMatch(/Audit log intact: \d+ rows/);
    expect(result.code).toBe(0);
  });

  it('names an edited row, then a deleted one', async () => {
    const db = await PGlite.create(path.join(server.dataDir, 'pgdata'));
    const { rows } = await db.query<{ id: number; action: string }>(`select id, action from audit_log order by id`);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['draft.seeded', 'user.signed_in', 'position.set']));
    const target = rows.find((r) => r.action === 'position.set')!;
    await db.query(`update audit_log set details = jsonb_set(details, '{to}', '"oppose"') where id = $1`, [target.id]);
    await db.close();
    const edited = await verify(server.dataDir);
    expect(edited.code).toBe(1);
    expect(edited.output).toContain(`row ${target.id} was altered`);

    const db2 = await PGlite.create(path.join(server.dataDir, 'pgdata'));
    const original = await db2.query<{ details: unknown }>(`select details from audit_log where id = $1`, [target.id]);
    expect(original.rows).toHaveLength(1);
    await db2.query(`update audit_log set details = jsonb_set(details, '{to}', '"support"') where id = $1`, [target.id]);
    await db2.query(`delete from audit_log where id = $1`, [target.id]);
    await db2.close();
    const deleted = await verify(server.dataDir);
    expect(deleted.code).toBe(1);
    expect(deleted.output).toMatch(/does not follow the previous row/);
  }, 150_000); // two runs of the verify CLI (each a fresh tsx process opening the database)
});

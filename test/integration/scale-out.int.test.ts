/**
 * Several instances behind PostgreSQL and Redis: clients on different instances
 * converge, a killed instance loses nothing anyone saw, silence deadlines fire once,
 * idle drafts unload and load again intact. Needs TEST_DATABASE_URL and TEST_REDIS_URL
 * (with CI=true their absence fails the run).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const database = await createTestDatabase();
const redisUrl = await testRedisUrl();
const available = Boolean(database && redisUrl);
if (!available) {
  console.warn('\n*** SKIPPED: scale-out integration tests (need TEST_DATABASE_URL and TEST_REDIS_URL) ***\n');
}

describe.runIf(available)('two instances on PostgreSQL + Redis', () => {
  const prefix = `accord-test-${crypto.randomBytes(4).toString('hex')}`;
  let a: RunningServer;
  let b: RunningServer;
  let draft: DraftDetail;
  const cookies: Record<string, string> = {};
  const open: ConnectedProvider[] = [];
  const sockets: Socket[] = [];

  const boot = () =>
    startServer({
      databaseUrl: (database as TestDatabase).url,
      redisUrl: redisUrl!,
      // Both instances read a due procedure as running, then wait 1 s before concluding it:
      // a conclusion that did not check it is still running would happen twice.
      env: { REDIS_PREFIX: prefix, DRAFT_IDLE_UNLOAD_SECONDS: '1', ACCORD_TEST_MODE: '1', ACCORD_TEST_SILENCE_RACE_MS: '1000' },
    });
  const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
  const client = (server: RunningServer, who: string, doc?: ConnectedProvider['doc']) => {
    const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who], doc });
    open.push(p);
    return p;
  };

  beforeAll(async () => {
    a = await boot();
    b = await boot();
    for (const who of ['fr', 'de', 'secretariat']) cookies[who] = await signIn(a.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    draft = await demoDraft(a.url, cookies.fr);
  });

  afterAll(async () => {
    for (const p of open) p.destroy();
    for (const s of sockets) s.disconnect();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('lets clients on different instances converge, with carets crossing instances', async () => {
    const fr = client(a, 'fr');
    const de = client(b, 'de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);
    typeInClause(fr.doc, clause(3).id, ' via-A');
    typeInClause(de.doc, clause(3).id, ' via-B', 0);
    await expect.poll(() => clauseText(de.doc, clause(3).id)).toContain('via-A');
    await expect.poll(() => clauseText(fr.doc, clause(3).id)).toContain('via-B');
    expect(clauseText(fr.doc, clause(3).id)).toBe(clauseText(de.doc, clause(3).id));

    fr.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await expect
      .poll(() => [...de.provider.awareness.getStates().values()].some((s) => String((s.user as { name?: string } | undefined)?.name).startsWith('FR ·')))
      .toBe(true);
  });

  it('loses nothing any client saw when an instance is killed; clients reconnect to the other', async () => {
    const fr = client(a, 'fr');
    const de = client(b, 'de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);
    for (let i = 0; i < 20; i += 1) typeInClause(fr.doc, clause(8).id, ` a${i}`);
    await expect.poll(() => clauseText(de.doc, clause(8).id)).toContain(' a19');
    const seenByDe = clauseText(de.doc, clause(8).id);

    await a.stop('SIGKILL');
    // The FR client keeps its document and reconnects to the surviving instance.
    fr.provider.destroy();
    const frAgain = client(b, 'fr', fr.doc);
    await frAgain.waitSynced();
    typeInClause(frAgain.doc, clause(8).id, ' after-failover');
    await expect.poll(() => clauseText(de.doc, clause(8).id)).toContain('after-failover');

    const fresh = client(b, 'secretariat');
    await fresh.waitSynced();
    expect(clauseText(fresh.doc, clause(8).id).startsWith(seenByDe.slice(0, 40))).toBe(true);
    expect(clauseText(fresh.doc, clause(8).id)).toContain(' a19');
    a = await boot();
  });

  it('fires a silence deadline exactly once although both instances arm it and race to conclude it', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(a.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies.de },
      reconnection: false,
    });
    sockets.push(socket);
    expect((await socket.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    const completed: SilenceProcedureDto[] = [];
    socket.on('silence:updated', (e) => e.procedure.state === 'completed' && completed.push(e.procedure));

    const res = await fetch(`${b.url}/api/drafts/${draft.id}/silence`, {
      method: 'POST',
      headers: { cookie: cookies.secretariat, 'content-type': 'application/json' },
      body: JSON.stringify({ clauseIds: [clause(15).id], deadline: new Date(Date.now() + 2000).toISOString() }),
    });
    expect(res.status).toBe(201);
    const procedure = (await res.json()) as SilenceProcedureDto;
    await expect.poll(() => completed.length, { timeout: 15_000 }).toBe(1);
    // A real race: both instances found the procedure due at its deadline (A armed it from B's
    // announcement, not from its 15-second sweep) before either concluded it.
    const reached = (server: RunningServer) =>
      server
        .logs()
        .split('\n')
        .filter((l) => l.includes(procedure.id) && l.includes('silence deadline reached'));
    await expect.poll(() => [reached(a).length, reached(b).length], { timeout: 5_000 }).toEqual([1, 1]);
    const at = (line: string) => {
      const { time } = JSON.parse(line) as { time: number | string };
      return typeof time === 'number' ? time : Date.parse(time);
    };
    expect(Math.abs(at(reached(a)[0]) - at(reached(b)[0]))).toBeLessThan(1000);
    // Both attempts are over: one concluded it, the other found it concluded already.
    const outcomes = () =>
      [a, b].flatMap((server) =>
        server
          .logs()
          .split('\n')
          .filter((l) => l.includes(procedure.id) && /procedure completed|already concluded/.test(l))
          .map((l) => (JSON.parse(l) as { msg: string }).msg),
      );
    await expect
      .poll(() => outcomes().sort(), { timeout: 5_000 })
      .toEqual(['silence procedure already concluded elsewhere', 'silence procedure completed: clauses agreed']);

    const client = new pg.Client({ connectionString: (database as TestDatabase).url });
    await client.connect();
    try {
      const { rows } = await client.query(`select count(*)::int as n from audit_log where action = 'silence.completed' and details->>'silenceId' = $1`, [
        procedure.id,
      ]);
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
    expect(completed).toHaveLength(1);
  });

  it('unloads an idle draft and loads it again intact', async () => {
    const loaded = async (server: RunningServer) => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^accord_loaded_drafts (\d+)/m.exec(text)?.[1]);
    };
    const fr = client(b, 'fr');
    await fr.waitSynced();
    typeInClause(fr.doc, clause(11).id, ' before-unload');
    const check = client(b, 'de');
    await check.waitSynced();
    await expect.poll(() => clauseText(check.doc, clause(11).id)).toContain('before-unload');
    const expected = clauseText(check.doc, clause(11).id);
    for (const p of open) p.provider.disconnect();
    await expect.poll(() => loaded(b), { timeout: 15_000 }).toBe(0);

    const again = client(b, 'secretariat');
    await again.waitSynced();
    expect(clauseText(again.doc, clause(11).id)).toBe(expected);
    expect(await loaded(b)).toBe(1);
  });
});

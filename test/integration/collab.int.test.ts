/**
 * The Yjs endpoint end to end: the real server in a child process, the stock
 * y-websocket provider as client, raw websockets for what a hostile client would send.
 * Runs on the embedded database, and again on PostgreSQL when TEST_DATABASE_URL is set.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ClauseSummary, CollabToken, DraftDetail } from '@/lib/api/types';
import { encodeUpdate } from '@/server/collab/protocol';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const pgDatabase = await createTestDatabase();
if (!pgDatabase) {
  console.warn('\n*** SKIPPED: collab integration tests on PostgreSQL (TEST_DATABASE_URL is not set) ***\n');
}

const backends: Array<{ name: string; database: TestDatabase | null }> = [
  { name: 'embedded PGlite', database: null },
  ...(pgDatabase ? [{ name: 'PostgreSQL', database: pgDatabase }] : []),
];

/** Open a raw websocket; resolves with the HTTP status of a refused upgrade or the open socket. */
function rawConnect(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ status: 101, body: '', ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (err) => reject(err));
  });
}

function waitClose(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe.each(backends)('collaboration endpoint on $name', ({ database }) => {
  let server: RunningServer;
  let draft: DraftDetail;
  let clause2: ClauseSummary;
  const cookies: Record<string, string> = {};
  const open: ConnectedProvider[] = [];

  function provider(who: 'fr' | 'de' | 'observer' | 'secretariat', extra: { token?: string } = {}): ConnectedProvider {
    const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: extra.token ? undefined : cookies[who], token: extra.token });
    open.push(p);
    return p;
  }

  beforeAll(async () => {
    server = await startServer({ databaseUrl: database?.url, env: { YJS_MAX_PAYLOAD: String(64 * 1024), YJS_RATE_MESSAGES: '50' } });
    for (const who of ['fr', 'de', 'observer', 'secretariat'] as const) {
      cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    }
    draft = await demoDraft(server.url, cookies.fr);
    clause2 = draft.clauses.find((c) => c.number === 2)!;
  });

  afterAll(async () => {
    for (const p of open) p.destroy();
    await server?.stop();
    await database?.drop();
  });

  it('lets two delegates of different delegations converge on the same clause', async () => {
    const fr = provider('fr');
    const de = provider('de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);
    expect(clauseText(fr.doc, clause2.id)).toContain('The guarantees take effect');

    typeInClause(fr.doc, clause2.id, ' FR-edit-1');
    typeInClause(de.doc, clause2.id, ' DE-edit-1', 0);
    await expect.poll(() => clauseText(de.doc, clause2.id)).toContain('FR-edit-1');
    await expect.poll(() => clauseText(fr.doc, clause2.id)).toContain('DE-edit-1');
    expect(clauseText(fr.doc, clause2.id)).toBe(clauseText(de.doc, clause2.id));
  });

  it('refuses an upgrade without a session with 401 and sends no Yjs bytes', async () => {
    const result = await rawConnect(`${server.wsUrl}/${draft.id}`);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('refuses a cross-site upgrade (foreign Origin) with 403 even with a valid session', async () => {
    const foreign = await rawConnect(`${server.wsUrl}/${draft.id}`, { cookie: cookies.fr, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await rawConnect(`${server.wsUrl}/${draft.id}`, { cookie: cookies.fr, origin: server.url });
    expect(own.status).toBe(101);
    own.ws!.close();
  });

  it('refuses a draft the user may not open with 403, and an unknown path with 404', async () => {
    const unknown = await rawConnect(`${server.wsUrl}/${crypto.randomUUID()}`, { cookie: cookies.fr });
    expect(unknown.status).toBe(403);
    const badPath = await rawConnect(`${server.wsUrl}/not-a-draft`, { cookie: cookies.fr });
    expect(badPath.status).toBe(404);
    const elsewhere = await rawConnect(server.wsUrl.replace('/yjs', '/whatever'), { cookie: cookies.fr });
    expect(elsewhere.status).toBe(404);
  });

  it('drops an observer’s document update, closes it with 4403, and keeps its presence allowed', async () => {
    const fr = provider('fr');
    await fr.waitSynced();
    const before = clauseText(fr.doc, clause2.id);

    const observer = provider('observer');
    await observer.waitSynced();
    // Presence is fine for observers: FR sees the observer's awareness state, with the server's name for it.
    observer.provider.awareness.setLocalStateField('cursor', null);
    await expect
      .poll(() => [...fr.provider.awareness.getStates().values()].some((s) => String((s.user as { name?: string })?.name).startsWith('Observer ·')))
      .toBe(true);

    const closed = observer.waitClosed();
    typeInClause(observer.doc, clause2.id, ' OBSERVER-WROTE-THIS');
    expect((await closed).code).toBe(4403);
    observer.provider.disconnect();

    // Neither relayed to FR nor stored: a fresh client sees the text as before.
    const check = provider('de');
    await check.waitSynced();
    expect(clauseText(check.doc, clause2.id)).toBe(before);
    expect(clauseText(fr.doc, clause2.id)).toBe(before);
  });

  it('closes only the sender of random bytes, truncated or oversized messages', async () => {
    const fr = provider('fr');
    const de = provider('de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);

    const url = `${server.wsUrl}/${draft.id}`;
    const garbage = [
      crypto.randomBytes(64),
      Uint8Array.from([0, 2, 200, 1, 2, 3]), // an update whose length runs past the end
      (() => {
        const other = new Y.Doc();
        typeInClause(other, clause2.id, 'x');
        const full = encodeUpdate(Y.encodeStateAsUpdate(other));
        return full.subarray(0, full.length - 3);
      })(),
      Uint8Array.from([9, 9, 9]), // unknown message type
    ];
    for (const bytes of garbage) {
      const { ws } = await rawConnect(url, { cookie: cookies.de });
      const closed = waitClose(ws!);
      ws!.send(bytes);
      expect((await closed).code).toBe(4400);
    }
    const { ws: big } = await rawConnect(url, { cookie: cookies.de });
    const bigClosed = waitClose(big!);
    big!.send(crypto.randomBytes(65 * 1024));
    expect((await bigClosed).code).toBe(4413);

    // The honest clients were untouched and still edit together.
    typeInClause(fr.doc, clause2.id, ' after-garbage');
    await expect.poll(() => clauseText(de.doc, clause2.id)).toContain('after-garbage');
    expect(fr.closes).toEqual([]);
    expect(de.closes).toEqual([]);
  });

  it('closes a flooding client with 4429 while the others keep editing', async () => {
    const fr = provider('fr');
    const de = provider('de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);
    const { ws } = await rawConnect(`${server.wsUrl}/${draft.id}`, { cookie: cookies.de });
    const closed = waitClose(ws!);
    const queryAwareness = Uint8Array.from([3]);
    for (let i = 0; i < 1000 && ws!.readyState === WebSocket.OPEN; i += 1) ws!.send(queryAwareness);
    expect((await closed).code).toBe(4429);
    typeInClause(fr.doc, clause2.id, ' after-flood');
    await expect.poll(() => clauseText(de.doc, clause2.id)).toContain('after-flood');
  });

  it('accepts a short-lived collab token from POST /api/collab-token for scripts', async () => {
    const res = await fetch(`${server.url}/api/collab-token`, {
      method: 'POST',
      headers: { cookie: cookies.de, 'content-type': 'application/json' },
      body: JSON.stringify({ draftId: draft.id }),
    });
    expect(res.status).toBe(200);
    const { token, expiresAt } = (await res.json()) as CollabToken;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const script = provider('de', { token });
    await script.waitSynced();
    expect(clauseText(script.doc, clause2.id)).toContain('The guarantees take effect');

    const wrongDraft = await rawConnect(`${server.wsUrl}/${crypto.randomUUID()}?token=${encodeURIComponent(token)}`);
    expect(wrongDraft.status).toBe(403);
    const forged = await rawConnect(`${server.wsUrl}/${draft.id}?token=${encodeURIComponent(token.slice(0, -2))}xx`);
    expect(forged.status).toBe(401);
    expect(server.logs()).not.toContain(token);
  });

  it('keeps every edit another client has seen across a kill -9 and restart', async () => {
    const fr = provider('fr');
    const de = provider('de');
    await Promise.all([fr.waitSynced(), de.waitSynced()]);
    const marker = ` survives-${crypto.randomUUID().slice(0, 8)}`;
    typeInClause(fr.doc, clause2.id, marker);
    await expect.poll(() => clauseText(de.doc, clause2.id)).toContain(marker);
    const seen = clauseText(de.doc, clause2.id);

    await server.stop('SIGKILL');
    server = await startServer({ dataDir: server.dataDir, databaseUrl: database?.url, env: { YJS_MAX_PAYLOAD: String(64 * 1024), YJS_RATE_MESSAGES: '50' } });
    const after = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
    open.push(after);
    await after.waitSynced();
    expect(clauseText(after.doc, clause2.id)).toBe(seen);
  });
});

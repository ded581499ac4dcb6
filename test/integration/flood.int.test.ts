/**
 * One client floods awareness, socket.io events and position changes; the others stay
 * responsive: their edits and decisions still arrive promptly, and the flooder is
 * throttled with the documented codes (4429, a rate_limited error event, HTTP 429).
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DraftDetail, PositionDto } from '@/lib/api/types';
import type { ClientToServerEvents, RealtimeErrorPayload, ServerToClientEvents } from '@/lib/realtime/events';
import { encodeAwareness } from '@/server/collab/protocol';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'pl', 'ro']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

function socketFor(who: string): ClientSocket {
  const s: ClientSocket = connectIo(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: cookies[who] }, reconnection: false });
  sockets.push(s);
  return s;
}

/** Time for an edit by FR to reach DE, in ms. */
async function roundTrip(fr: ConnectedProvider, de: ConnectedProvider, marker: string): Promise<number> {
  const started = performance.now();
  typeInClause(fr.doc, draft.clauses[9].id, ` ${marker}`);
  await expect.poll(() => clauseText(de.doc, draft.clauses[9].id), { timeout: 5000, interval: 10 }).toContain(marker);
  return performance.now() - started;
}

describe('flooding', () => {
  it('throttles an awareness flood with 4429 while edits keep flowing', async () => {
    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    const de = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.de });
    providers.push(fr, de);
    await Promise.all([fr.waitSynced(), de.waitSynced()]);

    const flooder = new WebSocket(`${server.wsUrl}/${draft.id}`, { headers: { cookie: cookies.pl } });
    await new Promise<void>((resolve) => flooder.once('open', () => resolve()));
    const closed = new Promise<number>((resolve) => flooder.once('close', (code) => resolve(code)));
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    let sent = 0;
    const flood = (async () => {
      while (flooder.readyState === WebSocket.OPEN && sent < 20_000) {
        awareness.setLocalStateField('cursor', { anchor: sent, head: sent });
        flooder.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
        sent += 1;
        if (sent % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const during = await roundTrip(fr, de, 'during-awareness-flood');
    expect(await closed).toBe(4429);
    await flood;
    awareness.destroy();
    expect(during).toBeLessThan(2000);
    expect(await roundTrip(fr, de, 'after-awareness-flood')).toBeLessThan(2000);
  });

  it('drops a socket.io event flood with a rate_limited error; others still get decisions live', async () => {
    const flooder = socketFor('pl');
    await new Promise<void>((resolve) => flooder.once('connect', () => resolve()));
    const errors: RealtimeErrorPayload[] = [];
    flooder.on('error', (e) => errors.push(e));
    for (let i = 0; i < 2000; i += 1) flooder.emit('draft:join', { draftId: draft.id });

    const de = socketFor('de');
    expect((await de.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    const seen: PositionDto[] = [];
    de.on('position:updated', (e) => seen.push(e.position));
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/clauses/${draft.clauses[10].id}/positions/FR`, {
      method: 'PUT',
      headers: { cookie: cookies.fr, 'content-type': 'application/json' },
      body: JSON.stringify({ position: 'support' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => seen.some((p) => p.delegation === 'FR' && p.clauseId === draft.clauses[10].id), { timeout: 3000 }).toBe(true);
    await expect.poll(() => errors.some((e) => e.code === 'rate_limited')).toBe(true);
  });

  it('answers a flood of position changes with 429 while another delegation is served at once', async () => {
    const path = `${server.url}/api/drafts/${draft.id}/clauses/${draft.clauses[11].id}/positions`;
    // The flooder keeps six requests in flight, as a browser would, 150 in all.
    const statuses: number[] = [];
    const floodStarted = performance.now();
    const flood = Promise.all(
      Array.from({ length: 6 }, async () => {
        while (statuses.length < 150) {
          const res = await fetch(`${path}/PL`, {
            method: 'PUT',
            headers: { cookie: cookies.pl, 'content-type': 'application/json' },
            body: JSON.stringify({ position: statuses.length % 2 ? 'support' : 'abstain' }),
          });
          statuses.push(res.status);
        }
      }),
    );
    await expect.poll(() => statuses.length, { timeout: 20_000 }).toBeGreaterThan(40);
    const started = performance.now();
    const other = await fetch(`${path}/RO`, {
      method: 'PUT',
      headers: { cookie: cookies.ro, 'content-type': 'application/json' },
      body: JSON.stringify({ position: 'can_live_with' }),
    });
    const elapsed = performance.now() - started;
    await flood;
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    expect(other.status).toBe(200);
    expect(elapsed).toBeLessThan(1500);
    // No more accepted than the limit allows (10/s after a burst of 30); the rest refused with 429.
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeLessThanOrEqual(30 + Math.ceil(10 * (floodSeconds + 1)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });
});

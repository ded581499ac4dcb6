/**
 * The HTTP API and socket.io presence against the real server, with plain fetch and
 * socket.io-client: the contracts other programs rely on, and the refusals.
 */
import crypto from 'node:crypto';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail, DraftSummary } from '@/lib/api/types';
import type { ClientToServerEvents, PresencePayload, ServerToClientEvents } from '@/lib/realtime/events';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { getJson } from './helpers';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: RunningServer;
const cookies: Record<string, string> = {};
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'observer'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

function socketFor(cookie?: string): ClientSocket {
  const socket: ClientSocket = connectIo(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

describe('security headers', () => {
  it('serves pages with a nonce-based CSP that Next applies to its scripts', async () => {
    const res = await fetch(`${server.url}/signin`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const second = (await fetch(`${server.url}/signin`)).headers.get('content-security-policy');
    expect(second).not.toBe(csp);
  });

  it('sets protective headers on API responses too', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('HTTP API', () => {
  it('reports health', async () => {
    expect(await getJson(`${server.url}/api/health`)).toEqual({ status: 200, body: { ok: true } });
  });

  it('lists drafts only for a signed-in caller', async () => {
    const anonymous = await getJson<{ error: { code: string } }>(`${server.url}/api/drafts`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');

    const { status, body } = await getJson<DraftSummary[]>(`${server.url}/api/drafts`, cookies.fr);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ title: 'Framework for Security Guarantees for Ukraine', clauseCount: 16, access: 'write' });
    const observer = await getJson<DraftSummary[]>(`${server.url}/api/drafts`, cookies.observer);
    expect(observer.body[0].access).toBe('read');
  });

  it('returns a draft with its ordered clauses, and 404 for unknown or malformed ids', async () => {
    const [summary] = (await getJson<DraftSummary[]>(`${server.url}/api/drafts`, cookies.de)).body;
    const { status, body } = await getJson<DraftDetail>(`${server.url}/api/drafts/${summary.id}`, cookies.de);
    expect(status).toBe(200);
    expect(body.id).toBe(summary.id);
    expect(body.clauses.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(body.clauses[3]).toMatchObject({ number: 4, title: 'Reassurance Force', status: 'negotiating' });
    expect(Object.keys(body.clauses[0]).sort()).toEqual(['id', 'number', 'status', 'title']);
    expect(body.delegations.find((d) => d.code === 'US')).toMatchObject({ participation: 'observer' });

    expect((await getJson(`${server.url}/api/drafts/${crypto.randomUUID()}`, cookies.de)).status).toBe(404);
    expect((await getJson(`${server.url}/api/drafts/not-an-id`, cookies.de)).status).toBe(404);
    expect((await getJson(`${server.url}/api/drafts/${summary.id}`)).status).toBe(401);
  });

  it('validates POST /api/collab-token and explains what is wrong', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/collab-token`, { method: 'POST', headers: { cookie: cookies.fr, 'content-type': 'application/json', ...headers }, body });
    expect((await fetch(`${server.url}/api/collab-token`, { method: 'POST', body: '{}' })).status).toBe(401);

    const invalidJson = await post('{"draftId":');
    expect(invalidJson.status).toBe(400);
    expect(((await invalidJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);

    const missing = await post('{}');
    expect(missing.status).toBe(400);
    const missingBody = (await missing.json()) as { error: { issues: Array<{ path: string }> } };
    expect(missingBody.error.issues.map((i) => i.path)).toEqual(['draftId']);

    expect((await post(JSON.stringify({ draftId: crypto.randomUUID() }))).status).toBe(404);
    expect((await post('draftId=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
  });

  it('refuses state-changing requests from another site', async () => {
    const [summary] = (await getJson<DraftSummary[]>(`${server.url}/api/drafts`, cookies.fr)).body;
    const res = await fetch(`${server.url}/api/collab-token`, {
      method: 'POST',
      headers: { cookie: cookies.fr, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ draftId: summary.id }),
    });
    expect(res.status).toBe(403);
  });

  it('refuses a wrong password without a session', async () => {
    await expect(signIn(server.url, 'fr@accord.test', 'wrong-password')).rejects.toThrow();
  });

  it('throttles repeated failed sign-ins for an account and says when to retry', async () => {
    for (let i = 0; i < 5; i += 1) await expect(signIn(server.url, 'ee@accord.test', `wrong-${i}`)).rejects.toThrow();
    // Even the right password is refused now, with a message for the sign-in form.
    await expect(signIn(server.url, 'ee@accord.test', INT_DEMO_PASSWORD)).rejects.toThrow(/Too%20many%20failed%20sign-ins/);
    // Other accounts are not affected.
    expect(await signIn(server.url, 'lv@accord.test', INT_DEMO_PASSWORD)).toContain('session-token');
  });
});

describe('socket.io presence', () => {
  let draftId: string;

  beforeAll(async () => {
    draftId = (await getJson<DraftSummary[]>(`${server.url}/api/drafts`, cookies.fr)).body[0].id;
  });

  it('refuses a handshake without a session', async () => {
    const socket = socketFor();
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toMatch(/unauthenticated/);
  });

  it('refuses a socket.io connection from another site', async () => {
    const socket: ClientSocket = connectIo(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies.fr, origin: 'https://evil.example' },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(socket.connected).toBe(false);
  });

  it('shows who has the draft open, by delegation, live', async () => {
    const fr = socketFor(cookies.fr);
    const first = await fr.emitWithAck('draft:join', { draftId });
    expect(first).toMatchObject({ ok: true });
    const updates: PresencePayload[] = [];
    fr.on('presence', (p) => updates.push(p));

    const de = socketFor(cookies.de);
    await de.emitWithAck('draft:join', { draftId });
    await expect.poll(() => updates.at(-1)?.users.map((u) => u.delegation)).toEqual(['DE', 'FR']);

    de.disconnect();
    await expect.poll(() => updates.at(-1)?.users.map((u) => u.delegation)).toEqual(['FR']);
  });

  it('refuses to join an unknown draft or a malformed payload', async () => {
    const fr = socketFor(cookies.fr);
    expect(await fr.emitWithAck('draft:join', { draftId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await fr.emitWithAck('draft:join', { draftId: 42 } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

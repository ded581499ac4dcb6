/**
 * Signing out ends the session at once, everywhere it is used: the old cookie is refused
 * on HTTP, on /yjs and on socket.io; a collab token issued to the session is refused; the
 * session's open Yjs connection closes with 4001 and its socket is disconnected. Other
 * sessions of the same person are untouched. "Sign out everywhere" ends all of a
 * person's sessions, for themselves or by the secretariat (and nobody else).
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, CollabToken, DraftDetail, UserDto } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn, signOut } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft } from './helpers';

let server: RunningServer;
let draft: DraftDetail;
const providers: ConnectedProvider[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  draft = await demoDraft(server.url, await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD));
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

async function status(method: string, path: string, cookie?: string): Promise<number> {
  const res = await fetch(`${server.url}${path}`, { method, headers: cookie ? { cookie } : {} });
  await res.arrayBuffer();
  return res.status;
}

function provider(opts: { cookie?: string; token?: string }): ConnectedProvider {
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, ...opts });
  providers.push(p);
  return p;
}

/** The first close of a new connection: a refused upgrade shows as 1006 with the HTTP status. */
async function firstClose(opts: { cookie?: string; token?: string }) {
  const p = provider(opts);
  try {
    return await p.waitClosed(10_000);
  } finally {
    p.destroy();
  }
}

function socket(cookie: string): Socket {
  const s = connectIo(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  sockets.push(s);
  return s;
}

function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (err) => reject(err));
  });
}

function refused(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('socket.io accepted the connection')));
    s.once('connect_error', (err) => resolve(err.message));
  });
}

describe('signing out', () => {
  it('ends the session on HTTP, /yjs and socket.io, closes its connections with 4001, and leaves other sessions alone', async () => {
    const cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const otherSession = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const tokenRes = await fetch(`${server.url}/api/collab-token`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ draftId: draft.id }),
    });
    expect(tokenRes.status).toBe(200);
    const { token } = (await tokenRes.json()) as CollabToken;

    const yjs = provider({ cookie });
    const other = provider({ cookie: otherSession });
    await Promise.all([yjs.waitSynced(), other.waitSynced()]);
    const live = socket(cookie);
    await connected(live);

    const closed = yjs.waitClosed(10_000);
    const gone = new Promise<string>((resolve) => live.once('disconnect', (reason) => resolve(reason)));
    expect(await signOut(server.url, cookie)).toBe(200);

    expect((await closed).code).toBe(4001);
    expect(await gone).toBe('io server disconnect');
    yjs.provider.disconnect();

    expect(await status('GET', '/api/drafts', cookie)).toBe(401);
    expect(await status('GET', '/api/me', cookie)).toBe(401);
    // NextAuth's own session endpoint no longer knows the session either.
    expect(await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()).toEqual({});
    expect(await firstClose({ cookie })).toMatchObject({ code: 1006, httpStatus: 401 });
    expect(await firstClose({ token })).toMatchObject({ code: 1006, httpStatus: 401 });
    expect(await refused(socket(cookie))).toMatch(/^unauthenticated/);

    // The person's other session goes on: its connection stayed open and its cookie works.
    expect(other.closes).toEqual([]);
    expect(await status('GET', '/api/drafts', otherSession)).toBe(200);
    expect(await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: otherSession } })).json()).toMatchObject({
      user: { email: 'fr@accord.test' },
    });
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the person who asks, and audits it', async () => {
    const first = await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD);
    const second = await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD);
    const yjs = provider({ cookie: second });
    await yjs.waitSynced();
    const live = socket(second);
    await connected(live);
    const closed = yjs.waitClosed(10_000);
    const gone = new Promise<string>((resolve) => live.once('disconnect', (reason) => resolve(reason)));

    expect(await status('POST', '/api/me/sign-out-everywhere')).toBe(401);
    expect(await status('POST', '/api/me/sign-out-everywhere', first)).toBe(200);
    expect((await closed).code).toBe(4001);
    expect(await gone).toBe('io server disconnect');
    yjs.provider.disconnect();
    expect(await status('GET', '/api/drafts', first)).toBe(401);
    expect(await status('GET', '/api/drafts', second)).toBe(401);
    expect(await firstClose({ cookie: second })).toMatchObject({ code: 1006, httpStatus: 401 });

    // Signing in again works and gives a fresh session.
    const again = await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD);
    expect(await status('GET', '/api/drafts', again)).toBe(200);

    const secretariat = await signIn(server.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
    const audit = (await (await fetch(`${server.url}/api/audit?action=user.signed_out_everywhere`, { headers: { cookie: secretariat } })).json()) as AuditPage;
    expect(audit.entries.some((e) => e.subject === 'de@accord.test' && e.actorEmail === 'de@accord.test')).toBe(true);
  });

  it('is for the secretariat on someone else’s account: 401 without a session, 403 for anyone else', async () => {
    const secretariat = await signIn(server.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
    const it_ = await signIn(server.url, 'it@accord.test', INT_DEMO_PASSWORD);
    const people = (await (await fetch(`${server.url}/api/users`, { headers: { cookie: secretariat } })).json()) as UserDto[];
    const itId = people.find((u) => u.email === 'it@accord.test')!.id;
    const plId = people.find((u) => u.email === 'pl@accord.test')!.id;
    const pl = await signIn(server.url, 'pl@accord.test', INT_DEMO_PASSWORD);
    const yjs = provider({ cookie: pl });
    await yjs.waitSynced();
    const closed = yjs.waitClosed(10_000);

    expect(await status('POST', `/api/users/${plId}/sign-out-everywhere`)).toBe(401);
    expect(await status('POST', `/api/users/${plId}/sign-out-everywhere`, it_)).toBe(403);
    expect(await status('POST', `/api/users/${itId}/sign-out-everywhere`, it_)).toBe(403);
    expect(await status('GET', '/api/drafts', pl)).toBe(200);
    expect(yjs.closes).toEqual([]);

    expect(await status('POST', `/api/users/${plId}/sign-out-everywhere`, secretariat)).toBe(200);
    expect((await closed).code).toBe(4001);
    yjs.provider.disconnect();
    expect(await status('GET', '/api/drafts', pl)).toBe(401);
    expect(await status('GET', '/api/drafts', it_)).toBe(200);
    expect(await status('POST', '/api/users/00000000-0000-4000-8000-000000000000/sign-out-everywhere', secretariat)).toBe(404);

    const audit = (await (await fetch(`${server.url}/api/audit?action=user.signed_out_everywhere`, { headers: { cookie: secretariat } })).json()) as AuditPage;
    expect(audit.entries.some((e) => e.subject === 'pl@accord.test' && e.actorEmail === 'secretariat@accord.test')).toBe(true);
  });
});

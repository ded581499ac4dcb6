/**
 * Changing someone's rights takes effect at once: their Yjs connections close with the
 * re-authorise code within seconds, their sockets are disconnected, and their next
 * request and reconnection are checked against the new rights.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail, UserDto } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft, typeInClause } from './helpers';

let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];
const sockets: Socket[] = [];

async function call<T>(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  server = await startServer();
  for (const who of ['secretariat', 'de', 'it', 'fr']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

const userId = async (email: string) => (await call<UserDto[]>('secretariat', 'GET', '/api/users')).body.find((u) => u.email === email)!.id;

describe('user management', () => {
  it('is for the secretariat only', async () => {
    expect((await call('fr', 'GET', '/api/users')).status).toBe(403);
    expect((await call('fr', 'PATCH', `/api/users/${await userId('de@accord.test')}`, { disabled: true })).status).toBe(403);
    const created = await call<{ user: UserDto; password: string }>('secretariat', 'POST', '/api/users', {
      email: 'fr2@accord.test',
      name: 'Second FR',
      role: 'delegate',
      delegation: 'FR',
    });
    expect(created.status).toBe(201);
    expect(created.body.password.length).toBeGreaterThanOrEqual(12);
    expect((await call('secretariat', 'POST', '/api/users', { email: 'fr2@accord.test', name: 'Again', role: 'delegate', delegation: 'FR' })).status).toBe(409);
    expect((await call('secretariat', 'POST', '/api/users', { email: 'x@accord.test', name: 'No delegation', role: 'delegate' })).status).toBe(400);
  });

  it('disabling a user closes their live connections within seconds and refuses them afterwards', async () => {
    const de = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.de });
    providers.push(de);
    await de.waitSynced();
    const socket = connectIo(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: cookies.de }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    const closed = de.waitClosed(5000);
    const socketGone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expect((await call('secretariat', 'PATCH', `/api/users/${await userId('de@accord.test')}`, { disabled: true })).status).toBe(200);
    expect((await closed).code).toBe(4001);
    expect(await socketGone).toBe('io server disconnect');

    expect((await call('de', 'GET', '/api/drafts')).status).toBe(401);
    await expect(signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD)).rejects.toThrow();
    de.provider.disconnect();
  });

  it('a delegate made observer can reconnect but no longer write', async () => {
    const it_ = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.it });
    providers.push(it_);
    await it_.waitSynced();
    const closed = it_.waitClosed(5000);
    expect((await call('secretariat', 'PATCH', `/api/users/${await userId('it@accord.test')}`, { role: 'observer' })).status).toBe(200);
    expect((await closed).code).toBe(4001);
    // The old session is void (rights changed); a new one carries the new role.
    expect((await call('it', 'GET', '/api/drafts')).status).toBe(401);
    cookies.it = await signIn(server.url, 'it@accord.test', INT_DEMO_PASSWORD);
    it_.provider.destroy();
    const again = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.it });
    providers.push(again);
    await again.waitSynced();
    const refused = again.waitClosed(5000);
    typeInClause(again.doc, draft.clauses[1].id, ' now-an-observer');
    expect((await refused).code).toBe(4403);
    again.provider.disconnect();
  });
});

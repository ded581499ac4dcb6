/**
 * Signing out with two instances behind PostgreSQL and Redis: a sign-out on instance A
 * closes the session's Yjs connection and socket held on instance B (4001, server
 * disconnect) and B refuses the cookie from then on. Needs TEST_DATABASE_URL and
 * TEST_REDIS_URL.
 */
import crypto from 'node:crypto';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail } from '@/lib/api/types';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn, signOut } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft } from './helpers';

const database = await createTestDatabase();
const redisUrl = await testRedisUrl();
const available = Boolean(database && redisUrl);
if (!available) {
  console.warn('\n*** SKIPPED: sessions scale-out integration tests (need TEST_DATABASE_URL and TEST_REDIS_URL) ***\n');
}

describe.runIf(available)('signing out with two instances on PostgreSQL + Redis', () => {
  const prefix = `accord-test-${crypto.randomBytes(4).toString('hex')}`;
  let a: RunningServer;
  let b: RunningServer;
  let draft: DraftDetail;
  const providers: ConnectedProvider[] = [];
  const sockets: Socket[] = [];

  const boot = () => startServer({ databaseUrl: (database as TestDatabase).url, redisUrl: redisUrl!, env: { REDIS_PREFIX: prefix } });

  beforeAll(async () => {
    a = await boot();
    b = await boot();
    draft = await demoDraft(a.url, await signIn(a.url, 'fr@accord.test', INT_DEMO_PASSWORD));
  });

  afterAll(async () => {
    for (const p of providers) p.destroy();
    for (const s of sockets) s.disconnect();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('closes the connections held on the other instance, which refuses the cookie afterwards', async () => {
    const cookie = await signIn(a.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const onB = connectProvider({ wsUrl: b.wsUrl, draftId: draft.id, cookie });
    providers.push(onB);
    await onB.waitSynced();
    const socketOnB = connectIo(b.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    sockets.push(socketOnB);
    await new Promise<void>((resolve, reject) => {
      socketOnB.once('connect', () => resolve());
      socketOnB.once('connect_error', reject);
    });

    const closed = onB.waitClosed(10_000);
    const gone = new Promise<string>((resolve) => socketOnB.once('disconnect', (reason) => resolve(reason)));
    expect(await signOut(a.url, cookie)).toBe(200);

    expect((await closed).code).toBe(4001);
    expect(await gone).toBe('io server disconnect');
    onB.provider.disconnect();

    const res = await fetch(`${b.url}/api/drafts`, { headers: { cookie } });
    expect(res.status).toBe(401);
    const again = connectProvider({ wsUrl: b.wsUrl, draftId: draft.id, cookie });
    providers.push(again);
    expect(await again.waitClosed(10_000)).toMatchObject({ code: 1006, httpStatus: 401 });
    again.destroy();
  });
});

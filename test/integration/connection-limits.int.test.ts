/**
 * Websocket bounds: one person may hold a bounded number of /yjs connections and
 * socket.io sockets (beyond: close 4429 / a rate_limited handshake error, with a reason
 * that says what to do), and one address a bounded number of upgrades whose
 * authentication is still pending (beyond: HTTP 429 at once). Slots come back when
 * connections close.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft } from './helpers';

let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { YJS_MAX_CONNECTIONS_PER_USER: '3', SOCKET_MAX_CONNECTIONS_PER_USER: '2', UPGRADE_MAX_PENDING_PER_ADDRESS: '2' } });
  for (const who of ['fr', 'de', 'secretariat']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

function provider(who: string): ConnectedProvider {
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who] });
  providers.push(p);
  return p;
}

function socket(who: string): Socket {
  const s = connectIo(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: cookies[who] }, reconnection: false });
  sockets.push(s);
  return s;
}

/** 'connected', or the handshake error's message. */
function outcome(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve('connected'));
    s.once('connect_error', (err) => resolve(err.message));
  });
}

/** Sends raw websocket upgrades over `n` TCP connections, all written in one turn; resolves with each answer's status line. */
async function burstOfUpgrades(n: number, cookie: string): Promise<string[]> {
  const conns = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const c = net.connect(server.port, '127.0.0.1', () => resolve(c));
          c.once('error', reject);
        }),
    ),
  );
  const answers = conns.map(
    (c) =>
      new Promise<string>((resolve) => {
        let text = '';
        c.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (text.includes('\r\n')) resolve(text.split('\r\n')[0]);
        });
        c.on('error', () => resolve(text.split('\r\n')[0] || 'error'));
        c.on('close', () => resolve(text.split('\r\n')[0] || 'closed'));
      }),
  );
  for (const c of conns) {
    c.write(
      `GET /yjs/${draft.id} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nCookie: ${cookie}\r\n\r\n`,
    );
  }
  try {
    return await Promise.all(answers);
  } finally {
    for (const c of conns) c.destroy();
  }
}

describe('connection bounds', () => {
  it('refuses a person a Yjs connection beyond the bound with 4429 and a reason, and frees the slot on close', async () => {
    const held = [provider('fr'), provider('fr'), provider('fr')];
    await Promise.all(held.map((p) => p.waitSynced()));
    const extra = provider('fr');
    const close = await extra.waitClosed(10_000);
    extra.destroy();
    expect(close.code).toBe(4429);
    expect(close.reason).toMatch(/Too many open editor connections for your account \(limit 3\)\. Close other tabs/);

    // Another person is not affected.
    const other = provider('de');
    await other.waitSynced();

    held[0].destroy();
    await expect
      .poll(
        async () => {
          const again = provider('fr');
          try {
            await again.waitSynced(3000);
            return 'synced';
          } catch {
            return 'refused';
          } finally {
            again.destroy();
          }
        },
        { timeout: 15_000 },
      )
      .toBe('synced');
    for (const p of [...held, other]) p.destroy();
  });

  it('refuses a person a socket beyond the bound with a rate_limited error, and frees the slot on disconnect', async () => {
    const first = socket('de');
    const second = socket('de');
    expect(await Promise.all([outcome(first), outcome(second)])).toEqual(['connected', 'connected']);
    expect(await outcome(socket('de'))).toMatch(/^rate_limited: too many live-update connections for your account \(limit 2\)/);
    expect(await outcome(socket('fr'))).toBe('connected');

    first.disconnect();
    await expect.poll(async () => outcome(socket('de')), { timeout: 10_000 }).toBe('connected');
  });

  it('answers 429 at once to upgrades beyond the bound of pending ones from one address, and accepts again afterwards', async () => {
    const answers = await burstOfUpgrades(12, cookies.secretariat);
    const tooMany = answers.filter((line) => line.startsWith('HTTP/1.1 429'));
    const accepted = answers.filter((line) => line.startsWith('HTTP/1.1 101'));
    expect(tooMany.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(tooMany.length + accepted.length).toBe(12);

    await expect.poll(async () => (await burstOfUpgrades(1, cookies.secretariat))[0], { timeout: 10_000 }).toBe('HTTP/1.1 101 Switching Protocols');
  });
});

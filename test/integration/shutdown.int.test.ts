/**
 * Graceful shutdown on SIGTERM: connected editors are told to reconnect elsewhere (1001),
 * what they typed is stored, the process exits 0; and a connection that never finishes
 * its request cannot hold the exit beyond the grace period.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const servers: RunningServer[] = [];
const providers: ConnectedProvider[] = [];

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of servers) await s.stop('SIGKILL');
});

/** Opens a raw TCP connection and sends the start of a request whose headers never end. */
async function halfRequest(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write('GET /api/drafts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  socket.on('error', () => {});
  return socket;
}

describe('SIGTERM', () => {
  it('closes editors with 1001, keeps what they typed, and exits 0 despite a half-sent request', async () => {
    const server = await startServer({ env: { SHUTDOWN_GRACE_SECONDS: '1' } });
    servers.push(server);
    const cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
    const draft = await demoDraft(server.url, cookie);
    const clauseId = draft.clauses[3].id;

    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
    providers.push(fr);
    await fr.waitSynced();
    const stuck = await halfRequest(server.port);
    const stuckClosed = new Promise<void>((resolve) => stuck.once('close', () => resolve()));

    typeInClause(fr.doc, clauseId, ' typed-before-sigterm');
    // The edit has reached the server once an observer of the room sees it.
    const de = connectProvider({
      wsUrl: server.wsUrl,
      draftId: draft.id,
      cookie: await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD),
    });
    providers.push(de);
    await de.waitSynced();
    await expect.poll(() => clauseText(de.doc, clauseId), { timeout: 5000 }).toContain('typed-before-sigterm');

    const closed = fr.waitClosed(15_000);
    const started = performance.now();
    await server.stop('SIGTERM');
    const seconds = (performance.now() - started) / 1000;

    expect((await closed).code).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await stuckClosed;
    // One second of grace for the stuck connection, plus the flush; far below the 30 s a
    // peer that never answers could otherwise hold the exit.
    expect(seconds).toBeLessThan(15);
    expect(server.logs()).toContain('shutdown grace period over');
    expect(server.logs()).toContain('shut down cleanly');
    fr.destroy();
    de.destroy();

    const again = await startServer({ dataDir: server.dataDir });
    servers.push(again);
    const reader = connectProvider({
      wsUrl: again.wsUrl,
      draftId: draft.id,
      cookie: await signIn(again.url, 'pl@accord.test', INT_DEMO_PASSWORD),
    });
    providers.push(reader);
    await reader.waitSynced();
    expect(clauseText(reader.doc, clauseId)).toContain('typed-before-sigterm');
  });
});

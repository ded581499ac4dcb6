/**
 * Crash safety. The server is killed at the exact points that matter, with test hooks
 * (ACCORD_TEST_MODE=1, see server/testing/test-hooks.ts), and restarted on the same data:
 * - right after an edit's append commits and before it is relayed, while four delegations
 *   type and other edits wait to be stored: the committed edit is there after the restart,
 *   no client saw an edit that was lost, and everyone converges;
 * - while an edit waits to be stored and a new client syncs: the sync reply waits for the
 *   store, so what the new client received survives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftDetail } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const WHO = ['fr', 'de', 'pl', 'it'] as const;
const CRASH_MARKER = 'crash-here-after-store';
let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];

const provider = (who: string, doc?: Y.Doc) => {
  const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who], doc });
  providers.push(p);
  return p;
};

beforeAll(async () => {
  server = await startServer();
  for (const who of [...WHO, 'secretariat']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.stop();
});

describe('SIGKILL between storing an edit and relaying it, while four delegations edit', () => {
  it('keeps the committed edit and every edit anyone received, and everyone converges after the restart', async () => {
    // Batches wait 40 ms before they are written, so edits queue unstored behind them at the crash.
    await server.stop();
    server = await startServer({
      dataDir: server.dataDir,
      env: { ACCORD_TEST_MODE: '1', ACCORD_TEST_STORE_DELAY_MS: '40', ACCORD_TEST_CRASH_AFTER_STORE: CRASH_MARKER },
    });
    const clauseIds = draft.clauses.slice(7, 11).map((c) => c.id);
    const clients = WHO.map((who) => ({ who, p: provider(who), received: new Set<string>() }));
    await Promise.all(clients.map((c) => c.p.waitSynced()));

    // Record which markers each client has received from the server (remote updates only).
    for (const c of clients) {
      c.p.doc.on('update', (_u: Uint8Array, origin: unknown) => {
        if (origin !== c.p.provider) return;
        for (const id of clauseIds) {
          const text = clauseText(c.p.doc, id);
          for (const m of text.matchAll(/m-(\w+)-(\d+)/g)) if (m[1] !== c.who) c.received.add(m[0]);
          if (c.who !== 'fr' && text.includes(CRASH_MARKER)) c.received.add(CRASH_MARKER); // FR typed it
        }
      });
    }

    let n = 0;
    let crashed = false;
    void server.exited.then(() => (crashed = true));
    const editing = (async () => {
      while (!crashed) {
        for (const c of clients) typeInClause(c.p.doc, clauseIds[n % clauseIds.length], ` m-${c.who}-${n}`);
        n += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await expect.poll(() => clients.every((c) => c.received.size > 40), { timeout: 30_000 }).toBe(true);
    typeInClause(clients[0].p.doc, clauseIds[0], ` ${CRASH_MARKER}`);
    const exit = await server.exited;
    await editing;
    expect(exit.signal, 'the server killed itself right after committing the marked edit').toBe('SIGKILL');
    expect(server.logs()).not.toMatch(/Accord stopped|shutting down/i);

    const seen = new Set<string>();
    for (const c of clients) for (const m of c.received) seen.add(m);
    expect(seen.has(CRASH_MARKER), 'the marked edit was stored but never relayed').toBe(false);
    // Offline edits made after the crash must survive too.
    for (const c of clients) typeInClause(c.p.doc, clauseIds[0], ` offline-${c.who}`);

    server = await startServer({ dataDir: server.dataDir });
    const stored = provider('secretariat');
    await stored.waitSynced();
    const storedText = clauseIds.map((id) => clauseText(stored.doc, id)).join('\n');
    expect(storedText, 'the edit committed just before the crash is stored').toContain(CRASH_MARKER);
    const missing = [...seen].filter((m) => !storedText.includes(m));
    expect(missing, `edits that clients had received but the server lost: ${missing.slice(0, 10).join(', ')}`).toEqual([]);
    console.log(`${seen.size} edits had been received by other clients before the crash; all are stored`);

    // The clients reconnect with their documents and converge, offline edits included.
    const again = clients.map((c) => {
      c.p.provider.destroy();
      return provider(c.who, c.p.doc);
    });
    await Promise.all(again.map((p) => p.waitSynced()));
    const snapshot = (doc: Y.Doc) => clauseIds.map((id) => clauseText(doc, id)).join('\n');
    await expect.poll(() => new Set(again.map((p) => snapshot(p.doc))).size, { timeout: 10_000 }).toBe(1);
    for (const who of WHO) expect(snapshot(again[0].doc)).toContain(`offline-${who}`);
    await expect.poll(() => snapshot(stored.doc), { timeout: 10_000 }).toBe(snapshot(again[0].doc));
    for (const p of providers.splice(0)) p.destroy();
  });
});

describe('a sync reply while an edit waits to be stored', () => {
  it('is sent only once the edit is stored: what the new client received survives a SIGKILL right after', async () => {
    // Every batch of the log waits 3 s before it is written.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, env: { ACCORD_TEST_MODE: '1', ACCORD_TEST_STORE_DELAY_MS: '3000' } });
    const clauseId = draft.clauses[2].id;
    const fr = provider('fr');
    await fr.waitSynced();
    const marker = ` unstored-${Date.now()}`;
    typeInClause(fr.doc, clauseId, marker);
    const de = provider('de');
    await de.waitSynced(15_000);
    expect(clauseText(de.doc, clauseId)).toContain(marker);
    await server.stop('SIGKILL');
    fr.provider.destroy(); // its own copy must not bring the edit back

    server = await startServer({ dataDir: server.dataDir });
    const check = provider('secretariat');
    await check.waitSynced();
    expect(clauseText(check.doc, clauseId), 'DE received this edit in its sync reply; the server must have stored it').toContain(marker);
  });
});

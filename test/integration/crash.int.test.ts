/**
 * Crash safety: several clients edit, the server is killed with SIGKILL mid-stream and
 * restarted. Every edit that any client had received from the server is in the stored
 * document, and the clients converge after reconnecting with their own documents
 * (including edits they made while the server was down).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftDetail } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const WHO = ['fr', 'de', 'pl', 'it'] as const;
let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const who of [...WHO, 'secretariat']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.stop();
});

describe('SIGKILL while four delegations edit', () => {
  it('keeps every edit anyone received, and everyone converges after the restart', async () => {
    const clauseIds = draft.clauses.slice(7, 11).map((c) => c.id);
    const clients = WHO.map((who) => {
      const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who] });
      providers.push(p);
      return { who, p, received: new Set<string>() };
    });
    await Promise.all(clients.map((c) => c.p.waitSynced()));

    // Record which markers each client has received from the server (remote updates only).
    for (const c of clients) {
      c.p.doc.on('update', (_u: Uint8Array, origin: unknown) => {
        if (origin !== c.p.provider) return;
        for (const id of clauseIds) for (const m of clauseText(c.p.doc, id).matchAll(/\[?m-(\w+)-(\d+)\]?/g)) if (m[1] !== c.who) c.received.add(m[0]);
      });
    }

    let n = 0;
    let killed = false;
    const editing = (async () => {
      while (!killed) {
        for (const c of clients) typeInClause(c.p.doc, clauseIds[n % clauseIds.length], ` m-${c.who}-${n}`);
        n += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await expect.poll(() => clients.every((c) => c.received.size > 40), { timeout: 20_000 }).toBe(true);
    await server.stop('SIGKILL');
    killed = true;
    await editing;

    const seen = new Set<string>();
    for (const c of clients) for (const m of c.received) seen.add(m);
    // Offline edits made after the crash must survive too.
    for (const c of clients) typeInClause(c.p.doc, clauseIds[0], ` offline-${c.who}`);

    server = await startServer({ dataDir: server.dataDir });
    const stored = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
    providers.push(stored);
    await stored.waitSynced();
    const storedText = clauseIds.map((id) => clauseText(stored.doc, id)).join('\n');
    const missing = [...seen].filter((m) => !storedText.includes(m));
    expect(missing, `edits that clients had received but the server lost: ${missing.slice(0, 10).join(', ')}`).toEqual([]);
    console.log(`${seen.size} edits had been received by other clients before SIGKILL; all are stored`);

    // The clients reconnect with their documents and converge, offline edits included.
    const again = clients.map((c) => {
      c.p.provider.destroy();
      const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[c.who], doc: c.p.doc });
      providers.push(p);
      return p;
    });
    await Promise.all(again.map((p) => p.waitSynced()));
    const snapshot = (doc: Y.Doc) => clauseIds.map((id) => clauseText(doc, id)).join('\n');
    await expect.poll(() => new Set(again.map((p) => snapshot(p.doc))).size, { timeout: 10_000 }).toBe(1);
    for (const who of WHO) expect(snapshot(again[0].doc)).toContain(`offline-${who}`);
    await expect.poll(() => snapshot(stored.doc), { timeout: 10_000 }).toBe(snapshot(again[0].doc));
  });
});

/**
 * Checkpoints: after enough settled updates the log is folded into a snapshot, and a
 * restart loads the snapshot plus what came after, with the same text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail } from '@/lib/api/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const env = { CHECKPOINT_EVERY: '20', CHECKPOINT_SETTLE_SECONDS: '1' };
let server: RunningServer;
let draft: DraftDetail;
let cookie: string;
const providers: ConnectedProvider[] = [];

beforeAll(async () => {
  server = await startServer({ env });
  cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookie);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.stop();
});

const loadedLines = (logs: string) =>
  logs
    .split('\n')
    .filter((l) => l.includes('"msg":"draft loaded"'))
    .map((l) => JSON.parse(l) as { applied: number });

describe('checkpoints', () => {
  it('fold the log into a snapshot, and a restart loads it with the same text', async () => {
    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
    providers.push(fr);
    await fr.waitSynced();
    for (let i = 0; i < 60; i += 1) typeInClause(fr.doc, draft.clauses[4].id, ` c${i}`);
    const seen = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
    providers.push(seen);
    await seen.waitSynced();
    await expect.poll(() => clauseText(seen.doc, draft.clauses[4].id)).toContain(' c59');
    await expect.poll(() => server.logs().includes('"msg":"checkpoint written"'), { timeout: 15_000 }).toBe(true);
    // Edits after the checkpoint are loaded from the log on top of it.
    typeInClause(fr.doc, draft.clauses[4].id, ' after-checkpoint');
    await expect.poll(() => clauseText(seen.doc, draft.clauses[4].id)).toContain('after-checkpoint');
    const expected = clauseText(seen.doc, draft.clauses[4].id);

    await server.stop();
    server = await startServer({ dataDir: server.dataDir, env });
    const after = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie });
    providers.push(after);
    await after.waitSynced();
    expect(clauseText(after.doc, draft.clauses[4].id)).toBe(expected);
    // One snapshot plus the few updates after it, instead of the 60+ updates of the log.
    await expect.poll(() => loadedLines(server.logs()).length).toBe(1);
    expect(loadedLines(server.logs())[0].applied).toBeLessThan(20);
  });
});

/**
 * Decisions that read clause text, taken on another instance than the one the text was
 * typed on: brackets typed through instance A must stop the secretariat agreeing the
 * clause through instance B, whether B has the draft open (an editor connected) or only
 * loaded it for an earlier consensus query. Needs TEST_DATABASE_URL and TEST_REDIS_URL.
 */
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsensusDto, DraftDetail } from '@/lib/api/types';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const database = await createTestDatabase();
const redisUrl = await testRedisUrl();
const available = Boolean(database && redisUrl);
if (!available) {
  console.warn('\n*** SKIPPED: text decisions across instances (need TEST_DATABASE_URL and TEST_REDIS_URL) ***\n');
}

describe.runIf(available)('agreeing on one instance a clause bracketed through another', () => {
  const prefix = `accord-test-${crypto.randomBytes(4).toString('hex')}`;
  let a: RunningServer;
  let b: RunningServer;
  let draft: DraftDetail;
  const cookies: Record<string, string> = {};
  const open: ConnectedProvider[] = [];

  const boot = () =>
    startServer({ databaseUrl: (database as TestDatabase).url, redisUrl: redisUrl!, env: { REDIS_PREFIX: prefix, DRAFT_IDLE_UNLOAD_SECONDS: '5' } });
  const client = (server: RunningServer, who: string) => {
    const p = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who] });
    open.push(p);
    return p;
  };
  const consensusOn = async (server: RunningServer): Promise<ConsensusDto[]> => {
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/consensus`, { headers: { cookie: cookies.secretariat } });
    expect(res.status).toBe(200);
    return (await res.json()) as ConsensusDto[];
  };
  const agreeOn = (server: RunningServer, clauseId: string, override?: string) =>
    fetch(`${server.url}/api/drafts/${draft.id}/clauses/${clauseId}/status`, {
      method: 'POST',
      headers: { cookie: cookies.secretariat, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'agreed', ...(override ? { override } : {}) }),
    });
  const loadedDrafts = async (server: RunningServer) => Number(/^accord_loaded_drafts (\d+)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
  /** Clauses with consensus as B computes it (this also fills B's cache of their text). */
  const withConsensusOnB = async () => (await consensusOn(b)).filter((c) => c.state === 'consensus').map((c) => c.clauseId);

  beforeAll(async () => {
    a = await boot();
    b = await boot();
    for (const who of ['fr', 'secretariat']) cookies[who] = await signIn(a.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    draft = await demoDraft(a.url, cookies.fr);
  });

  afterEach(() => {
    for (const p of open.splice(0)) p.destroy();
  });

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('refuses without an override when B has the draft open in the secretariat’s editor', async () => {
    const editorOnB = client(b, 'secretariat');
    const frOnA = client(a, 'fr');
    await Promise.all([editorOnB.waitSynced(), frOnA.waitSynced()]);
    const [clauseId] = await withConsensusOnB();
    expect(clauseId, 'the demo has a clause with consensus').toBeDefined();

    typeInClause(frOnA.doc, clauseId, ' [subject to review]');
    // The secretariat sees the brackets in its editor on B, then asks B to agree the clause.
    await expect.poll(() => clauseText(editorOnB.doc, clauseId)).toContain('[subject to review]');
    const refused = await agreeOn(b, clauseId);
    const body = (await refused.json()) as { error: { message: string } };
    expect(refused.status, body.error?.message).toBe(409);
    expect(body.error.message).toMatch(/1 open bracket/);
    expect((await consensusOn(b)).find((c) => c.clauseId === clauseId)).toMatchObject({ state: 'pending', openBrackets: 1 });

    expect((await agreeOn(b, clauseId, 'Brackets to be lifted at the plenary')).status).toBe(200);
  });

  it('refuses without an override when B only loaded the draft for a consensus query', async () => {
    await expect.poll(() => loadedDrafts(b), { timeout: 20_000 }).toBe(0);
    const [clauseId] = await withConsensusOnB();
    expect(clauseId).toBeDefined();
    expect(await loadedDrafts(b)).toBe(1);

    const frOnA = client(a, 'fr');
    const checkOnA = client(a, 'secretariat');
    await Promise.all([frOnA.waitSynced(), checkOnA.waitSynced()]);
    typeInClause(frOnA.doc, clauseId, ' [pending capitals]');
    // Relayed to another client on A: stored. B is asked at once, fan-out or not.
    await expect.poll(() => clauseText(checkOnA.doc, clauseId)).toContain('[pending capitals]');
    const refused = await agreeOn(b, clauseId);
    const body = (await refused.json()) as { error: { message: string } };
    expect(refused.status, body.error?.message).toBe(409);
    expect(body.error.message).toMatch(/1 open bracket/);
  });
});

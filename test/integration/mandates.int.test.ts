/**
 * Mandates (proxies) and humane staleness against the real server: who may give, revoke
 * and use a mandate (raw clients trying the forbidden thing), expiry and revocation taking
 * effect at once, a proxy position counted as the mandator's, breaking silence under a
 * mandate, the words-only staleness rule, editorial marks and "confirm all".
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditPage,
  ConfirmedPositionDto,
  ConsensusDto,
  DraftDetail,
  MandateDto,
  PositionChangeDto,
  PositionDto,
  SilenceProcedureDto,
} from '@/lib/api/types';
import type { NotificationPage } from '@/lib/api/comment-types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import type { MandateEntry, TextAtPointDto, TimelinePage } from '@/lib/history/types';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft, typeInClause } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'observer' | 'secretariat';

let server: RunningServer;
let draft: DraftDetail;
const cookies = {} as Record<Who, string>;
const sockets: Socket[] = [];
const providers: ConnectedProvider[] = [];

const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
type ErrorBody = { error: { code: string; message: string } };

async function call<T = unknown>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

const positionPath = (n: number, delegation: string) => `/api/drafts/${draft.id}/clauses/${clause(n).id}/positions/${delegation}`;
const mandatesPath = () => `/api/drafts/${draft.id}/mandates`;

async function consensusOf(n: number): Promise<ConsensusDto> {
  const { body } = await call<ConsensusDto[]>('secretariat', 'GET', `/api/drafts/${draft.id}/consensus`);
  return body.find((c) => c.clauseId === clause(n).id)!;
}

async function positionOf(n: number, delegation: string): Promise<PositionDto | undefined> {
  const { body } = await call<PositionDto[]>('secretariat', 'GET', `/api/drafts/${draft.id}/positions`);
  return body.find((p) => p.clauseId === clause(n).id && p.delegation === delegation);
}

/** The text of a clause as the server has stored it (GET history/text at now). */
async function serverText(n: number): Promise<string> {
  const { body } = await call<TextAtPointDto>('secretariat', 'GET', `/api/drafts/${draft.id}/history/text?at=now`);
  return body.clauses.find((c) => c.clauseId === clause(n).id)?.text ?? '';
}

async function give(who: Who, body: Record<string, unknown>) {
  return call<MandateDto & ErrorBody>(who, 'POST', mandatesPath(), body);
}

async function editor(): Promise<ConnectedProvider> {
  const provider = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
  providers.push(provider);
  await provider.waitSynced();
  return provider;
}

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'pl', 'observer', 'secretariat'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const p of providers) p.destroy();
  await server?.stop();
});

describe('giving and revoking mandates', () => {
  it('lets only a delegate of the giving delegation, or the secretariat by letter, give one; pushed live', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies.fr },
      reconnection: false,
    });
    sockets.push(socket);
    expect((await socket.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    const live: MandateDto[] = [];
    socket.on('mandate:updated', (e) => live.push(e.mandate));

    expect((await give('fr', { from: 'DE', to: 'PL' })).status).toBe(403);
    expect((await give('observer', { from: 'DE', to: 'PL' })).status).toBe(403);
    expect((await give('de', { from: 'DE', to: 'DE' })).status).toBe(403);
    expect((await give('de', { from: 'DE', to: 'US' })).body.error.message).toMatch(/not a participating delegation/);
    expect((await give('de', { from: 'DE', to: 'PL', until: '2020-01-01T00:00:00Z' })).status).toBe(400);

    const mine = await give('de', { from: 'DE', to: 'PL', clauseIds: [clause(3).id] });
    expect(mine).toMatchObject({
      status: 201,
      body: { from: 'DE', to: 'PL', clauseIds: [clause(3).id], until: null, breakSilence: false, byLetter: false, state: 'active' },
    });
    const letter = await give('secretariat', { from: 'FR', to: 'PL', breakSilence: true, note: 'Letter of 4 December' });
    expect(letter).toMatchObject({ status: 201, body: { from: 'FR', to: 'PL', clauseIds: null, breakSilence: true, byLetter: true } });

    const listed = await call<MandateDto[]>('observer', 'GET', mandatesPath());
    expect(listed.body.map((m) => m.id)).toEqual(expect.arrayContaining([mine.body.id, letter.body.id]));
    await expect.poll(() => live.map((m) => m.id), { timeout: 5000 }).toEqual(expect.arrayContaining([mine.body.id, letter.body.id]));

    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=mandate.given`);
    expect(audit.body.entries.map((e) => e.subject)).toEqual(expect.arrayContaining(['PL for DE', 'PL for FR']));
  });
});

describe('stating a position under a mandate', () => {
  it('records "PL for DE", counts it as DE\'s, and refuses naming why otherwise', async () => {
    const stated = await call<PositionDto>('pl', 'PUT', positionPath(3, 'DE'), { position: 'oppose', note: 'On behalf of Germany' });
    expect(stated).toMatchObject({ status: 200, body: { delegation: 'DE', position: 'oppose', statedBy: 'PL' } });
    expect(await positionOf(3, 'DE')).toMatchObject({ position: 'oppose', statedBy: 'PL' });
    expect((await consensusOf(3)).objecting).toContain('DE');

    const history = await call<PositionChangeDto[]>('fr', 'GET', `/api/drafts/${draft.id}/clauses/${clause(3).id}/positions/history`);
    expect(history.body.at(-1)).toMatchObject({ delegation: 'DE', to: { position: 'oppose' }, statedBy: 'PL' });
    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=position.set`);
    expect(audit.body.entries[0]).toMatchObject({ subject: 'clause 3 / PL for DE', details: { statedBy: 'PL', delegation: 'DE' } });

    const notCovered = await call<ErrorBody>('pl', 'PUT', positionPath(5, 'DE'), { position: 'support' });
    expect(notCovered.status).toBe(403);
    expect(notCovered.body.error.message).toMatch(/does not cover this clause/);
    const none = await call<ErrorBody>('fr', 'PUT', positionPath(3, 'DE'), { position: 'support' });
    expect(none.status).toBe(403);
    expect(none.body.error.message).toMatch(/FR holds no mandate from DE/);
    expect((await call('secretariat', 'PUT', positionPath(3, 'DE'), { position: 'support' })).status).toBe(403);
    expect((await call('observer', 'PUT', positionPath(3, 'DE'), { position: 'support' })).status).toBe(403);

    // DE itself may always state its own position: the mandate does not take it away.
    expect(await call<PositionDto>('de', 'PUT', positionPath(3, 'DE'), { position: 'support' })).toMatchObject({ status: 200, body: { position: 'support' } });
    expect((await positionOf(3, 'DE'))?.statedBy).toBeUndefined();
  });

  it('stops at once when revoked, and when expired', async () => {
    const { body: mandates } = await call<MandateDto[]>('de', 'GET', mandatesPath());
    const deToPl = mandates.find((m) => m.from === 'DE' && m.to === 'PL' && m.state === 'active')!;
    expect((await call('fr', 'DELETE', `${mandatesPath()}/${deToPl.id}`)).status).toBe(403);
    const revoked = await call<MandateDto>('de', 'DELETE', `${mandatesPath()}/${deToPl.id}`);
    expect(revoked).toMatchObject({ status: 200, body: { state: 'revoked', revokedBy: expect.any(String) } });
    expect((await call('de', 'DELETE', `${mandatesPath()}/${deToPl.id}`)).status).toBe(409);
    const afterRevoke = await call<ErrorBody>('pl', 'PUT', positionPath(3, 'DE'), { position: 'oppose' });
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.body.error.message).toMatch(/was revoked/);

    const short = await give('de', { from: 'DE', to: 'PL', until: new Date(Date.now() + 1500).toISOString() });
    expect(short.status).toBe(201);
    expect((await call('pl', 'PUT', positionPath(3, 'DE'), { position: 'can_live_with' })).status).toBe(200);
    // Wait for the end of the mandate (read-only polling), then try again.
    await expect
      .poll(async () => (await call<MandateDto[]>('de', 'GET', mandatesPath())).body.find((m) => m.id === short.body.id)?.state, { timeout: 10_000 })
      .toBe('expired');
    const expired = await call<ErrorBody>('pl', 'PUT', positionPath(3, 'DE'), { position: 'oppose' });
    expect(expired.status).toBe(403);
    expect(expired.body.error.message).toMatch(/has expired/);
    expect((await call<MandateDto[]>('de', 'GET', mandatesPath())).body.find((m) => m.id === short.body.id)?.state).toBe('expired');
  });

  it('breaks silence under a mandate only when the mandate says so', async () => {
    expect((await give('de', { from: 'DE', to: 'PL' })).status).toBe(201);
    const started = await call<SilenceProcedureDto>('secretariat', 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: [clause(15).id],
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      override: 'Testing mandates',
    });
    expect(started.status).toBe(201);
    const breakPath = `/api/drafts/${draft.id}/silence/${started.body.id}/break`;
    const refused = await call<ErrorBody>('pl', 'POST', breakPath, { reason: 'Germany objects', for: 'DE' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/does not allow breaking silence/);
    expect((await call('de', 'POST', breakPath, { reason: 'Poland objects', for: 'PL' })).status).toBe(403);

    const broken = await call<SilenceProcedureDto>('pl', 'POST', breakPath, { reason: 'France objects, per its letter', for: 'FR' });
    expect(broken).toMatchObject({ status: 200, body: { state: 'broken', brokenBy: 'FR' } });
    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=silence.broken`);
    expect(audit.body.entries[0].details).toMatchObject({ delegation: 'FR', statedBy: 'PL' });
  });
});

describe('mandates in the timeline', () => {
  it('lists mandates given and revoked, filtered by kind, delegation and clause; positions say "PL for DE"', async () => {
    const base = `/api/drafts/${draft.id}/history/timeline`;
    const { status, body } = await call<TimelinePage>('observer', 'GET', `${base}?kind=mandate&limit=100`);
    expect(status).toBe(200);
    const mandates = body.entries.filter((e): e is MandateEntry => e.kind === 'mandate');
    expect(mandates.length).toBe(body.entries.length);
    expect(mandates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'given', from: 'DE', to: 'PL', clauseNumbers: [3], byLetter: false }),
        expect.objectContaining({ event: 'given', from: 'FR', to: 'PL', clauseNumbers: null, byLetter: true, breakSilence: true }),
        expect.objectContaining({ event: 'revoked', from: 'DE', to: 'PL', clauseNumbers: [3] }),
      ]),
    );
    expect(mandates.find((m) => m.byLetter)?.actor).toMatchObject({ role: 'secretariat' });

    const forFr = await call<TimelinePage>('fr', 'GET', `${base}?kind=mandate&delegation=FR&limit=100`);
    expect(forFr.body.entries.length).toBeGreaterThan(0);
    for (const e of forFr.body.entries as MandateEntry[]) expect([e.from, e.to]).toContain('FR');

    // Clause 5: the mandates on every clause concern it, DE's mandate for clause 3 does not.
    const onClause5 = await call<TimelinePage>('fr', 'GET', `${base}?kind=mandate&clause=${clause(5).id}&limit=100`);
    for (const e of onClause5.body.entries as MandateEntry[]) expect(e.clauseNumbers).toBeNull();

    const positions = await call<TimelinePage>('fr', 'GET', `${base}?kind=position&clause=${clause(3).id}&limit=100`);
    expect(positions.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'position', delegation: 'DE', statedBy: 'PL' })]));
  });

  it('rings the bells of both delegations and of the secretariat when a mandate is given and revoked', async () => {
    const given = await give('de', { from: 'DE', to: 'PL', clauseIds: [clause(9).id] });
    expect(given.status).toBe(201);
    const bell = async (who: Who) =>
      (await call<NotificationPage>(who, 'GET', '/api/notifications?limit=100')).body.notifications
        .filter((n) => n.kind === 'mandate' && n.refId === given.body.id)
        .map((n) => n.text);
    for (const who of ['pl', 'secretariat'] as const)
      await expect.poll(() => bell(who), { timeout: 5000 }).toEqual([expect.stringContaining('DE mandated PL')]);
    expect(await bell('fr')).toEqual([]);
    expect((await call('de', 'DELETE', `${mandatesPath()}/${given.body.id}`)).status).toBe(200);
    await expect.poll(() => bell('pl'), { timeout: 5000 }).toContainEqual(expect.stringContaining('was revoked'));
  });
});

describe('staleness', () => {
  it('seeded positions point at the seeded text in the history', async () => {
    const { body } = await call<PositionDto[]>('fr', 'GET', `/api/drafts/${draft.id}/positions`);
    expect(body.length).toBeGreaterThan(0);
    for (const p of body) expect(p.logId).toBeGreaterThan(0);
  });

  it('stales a position only when the words change; the secretariat can mark edits editorial', async () => {
    expect((await call('pl', 'PUT', positionPath(6, 'PL'), { position: 'support' })).status).toBe(200);
    const doc = (await editor()).doc;
    typeInClause(doc, clause(6).id, ' ,;', 0);
    typeInClause(doc, clause(6).id, '  ');
    // Stored: the server's own text of the clause (read after its live room is flushed) has both edits.
    await expect.poll(async () => (await serverText(6)).split('\n')[0], { timeout: 5000 }).toMatch(/^ ,;.* {2}$/);
    expect((await consensusOf(6)).stale).not.toContain('PL');
    expect((await positionOf(6, 'PL'))?.stale).toBe(false);

    typeInClause(doc, clause(6).id, ' promptly');
    await expect.poll(async () => (await consensusOf(6)).stale, { timeout: 5000 }).toContain('PL');

    expect((await call('pl', 'POST', `/api/drafts/${draft.id}/clauses/${clause(6).id}/editorial`, {})).status).toBe(403);
    const marked = await call<{ rebased: string[] }>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(6).id}/editorial`, { note: 'Typo' });
    expect(marked.status).toBe(200);
    expect(marked.body.rebased).toContain('PL');
    expect((await consensusOf(6)).stale).toEqual([]);
    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=clause.editorial`);
    expect(audit.body.entries[0]).toMatchObject({ subject: 'clause 6', details: { note: 'Typo' } });
  });

  it("confirms all of a delegation's positions on the current text in one action", async () => {
    expect((await call('pl', 'PUT', positionPath(7, 'PL'), { position: 'ad_ref', note: 'Warsaw to confirm' })).status).toBe(200);
    const before = (await positionOf(7, 'PL'))!;
    const doc = (await editor()).doc;
    typeInClause(doc, clause(7).id, ' without delay');
    typeInClause(doc, clause(6).id, ' forthwith');
    await expect.poll(async () => (await consensusOf(7)).stale, { timeout: 5000 }).toContain('PL');
    await expect.poll(async () => (await consensusOf(6)).stale, { timeout: 5000 }).toContain('PL');

    expect((await call('observer', 'POST', `/api/drafts/${draft.id}/positions/confirm-all`)).status).toBe(403);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/positions/confirm-all`)).status).toBe(403);
    const confirmed = await call<{ confirmed: ConfirmedPositionDto[] }>('pl', 'POST', `/api/drafts/${draft.id}/positions/confirm-all`);
    expect(confirmed.status).toBe(200);
    const numbers = confirmed.body.confirmed.map((c) => c.number);
    expect(numbers).toEqual(expect.arrayContaining([6, 7]));
    const seven = confirmed.body.confirmed.find((c) => c.number === 7)!;
    expect(seven).toMatchObject({ previousLogId: before.logId, position: { position: 'ad_ref', note: 'Warsaw to confirm', stale: false } });
    expect(seven.position.logId).toBeGreaterThan(before.logId);
    // PL's positions are current again; other delegations' are still on earlier text, as they should be.
    expect((await consensusOf(7)).stale).not.toContain('PL');
    expect((await consensusOf(6)).stale).not.toContain('PL');

    const history = await call<PositionChangeDto[]>('pl', 'GET', `/api/drafts/${draft.id}/clauses/${clause(7).id}/positions/history`);
    expect(history.body.at(-1)).toMatchObject({ delegation: 'PL', from: { position: 'ad_ref' }, to: { position: 'ad_ref' }, kind: 'confirmed' });
    expect((await call<{ confirmed: unknown[] }>('pl', 'POST', `/api/drafts/${draft.id}/positions/confirm-all`)).body.confirmed).toEqual([]);
  });
});

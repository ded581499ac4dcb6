/**
 * Positions, consensus, clause status and silence procedures against the real server:
 * each forbidden action tried with a raw client, live events between delegations, the
 * lock on agreed clauses in the Yjs endpoint, and silence deadlines (also across a restart).
 */
import crypto from 'node:crypto';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClauseStatusDto, ConsensusDto, DraftDetail, PositionChangeDto, PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'observer' | 'secretariat' | 'us';

let server: RunningServer;
let draft: DraftDetail;
const cookies = {} as Record<Who, string>;
const sockets: Socket[] = [];
const providers: ConnectedProvider[] = [];

const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;

async function call<T = unknown>(who: Who | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

const positionPath = (n: number, delegation: string) => `/api/drafts/${draft.id}/clauses/${clause(n).id}/positions/${delegation}`;

async function consensusOf(n: number): Promise<ConsensusDto> {
  const { body } = await call<ConsensusDto[]>('secretariat', 'GET', `/api/drafts/${draft.id}/consensus`);
  return body.find((c) => c.clauseId === clause(n).id)!;
}

async function statusOf(n: number): Promise<string> {
  const res = await call<DraftDetail>('secretariat', 'GET', `/api/drafts/${draft.id}`);
  return res.body.clauses.find((c) => c.number === n)!.status;
}

async function liveSocket(who: Who): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: cookies[who] },
    reconnection: false,
  });
  sockets.push(socket);
  const ack = await socket.emitWithAck('draft:join', { draftId: draft.id });
  expect(ack.ok).toBe(true);
  return socket;
}

async function boot(dataDir?: string) {
  server = await startServer({ dataDir });
}

beforeAll(async () => {
  await boot();
  for (const who of ['fr', 'de', 'pl', 'observer', 'secretariat', 'us'] as const)
    cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const p of providers) p.destroy();
  await server?.stop();
});

describe('positions', () => {
  it('lets a delegate state its own position, kept in the history, and pushed live to others', async () => {
    const de = await liveSocket('de');
    const received: PositionDto[] = [];
    de.on('position:updated', (p) => received.push(p.position));

    const first = await call<PositionDto>('fr', 'PUT', positionPath(9, 'FR'), {
      position: 'reservation',
      reservation: 'parliamentary',
      note: 'Needs the Assemblée',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      clauseId: clause(9).id,
      delegation: 'FR',
      position: 'reservation',
      reservation: 'parliamentary',
      note: 'Needs the Assemblée',
      stale: false,
      updatedBy: 'Camille Laurent',
    });
    await call('fr', 'PUT', positionPath(9, 'FR'), { position: 'support' });

    await expect.poll(() => received.map((p) => p.position)).toEqual(['reservation', 'support']);
    const history = await call<PositionChangeDto[]>('de', 'GET', `/api/drafts/${draft.id}/clauses/${clause(9).id}/positions/history`);
    expect(history.body.filter((h) => h.delegation === 'FR').map((h) => [h.from?.position ?? null, h.to.position])).toEqual([
      [null, 'reservation'],
      ['reservation', 'support'],
    ]);
    const all = await call<PositionDto[]>('observer', 'GET', `/api/drafts/${draft.id}/positions`);
    expect(all.body.find((p) => p.clauseId === clause(9).id && p.delegation === 'FR')?.position).toBe('support');
  });

  it('refuses positions for another delegation, from observers and from the secretariat', async () => {
    const asOther = await call<{ error: { code: string; message: string } }>('fr', 'PUT', positionPath(9, 'DE'), { position: 'oppose' });
    expect(asOther.status).toBe(403);
    expect(asOther.body.error.message).toMatch(/FR holds no mandate from DE/);
    expect((await call('observer', 'PUT', positionPath(9, 'FR'), { position: 'support' })).status).toBe(403);
    expect((await call('us', 'PUT', positionPath(9, 'US'), { position: 'support' })).status).toBe(403);
    expect((await call('secretariat', 'PUT', positionPath(9, 'FR'), { position: 'support' })).status).toBe(403);
    expect((await call(null, 'PUT', positionPath(9, 'FR'), { position: 'support' })).status).toBe(401);
    const history = await call<PositionChangeDto[]>('de', 'GET', `/api/drafts/${draft.id}/clauses/${clause(9).id}/positions/history`);
    expect(history.body.some((h) => h.delegation === 'DE')).toBe(false);
  });

  it('answers 404 for unknown clauses and delegations and 400 listing invalid fields', async () => {
    expect((await call('fr', 'PUT', `/api/drafts/${draft.id}/clauses/${crypto.randomUUID()}/positions/FR`, { position: 'support' })).status).toBe(404);
    expect((await call('fr', 'PUT', positionPath(9, 'JP'), { position: 'support' })).status).toBe(404);
    expect((await call('fr', 'PUT', `/api/drafts/${crypto.randomUUID()}/clauses/${clause(9).id}/positions/FR`, { position: 'support' })).status).toBe(404);
    const invalid = await call<{ error: { issues: Array<{ path: string }> } }>('fr', 'PUT', positionPath(9, 'FR'), { position: 'reservation', note: 42 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i) => i.path).sort()).toEqual(['note', 'reservation']);
    expect((await call('fr', 'PUT', positionPath(9, 'FR'), { position: 'maybe' })).status).toBe(400);
    expect((await call('fr', 'PUT', positionPath(9, 'FR'), { position: 'support', reservation: 'scrutiny' })).status).toBe(400);
  });
});

describe('consensus', () => {
  it('computes consensus, pending and blocked from the demo positions and brackets', async () => {
    expect(await consensusOf(1)).toMatchObject({ state: 'consensus', missing: [], objecting: [], openBrackets: 0 });
    expect(await consensusOf(4)).toMatchObject({
      state: 'blocked',
      objecting: ['DE'],
      reservations: expect.arrayContaining([{ delegation: 'TR', reservation: 'scrutiny' }]),
    });
    const c2 = await consensusOf(2);
    expect(c2).toMatchObject({ state: 'pending', openBrackets: 3 });
    expect(c2.missing).toHaveLength(22);
  });

  it('marks a position given on earlier text as stale once the clause changes, live', async () => {
    await call('pl', 'PUT', positionPath(14, 'PL'), { position: 'support' });
    const pl = await liveSocket('pl');
    const updates: ConsensusDto[] = [];
    pl.on('consensus:updated', (e) => updates.push(...e.consensus));

    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    providers.push(fr);
    await fr.waitSynced();
    typeInClause(fr.doc, clause(14).id, ' [and telecommunications]');

    await expect.poll(() => updates.find((u) => u.clauseId === clause(14).id)?.stale ?? [], { timeout: 5000 }).toContain('PL');
    const positions = await call<PositionDto[]>('pl', 'GET', `/api/drafts/${draft.id}/positions`);
    expect(positions.body.find((p) => p.clauseId === clause(14).id && p.delegation === 'PL')?.stale).toBe(true);
    expect(await consensusOf(14)).toMatchObject({ state: 'pending', openBrackets: 1 });

    // Confirming on the current text clears it.
    await call('pl', 'PUT', positionPath(14, 'PL'), { position: 'support' });
    expect((await consensusOf(14)).stale).toEqual([]);
  });
});

describe('clause status', () => {
  it('is set only by the secretariat, and agreement without consensus needs an override', async () => {
    expect((await call('fr', 'POST', `/api/drafts/${draft.id}/clauses/${clause(1).id}/status`, { status: 'agreed' })).status).toBe(403);
    expect((await call('observer', 'POST', `/api/drafts/${draft.id}/clauses/${clause(1).id}/status`, { status: 'agreed' })).status).toBe(403);

    const blocked = await call<{ error: { message: string } }>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(4).id}/status`, {
      status: 'agreed_ad_ref',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/objection from DE/);
    const overridden = await call<ClauseStatusDto>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(4).id}/status`, {
      status: 'agreed_ad_ref',
      override: 'Agreed at the ministerial; DE to confirm in writing',
    });
    expect(overridden).toMatchObject({ status: 200, body: { status: 'agreed_ad_ref', note: 'Agreed at the ministerial; DE to confirm in writing' } });

    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(1).id}/status`, { status: 'agreed' })).status).toBe(200);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(1).id}/status`, { status: 'drafting' })).status).toBe(409);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause(1).id}/status`, { status: 'finished' })).status).toBe(400);
  });

  it('locks an agreed clause in the Yjs endpoint for delegates, not for the secretariat', async () => {
    expect(await statusOf(1)).toBe('agreed');
    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    const sec = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
    providers.push(fr, sec);
    await Promise.all([fr.waitSynced(), sec.waitSynced()]);
    const before = clauseText(sec.doc, clause(1).id);

    const closed = fr.waitClosed();
    typeInClause(fr.doc, clause(1).id, ' DELEGATE-EDIT-ON-AGREED');
    expect((await closed).code).toBe(4403);
    fr.provider.disconnect();
    expect(clauseText(sec.doc, clause(1).id)).toBe(before);

    typeInClause(sec.doc, clause(1).id, ' (secretariat correction)');
    const check = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.de });
    providers.push(check);
    await check.waitSynced();
    await expect.poll(() => clauseText(check.doc, clause(1).id)).toContain('(secretariat correction)');
    expect(clauseText(check.doc, clause(1).id)).not.toContain('DELEGATE-EDIT-ON-AGREED');
  });
});

describe('silence procedure', () => {
  const start = (clauses: number[], ms: number, who: Who = 'secretariat', override?: string) =>
    call<SilenceProcedureDto>(who, 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: clauses.map((n) => clause(n).id),
      deadline: new Date(Date.now() + ms).toISOString(),
      ...(override ? { override } : {}),
    });

  it('is started only by the secretariat, with a future deadline', async () => {
    expect((await start([15], 60_000, 'fr')).status).toBe(403);
    expect((await start([15], -1000)).status).toBe(400);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/silence`, { clauseIds: [], deadline: 'tomorrow' })).status).toBe(400);
  });

  it('makes the clauses agreed at a 2-second deadline when nobody breaks silence', async () => {
    const de = await liveSocket('de');
    const events: SilenceProcedureDto[] = [];
    de.on('silence:updated', (e) => events.push(e.procedure));
    const started = await start([5], 2000);
    expect(started.status).toBe(201);
    expect(await statusOf(5)).toBe('silence');
    await expect.poll(() => statusOf(5), { timeout: 10_000 }).toBe('agreed');
    await expect.poll(() => events.map((e) => e.state)).toEqual(['running', 'completed']);
  });

  it('is broken by a delegation with a reason: clauses back to negotiating, everyone notified', async () => {
    const started = await start([15], 60_000);
    const pl = await liveSocket('pl');
    const statuses: ClauseStatusDto[] = [];
    pl.on('clause:status', (e) => statuses.push(e.clause));

    const path = `/api/drafts/${draft.id}/silence/${started.body.id}/break`;
    expect((await call('observer', 'POST', path, { reason: 'Observers cannot break' })).status).toBe(403);
    expect((await call('secretariat', 'POST', path, { reason: 'Secretariat cannot break' })).status).toBe(403);
    expect((await call('de', 'POST', path, {})).status).toBe(400);
    const broken = await call<SilenceProcedureDto>('de', 'POST', path, { reason: 'Berlin needs another week on the humanitarian wording.' });
    expect(broken).toMatchObject({ status: 200, body: { state: 'broken', brokenBy: 'DE', reason: 'Berlin needs another week on the humanitarian wording.' } });
    expect(await statusOf(15)).toBe('negotiating');
    await expect.poll(() => statuses.find((s) => s.clauseId === clause(15).id)?.status).toBe('negotiating');
    expect((await call('fr', 'POST', path, { reason: 'too late' })).status).toBe(409);
  });

  it('refuses to start on clauses with open brackets or alternatives, naming them, unless an override reason is given', async () => {
    const refused = await call<{ error: { message: string } }>('secretariat', 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: [clause(3).id, clause(13).id, clause(16).id],
      deadline: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/clause 3 \(\d+ open brackets? \(\d+ typed\)\), clause 16 \(2 open brackets \(2 typed\)\)/);
    expect(refused.body.error.message).not.toMatch(/clause 13/);
    expect(refused.body.error.message).toMatch(/override reason/);
    expect(await statusOf(3)).not.toBe('silence');
    expect(await statusOf(13)).not.toBe('silence');
  });

  it('refuses a delegate’s Yjs edit to a clause under silence (started over open brackets with an override, recorded)', async () => {
    const started = await start([16], 60_000, 'secretariat', 'The review period is left to the plenary');
    expect(started).toMatchObject({ status: 201, body: { state: 'running', override: 'The review period is left to the plenary' } });
    const listed = await call<SilenceProcedureDto[]>('de', 'GET', `/api/drafts/${draft.id}/silence`);
    expect(listed.body.find((p) => p.id === started.body.id)?.override).toBe('The review period is left to the plenary');
    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    providers.push(fr);
    await fr.waitSynced();
    const closed = fr.waitClosed();
    typeInClause(fr.doc, clause(16).id, ' edit-under-silence');
    expect((await closed).code).toBe(4403);
    fr.provider.disconnect();
  });

  it('does not agree a clause bracketed during silence: at the deadline the procedure ends interrupted and everyone hears why', async () => {
    const de = await liveSocket('de');
    const events: SilenceProcedureDto[] = [];
    de.on('silence:updated', (e) => e.procedure.clauseIds.includes(clause(13).id) && events.push(e.procedure));
    const before = await statusOf(13);
    const started = await start([13], 3000);
    expect(started.status).toBe(201);
    // The secretariat may still edit a clause under silence; it brackets words before the deadline.
    const sec = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.secretariat });
    providers.push(sec);
    await sec.waitSynced();
    typeInClause(sec.doc, clause(13).id, ' [subject to ratification]');
    await expect.poll(async () => (await consensusOf(13)).openBrackets).toBe(1);

    await expect.poll(() => events.map((e) => e.state), { timeout: 10_000 }).toEqual(['running', 'interrupted']);
    expect(events[1].reason).toMatch(/clause 13 \(1 open bracket \(1 typed\)\)/);
    expect(await statusOf(13)).toBe(before);
    const procedures = await call<SilenceProcedureDto[]>('de', 'GET', `/api/drafts/${draft.id}/silence`);
    expect(procedures.body.find((p) => p.id === started.body.id)?.state).toBe('interrupted');
  });

  it('agrees at the deadline a clause started over open brackets with an override, saying so', async () => {
    const started = await start([6], 2000, 'secretariat', 'Both basing options stand as alternatives for capitals');
    expect(started.status).toBe(201);
    await expect.poll(() => statusOf(6), { timeout: 10_000 }).toBe('agreed');
    const snapshot = await call<{ statuses: ClauseStatusDto[] }>('de', 'GET', `/api/drafts/${draft.id}/negotiation`);
    expect(snapshot.body.statuses.find((c) => c.clauseId === clause(6).id)?.note).toMatch(/open brackets overridden by the secretariat: Both basing options/);
  });

  it('completes a deadline that passed while the server was stopped, at start', async () => {
    const started = await start([7], 1500);
    expect(started.status).toBe(201);
    await server.stop('SIGKILL');
    await expect.poll(() => Date.now() > new Date(started.body.deadline).getTime(), { timeout: 10_000 }).toBe(true);
    await boot(server.dataDir);
    expect(await statusOf(7)).toBe('agreed');
    const procedures = await call<SilenceProcedureDto[]>('de', 'GET', `/api/drafts/${draft.id}/silence`);
    expect(procedures.body.find((p) => p.id === started.body.id)?.state).toBe('completed');
  });
});

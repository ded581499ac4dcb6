/**
 * The secretariat changes a draft's clauses while the talks run: add, rename, reorder,
 * split, merge, withdraw and reinstate. Each contract is tried by who may not call it
 * (401, 403) and with bad bodies (400); numbers follow the order of the clauses that are
 * not withdrawn; positions follow the split and merge rules; a raw y-websocket client
 * editing a clause merged away is refused with 4409 and a reason, an edit in flight in a
 * moved clause is kept; every change is in the timeline, the audit log and the
 * `draft:structure` event; a closed draft refuses them all. On the embedded database and
 * on PostgreSQL.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, BracketDto, ClauseSummary, DraftDetail, DraftSummary, PositionChangeDto, PositionDto } from '@/lib/api/types';
import type { CompareDto, TimelinePage } from '@/lib/history/types';
import type { ClientToServerEvents, DraftStructurePayload, ServerToClientEvents } from '@/lib/realtime/events';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, typeInClause } from './helpers';

const pgDatabase = await createTestDatabase();
if (!pgDatabase) console.warn('\n*** SKIPPED: clause structure integration tests on PostgreSQL (TEST_DATABASE_URL is not set) ***\n');

const backends: Array<{ name: string; database: TestDatabase | null }> = [
  { name: 'embedded PGlite', database: null },
  ...(pgDatabase ? [{ name: 'PostgreSQL', database: pgDatabase }] : []),
];

type Who = 'secretariat' | 'fr' | 'de' | 'us' | 'anon';
type ErrorBody = { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

const MARKDOWN = [
  '## Scope',
  'Scope one.',
  'Scope two.',
  'Scope three.',
  '## Funding',
  'Funding is pooled.',
  '## Review',
  'The parties review yearly.',
  '## Final',
  'Entry into force.',
].join('\n\n');

describe.each(backends)('clause structure on $name', ({ database }) => {
  let server: RunningServer;
  const cookies: Partial<Record<Who, string>> = {};
  const providers: ConnectedProvider[] = [];
  const sockets: Socket[] = [];

  async function call<T>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(cookies[who] ? { cookie: cookies[who] } : {}), origin: server.url, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const detail = async (id: string) => (await call<DraftDetail>('fr', 'GET', `/api/drafts/${id}`)).body;
  const shape = (clauses: ClauseSummary[]) => clauses.map((c) => `${c.number ?? '-'}:${c.title}`);
  const auditOf = async (draftId: string, action: string) =>
    (await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draftId}&action=${action}`)).body.entries;

  async function newDraft(title: string): Promise<DraftDetail> {
    const res = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', {
      title,
      participants: ['FR', 'DE'],
      observers: ['US'],
      text: { format: 'markdown', content: MARKDOWN },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  function reader(draftId: string, who: Who = 'fr'): ConnectedProvider {
    const provider = connectProvider({ wsUrl: server.wsUrl, draftId, cookie: cookies[who] });
    providers.push(provider);
    return provider;
  }

  /** The text of a clause as a fresh connection reads it from the server. */
  async function storedText(draftId: string, clauseId: string): Promise<string> {
    const check = reader(draftId, 'secretariat');
    await check.waitSynced();
    const text = clauseText(check.doc, clauseId);
    check.destroy();
    return text;
  }

  async function listen(draftId: string): Promise<DraftStructurePayload[]> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies.de! },
      reconnection: false,
    });
    sockets.push(socket);
    expect((await socket.emitWithAck('draft:join', { draftId })).ok).toBe(true);
    const heard: DraftStructurePayload[] = [];
    socket.on('draft:structure', (payload) => heard.push(payload));
    return heard;
  }

  beforeAll(async () => {
    server = await startServer({ databaseUrl: database?.url, env: { HTTP_WRITES_PER_SECOND: '1000' } });
    for (const who of ['secretariat', 'fr', 'de', 'us'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    for (const socket of sockets) socket.disconnect();
    await server?.stop();
    await database?.drop();
  });

  it('answers 401 without a session and 403 to delegates and observers, whatever the body', async () => {
    const draft = await newDraft('Who may');
    const [a, b] = draft.clauses;
    const calls: Array<[string, string, unknown]> = [
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'New' }],
      ['POST', `/api/drafts/${draft.id}/clauses`, { nonsense: true }],
      ['PATCH', `/api/drafts/${draft.id}/clauses/${a.id}`, { title: 'Renamed' }],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: draft.clauses.map((c) => c.id).reverse() }],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: 'all' }],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: 1 }],
      ['POST', `/api/drafts/${draft.id}/clauses/${b.id}/merge`, undefined],
      ['POST', `/api/drafts/${draft.id}/clauses/${b.id}/status`, { status: 'withdrawn' }],
    ];
    for (const who of ['anon', 'fr', 'us'] as const) {
      for (const [method, path, body] of calls) {
        const res = await call<ErrorBody>(who, method, path, body);
        expect(res.status, `${who} ${method} ${path} ${JSON.stringify(body)}`).toBe(who === 'anon' ? 401 : 403);
      }
    }
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Scope', '2:Funding', '3:Review', '4:Final']);
    expect(await auditOf(draft.id, 'clause.added')).toEqual([]);
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    const draft = await newDraft('Bad bodies');
    const ids = draft.clauses.map((c) => c.id);
    const [a, b] = draft.clauses;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', `/api/drafts/${draft.id}/clauses`, {}, 'title'],
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: '  ' }, 'title'],
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'bad\u0007title' }, 'title'],
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'x'.repeat(201) }, 'title'],
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'Ok', afterClauseId: 'clause-2' }, 'afterClauseId'],
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'Ok', extra: 1 }, '(body)'],
      ['PATCH', `/api/drafts/${draft.id}/clauses/${a.id}`, {}, 'title'],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, {}, 'clauseIds'],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: ids.slice(1) }, 'clauseIds'],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: [ids[0], ...ids.slice(0, 3)] }, 'clauseIds'],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: [...ids.slice(1), '00000000-0000-4000-8000-000000000000'] }, 'clauseIds'],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: [...ids, ids[0]] }, 'clauseIds'],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: 0 }, 'paragraph'],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: '1' }, 'paragraph'],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: 1.5 }, 'paragraph'],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: 3 }, 'paragraph'],
      ['POST', `/api/drafts/${draft.id}/clauses/${b.id}/split`, { paragraph: 1 }, 'paragraph'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call<ErrorBody>('secretariat', method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(
        res.body.error.issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    // The first clause has nothing to merge into; an unknown clause is 404.
    expect((await call<ErrorBody>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${a.id}/merge`)).status).toBe(409);
    expect((await call<ErrorBody>('secretariat', 'PATCH', `/api/drafts/${draft.id}/clauses/00000000-0000-4000-8000-000000000000`, { title: 'x' })).status).toBe(
      404,
    );
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Scope', '2:Funding', '3:Review', '4:Final']);
  });

  it('adds, renames and moves clauses: ids stay, numbers follow the order, everyone hears it', async () => {
    const draft = await newDraft('Add and move');
    const heard = await listen(draft.id);
    const [scope, funding, review, final] = draft.clauses;

    const first = await call<ClauseSummary>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses`, {
      title: 'Preamble',
      afterClauseId: null,
      text: 'Recalling the mandate.\nNoting the work done.',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ number: 1, title: 'Preamble', status: 'drafting' });
    const after = await call<ClauseSummary>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses`, { title: 'Definitions', afterClauseId: scope.id });
    expect(after.body).toMatchObject({ number: 3, title: 'Definitions' });
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Preamble', '2:Scope', '3:Definitions', '4:Funding', '5:Review', '6:Final']);
    expect(await storedText(draft.id, first.body.id)).toBe('Recalling the mandate.\nNoting the work done.');

    const renamed = await call<ClauseSummary>('secretariat', 'PATCH', `/api/drafts/${draft.id}/clauses/${funding.id}`, { title: 'Financing' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: funding.id, number: 4, title: 'Financing' });

    // A delegate types in "Review" while the secretariat moves it to the top: the words are kept.
    const typist = reader(draft.id, 'fr');
    await typist.waitSynced();
    typeInClause(typist.doc, review.id, ' Typed during the move.');
    const order = [review.id, first.body.id, scope.id, after.body.id, funding.id, final.id];
    const moved = await call<DraftDetail>('secretariat', 'PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: order });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.clauses.map((c) => c.id)).toEqual(order);
    expect(shape(moved.body.clauses)).toEqual(['1:Review', '2:Preamble', '3:Scope', '4:Definitions', '5:Financing', '6:Final']);
    typeInClause(typist.doc, review.id, ' And after it.');
    await expect.poll(() => storedText(draft.id, review.id), { timeout: 10_000 }).toBe('The parties review yearly. Typed during the move. And after it.');
    expect(typist.closes).toEqual([]);
    // The same order again is a conflict, not a silent no-op.
    expect((await call('secretariat', 'PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: order })).status).toBe(409);

    await expect.poll(() => heard.map((h) => h.change.kind), { timeout: 5000 }).toEqual(['added', 'added', 'renamed', 'moved']);
    expect(shape(heard[3].clauses)).toEqual(shape(moved.body.clauses));
    expect(heard[2].change).toMatchObject({ kind: 'renamed', clauseId: funding.id, details: { from: 'Funding', to: 'Financing' }, by: expect.any(String) });

    expect((await auditOf(draft.id, 'clause.added')).map((e) => e.details.title).sort()).toEqual(['Definitions', 'Preamble']);
    expect((await auditOf(draft.id, 'clause.renamed'))[0].details).toMatchObject({ clauseId: funding.id, from: 'Funding', to: 'Financing' });
    expect((await auditOf(draft.id, 'clause.moved'))[0].details).toMatchObject({ to: order });
    const timeline = (await call<TimelinePage>('fr', 'GET', `/api/drafts/${draft.id}/history/timeline?kind=structure`)).body.entries;
    expect(timeline.map((e) => (e.kind === 'structure' ? e.change : e.kind))).toEqual(['moved', 'renamed', 'added', 'added']);
    const byClause = (await call<TimelinePage>('fr', 'GET', `/api/drafts/${draft.id}/history/timeline?kind=structure&clause=${funding.id}`)).body.entries;
    expect(byClause.map((e) => (e.kind === 'structure' ? e.change : e.kind))).toEqual(['moved', 'renamed']);
  });

  it('withdraws a clause out of the numbering and reinstates it to the status it had', async () => {
    const draft = await newDraft('Withdraw');
    const heard = await listen(draft.id);
    const funding = draft.clauses[1];
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/status`, { status: 'negotiating' })).status).toBe(200);
    const withdrawn = await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/status`, { status: 'withdrawn' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    const list = (await detail(draft.id)).clauses;
    expect(shape(list)).toEqual(['1:Scope', '-:Funding', '2:Review', '3:Final']);
    expect(list[1].status).toBe('withdrawn');
    // Its text is kept.
    expect(await storedText(draft.id, funding.id)).toBe('Funding is pooled.');
    // A withdrawn clause is moved with the others (it keeps its place, not a number).
    const order = [draft.clauses[2].id, funding.id, draft.clauses[0].id, draft.clauses[3].id];
    expect((await call('secretariat', 'PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: order })).status).toBe(200);
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Review', '-:Funding', '2:Scope', '3:Final']);
    // A withdrawn clause cannot be split or merged.
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/merge`)).status).toBe(409);

    const reinstated = await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/status`, { status: 'negotiating' });
    expect(reinstated.status, JSON.stringify(reinstated.body)).toBe(200);
    const back = (await detail(draft.id)).clauses;
    expect(shape(back)).toEqual(['1:Review', '2:Funding', '3:Scope', '4:Final']);
    expect(back[1].status).toBe('negotiating');
    await expect.poll(() => heard.map((h) => h.change.kind), { timeout: 5000 }).toEqual(['withdrawn', 'moved', 'reinstated']);
    expect(heard[0].clauses.find((c) => c.id === funding.id)).toMatchObject({ number: null, status: 'withdrawn' });
    expect((await auditOf(draft.id, 'clause.status')).map((e) => e.details.to)).toEqual(['negotiating', 'withdrawn', 'negotiating']);
  });

  it('splits a clause at a paragraph: positions carry to both halves and show as given on earlier text', async () => {
    const draft = await newDraft('Split');
    const heard = await listen(draft.id);
    const scope = draft.clauses[0];
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/status`, { status: 'negotiating' })).status).toBe(200);
    expect((await call('fr', 'PUT', `/api/drafts/${draft.id}/clauses/${scope.id}/positions/FR`, { position: 'support' })).status).toBe(200);
    expect((await call('de', 'PUT', `/api/drafts/${draft.id}/clauses/${scope.id}/positions/DE`, { position: 'oppose' })).status).toBe(200);

    const split = await call<{ first: ClauseSummary; second: ClauseSummary }>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/split`, {
      paragraph: 2,
    });
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    expect(split.body.first).toMatchObject({ id: scope.id, number: 1, title: 'Scope', status: 'negotiating' });
    expect(split.body.second).toMatchObject({ number: 2, title: 'Scope (continued)', status: 'negotiating' });
    const second = split.body.second.id;
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Scope', '2:Scope (continued)', '3:Funding', '4:Review', '5:Final']);
    expect(await storedText(draft.id, scope.id)).toBe('Scope one.\nScope two.');
    expect(await storedText(draft.id, second)).toBe('Scope three.');

    const positions = (await call<PositionDto[]>('fr', 'GET', `/api/drafts/${draft.id}/positions`)).body;
    const on = (clauseId: string) =>
      positions
        .filter((p) => p.clauseId === clauseId)
        .map((p) => `${p.delegation}:${p.position}:${p.stale ? 'stale' : 'fresh'}`)
        .sort();
    expect(on(scope.id)).toEqual(['DE:oppose:stale', 'FR:support:stale']);
    expect(on(second)).toEqual(['DE:oppose:stale', 'FR:support:stale']);
    const history = (await call<PositionChangeDto[]>('fr', 'GET', `/api/drafts/${draft.id}/clauses/${second}/positions/history`)).body;
    expect(history.map((h) => `${h.delegation}:${h.to.position}`).sort()).toEqual(['DE:oppose', 'FR:support']);

    await expect.poll(() => heard.map((h) => h.change.kind), { timeout: 5000 }).toEqual(['split']);
    expect((await auditOf(draft.id, 'clause.split'))[0].details).toMatchObject({ clauseId: scope.id, secondId: second, paragraph: 2, carriedPositions: 2 });
    const timeline = (await call<TimelinePage>('de', 'GET', `/api/drafts/${draft.id}/history/timeline?kind=structure`)).body.entries;
    expect(timeline[0]).toMatchObject({ kind: 'structure', change: 'split', clauseId: scope.id, clauseNumbers: [1, 2] });
  });

  it('merges a clause into the previous one: positions become none with a history entry, edits to it get 4409', async () => {
    const draft = await newDraft('Merge');
    const heard = await listen(draft.id);
    const [scope, funding] = draft.clauses;
    for (const c of [scope, funding])
      expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${c.id}/status`, { status: 'negotiating' })).status).toBe(200);
    expect((await call('fr', 'PUT', `/api/drafts/${draft.id}/clauses/${scope.id}/positions/FR`, { position: 'support' })).status).toBe(200);

    // A delegate has the room open and keeps typing in "Funding" after it was merged away.
    const typist = reader(draft.id, 'de');
    await typist.waitSynced();
    const merged = await call<{ merged: ClauseSummary; into: ClauseSummary }>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/merge`);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.into).toMatchObject({ id: scope.id, number: 1 });
    expect(merged.body.merged).toMatchObject({ id: funding.id, number: null });
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Scope', '2:Review', '3:Final']);
    expect(await storedText(draft.id, scope.id)).toBe('Scope one.\nScope two.\nScope three.\nFunding is pooled.');

    const refused = typist.waitClosed(5000);
    typeInClause(typist.doc, funding.id, ' Too late.');
    const close = await refused;
    expect(close.code).toBe(4409);
    expect(close.reason).toMatch(/merged into clause 1/);
    typist.destroy();
    expect(await storedText(draft.id, scope.id)).not.toMatch(/Too late/);
    // Over HTTP too: the clause merged away takes no position, status or comment.
    const gone = await call<ErrorBody>('fr', 'PUT', `/api/drafts/${draft.id}/clauses/${funding.id}/positions/FR`, { position: 'support' });
    expect(gone.status).toBe(409);
    expect(gone.body.error.message).toMatch(/merged/);

    const positions = (await call<PositionDto[]>('fr', 'GET', `/api/drafts/${draft.id}/positions`)).body;
    expect(positions.find((p) => p.clauseId === scope.id && p.delegation === 'FR')?.position ?? 'none').toBe('none');
    const history = (await call<PositionChangeDto[]>('fr', 'GET', `/api/drafts/${draft.id}/clauses/${scope.id}/positions/history`)).body;
    expect(history.some((h) => h.delegation === 'FR' && h.from?.position === 'support' && h.to.position === 'none')).toBe(true);

    await expect.poll(() => heard.map((h) => h.change.kind), { timeout: 5000 }).toEqual(['merged']);
    expect((await auditOf(draft.id, 'clause.merged'))[0].details).toMatchObject({ clauseId: scope.id, mergedId: funding.id, positionsReset: ['FR'] });
    const timeline = (await call<TimelinePage>('fr', 'GET', `/api/drafts/${draft.id}/history/timeline?kind=structure`)).body.entries;
    expect(timeline[0]).toMatchObject({ kind: 'structure', change: 'merged', details: { mergedTitle: 'Funding', title: 'Scope' } });
  });

  it('moves brackets wholly in the moved paragraphs to the new clause, leaves one across the cut detached, and compare names the change', async () => {
    const draft = await newDraft('Split annotations');
    const scope = draft.clauses[0];
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/status`, { status: 'negotiating' })).status).toBe(200);
    const cut = await call<{ number: number }>('secretariat', 'POST', `/api/drafts/${draft.id}/revisions`, { note: 'Before the split' });
    expect(cut.status).toBe(201);
    // "Scope one.\nScope two.\nScope three.": FR brackets "three", DE brackets "two.\nScope" across the cut.
    const text = await storedText(draft.id, scope.id);
    const range = (words: string) => ({ from: text.indexOf(words), to: text.indexOf(words) + words.length });
    const inMoved = await call<BracketDto>('fr', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/brackets`, { span: { range: range('three') } });
    const across = await call<BracketDto>('de', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/brackets`, { span: { range: range('two.\nScope') } });
    expect([inMoved.status, across.status]).toEqual([201, 201]);

    const split = await call<{ second: ClauseSummary }>('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/split`, { paragraph: 2 });
    expect(split.status).toBe(201);
    const brackets = (await call<BracketDto[]>('fr', 'GET', `/api/drafts/${draft.id}/brackets`)).body;
    const moved = brackets.find((b) => b.id === inMoved.body.id)!;
    expect(moved.clauseId).toBe(split.body.second.id);
    expect(moved.current).toMatchObject({ text: 'three' });
    const stayed = brackets.find((b) => b.id === across.body.id)!;
    expect(stayed.clauseId).toBe(scope.id);
    expect(stayed.current).toBeNull();

    const compare = await call<CompareDto>('fr', 'GET', `/api/drafts/${draft.id}/history/compare?from=rev:${cut.body.number}&to=now`);
    expect(compare.status).toBe(200);
    expect(compare.body.structure.map((c) => [c.kind, c.clauseId])).toEqual([['split', scope.id]]);
  });

  it('counts progress in the draft list over the clauses that are not withdrawn', async () => {
    const draft = await newDraft('Progress');
    const [scope, funding] = draft.clauses;
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/status`, { status: 'negotiating' })).status).toBe(200);
    const agreed = await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${scope.id}/status`, { status: 'agreed', override: 'Chair’s ruling' });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${funding.id}/status`, { status: 'withdrawn' })).status).toBe(200);
    const listed = (await call<DraftSummary[]>('fr', 'GET', '/api/drafts')).body.find((d) => d.id === draft.id)!;
    expect(listed).toMatchObject({ clauseCount: 3, agreedCount: 1, state: 'open' });
  });

  it('refuses to restore text to a point before a structure change, saying why', async () => {
    const draft = await newDraft('Restore');
    const cut = await call<{ number: number }>('secretariat', 'POST', `/api/drafts/${draft.id}/revisions`, { note: 'Before the split' });
    expect(cut.status).toBe(201);
    expect((await call('secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${draft.clauses[0].id}/split`, { paragraph: 1 })).status).toBe(201);
    const refused = await call<ErrorBody>('secretariat', 'POST', `/api/drafts/${draft.id}/history/restore`, { to: `rev:${cut.body.number}` });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/split/);
    expect(refused.body.error.message).toMatch(/cannot be restored across a change of structure/);
    // The revision keeps the clauses as they were at its cut.
    const text = (await call<{ clauses: Array<{ title: string; text: string }> }>('fr', 'GET', `/api/drafts/${draft.id}/revisions/${cut.body.number}`)).body;
    expect(text.clauses.map((c) => c.title)).toEqual(['Scope', 'Funding', 'Review', 'Final']);
  });

  it('refuses every structure change on a closed draft with 409', async () => {
    const draft = await newDraft('Closed');
    const [a, b] = draft.clauses;
    expect((await call('secretariat', 'PATCH', `/api/drafts/${draft.id}`, { state: 'closed', reason: 'Adopted.' })).status).toBe(200);
    const calls: Array<[string, string, unknown]> = [
      ['POST', `/api/drafts/${draft.id}/clauses`, { title: 'New' }],
      ['PATCH', `/api/drafts/${draft.id}/clauses/${a.id}`, { title: 'Renamed' }],
      ['PUT', `/api/drafts/${draft.id}/clause-order`, { clauseIds: draft.clauses.map((c) => c.id).reverse() }],
      ['POST', `/api/drafts/${draft.id}/clauses/${a.id}/split`, { paragraph: 1 }],
      ['POST', `/api/drafts/${draft.id}/clauses/${b.id}/merge`, undefined],
      ['POST', `/api/drafts/${draft.id}/clauses/${b.id}/status`, { status: 'withdrawn' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await call<ErrorBody>('secretariat', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.error.message).toMatch(/closed/);
    }
    expect(shape((await detail(draft.id)).clauses)).toEqual(['1:Scope', '2:Funding', '3:Review', '4:Final']);
  });
});

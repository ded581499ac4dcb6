/**
 * The secretariat runs drafts: creates them (empty, from pasted text, from a DOCX after a
 * preview and an adjusted plan), adds delegations, changes a draft's delegations, closes
 * and reopens it. Every contract is checked with raw clients for who may call it, for bad
 * input (DOCX refusals included: they create nothing), and a closed draft refuses every
 * write over HTTP and /yjs. On the embedded database and on PostgreSQL.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, DelegationDto, DraftDetail, DraftSummary } from '@/lib/api/types';
import { contrastRatio } from '@/lib/domain/legible-color';
import type { ClientToServerEvents, DraftUpdatedPayload, ServerToClientEvents } from '@/lib/realtime/events';
import { docxOf, encryptedCfb, h, p, zipOf } from '@/server/drafts/import/docx-fixtures.test-support';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, typeInClause } from './helpers';

const pgDatabase = await createTestDatabase();
if (!pgDatabase) console.warn('\n*** SKIPPED: draft integration tests on PostgreSQL (TEST_DATABASE_URL is not set) ***\n');

const backends: Array<{ name: string; database: TestDatabase | null }> = [
  { name: 'embedded PGlite', database: null },
  ...(pgDatabase ? [{ name: 'PostgreSQL', database: pgDatabase }] : []),
];

type Who = 'secretariat' | 'fr' | 'de' | 'observer' | 'nato' | 'anon';

describe.each(backends)('drafts and delegations on $name', ({ database }) => {
  let server: RunningServer;
  const cookies: Partial<Record<Who, string>> = {};
  const providers: ConnectedProvider[] = [];
  const sockets: Socket[] = [];

  async function call<T>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(cookies[who] ? { cookie: cookies[who] } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json', origin: server.url } : { origin: server.url }),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function upload<T>(who: Who, path: string, file: Buffer | null, fields: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const form = new FormData();
    if (file)
      form.set(
        'file',
        new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
        'zero-draft.docx',
      );
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...(cookies[who] ? { cookie: cookies[who] } : {}), origin: server.url },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const draftCount = async () => (await call<DraftSummary[]>('secretariat', 'GET', '/api/drafts')).body.length;

  async function auditOf(draftId: string, action: string) {
    return (await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draftId}&action=${action}`)).body.entries;
  }

  beforeAll(async () => {
    // Many secretariat writes in a row: the per-person write limit is not what this file tests.
    server = await startServer({ databaseUrl: database?.url, env: { HTTP_WRITES_PER_SECOND: '1000' } });
    for (const who of ['secretariat', 'fr', 'de', 'observer', 'nato'] as const)
      cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    for (const socket of sockets) socket.disconnect();
    await server?.stop();
    await database?.drop();
  });

  const zeroDraft = () =>
    docxOf([
      p('Mandate of the working group on reconstruction.'),
      h('Article 1 — Purpose'),
      p('The parties shall coordinate reconstruction.'),
      h('Article 2 — Funding'),
      p('Funding is pooled.'),
      h('Article 3 — Review'),
      p('The parties review progress yearly.'),
    ]);

  describe('who may call the contracts', () => {
    it('answers 401 without a session and 403 to delegates and observers, before reading the body', async () => {
      const docx = await zeroDraft();
      const demo = (await call<DraftSummary[]>('fr', 'GET', '/api/drafts')).body[0];
      for (const who of ['anon', 'fr', 'observer', 'nato'] as const) {
        const expected = who === 'anon' ? 401 : 403;
        expect((await call(who, 'POST', '/api/drafts', { title: 'X', participants: [] })).status).toBe(expected);
        expect((await call(who, 'POST', '/api/drafts', { nonsense: true })).status).toBe(expected);
        expect((await call(who, 'POST', '/api/delegations', { code: 'HU', name: 'Hungary' })).status).toBe(expected);
        expect((await call(who, 'GET', '/api/delegations')).status).toBe(expected);
        expect((await upload(who, '/api/drafts/import/preview', docx)).status).toBe(expected);
        expect((await upload(who, '/api/drafts/import', docx, { title: 'X', participants: 'FR' })).status).toBe(expected);
        if (who !== 'anon') expect((await call(who, 'PATCH', `/api/drafts/${demo.id}`, { title: 'Hijacked' })).status).toBe(expected);
      }
      expect((await call('anon', 'PATCH', `/api/drafts/${demo.id}`, { title: 'Hijacked' })).status).toBe(401);
      expect((await call<DraftDetail>('fr', 'GET', `/api/drafts/${demo.id}`)).body.title).not.toBe('Hijacked');
    });
  });

  describe('POST /api/delegations', () => {
    it('adds a delegation with an assigned colour legible on white and on the dark header', async () => {
      const res = await call<DelegationDto>('secretariat', 'POST', '/api/delegations', { code: 'HU', name: 'Hungary' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'HU', name: 'Hungary' });
      expect(contrastRatio(res.body.color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(res.body.color, '#0e1a30')).toBeGreaterThanOrEqual(3);
      const list = await call<DelegationDto[]>('secretariat', 'GET', '/api/delegations');
      expect(list.body.find((d) => d.code === 'HU')).toEqual(res.body);
      const audit = (await call<AuditPage>('secretariat', 'GET', '/api/audit?action=delegation.created')).body.entries;
      expect(audit.find((e) => e.subject === 'HU')?.details).toMatchObject({ name: 'Hungary', color: res.body.color });
    });

    it('refuses a duplicate (409), a bad code, a missing name and an illegible colour (400)', async () => {
      expect((await call('secretariat', 'POST', '/api/delegations', { code: 'HU', name: 'Hungary again' })).status).toBe(409);
      for (const body of [
        { code: 'hu', name: 'x' },
        { code: 'H', name: 'x' },
        { code: 'ABCDEFG', name: 'x' },
        { code: 'SK' },
        { code: 'SK', name: 'Slovakia', color: '#ffff00' },
        { code: 'SK', name: 'Slovakia', color: 'red' },
      ]) {
        const res = await call<{ error: { code: string; issues?: Array<{ path: string }> } }>('secretariat', 'POST', '/api/delegations', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.issues?.length).toBeGreaterThan(0);
      }
      const chosen = await call<DelegationDto>('secretariat', 'POST', '/api/delegations', { code: 'NATOX', name: 'Test organisation', color: '#c0392b' });
      expect(chosen.status).toBe(201);
      expect(chosen.body.color).toBe('#c0392b');
    });
  });

  describe('POST /api/drafts', () => {
    it('creates an empty draft with its delegations, open, audited', async () => {
      const res = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', {
        title: 'Empty start',
        description: 'The mandate.',
        participants: ['FR', 'HU'],
        observers: ['NATO'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: 'Empty start', description: 'The mandate.', state: 'open', clauses: [] });
      expect(res.body.delegations.map((d) => `${d.code}:${d.participation}`).sort()).toEqual(['FR:participant', 'HU:participant', 'NATO:observer']);
      expect((await call('fr', 'GET', `/api/drafts/${res.body.id}`)).status).toBe(200);
      expect((await call('de', 'GET', `/api/drafts/${res.body.id}`)).status).toBe(404);
      const audit = await auditOf(res.body.id, 'draft.created');
      expect(audit[0].details).toMatchObject({ source: 'empty', clauses: 0, participants: ['FR', 'HU'], observers: ['NATO'] });
    });

    it('creates clauses from pasted Markdown, with their text in the draft document', async () => {
      const content = 'Preamble text.\n\n## Article 1 — Scope\n\nThe parties **shall** act.\n\n## Article 2 — Review\n\nReview yearly.';
      const res = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', {
        title: 'From Markdown',
        participants: ['FR'],
        text: { format: 'markdown', content },
      });
      expect(res.status).toBe(201);
      expect(res.body.description).toBe('Preamble text.');
      expect(res.body.clauses.map((c) => [c.number, c.title, c.status])).toEqual([
        [1, 'Scope', 'drafting'],
        [2, 'Review', 'drafting'],
      ]);
      const reader = connectProvider({ wsUrl: server.wsUrl, draftId: res.body.id, cookie: cookies.fr });
      providers.push(reader);
      await reader.waitSynced();
      expect(clauseText(reader.doc, res.body.clauses[0].id)).toBe('The parties shall act.');
      expect(clauseText(reader.doc, res.body.clauses[1].id)).toBe('Review yearly.');
      reader.destroy();
    });

    it('groups pasted text as an adjusted plan says', async () => {
      const text = { format: 'markdown', content: '## Scope\n\nThe parties act.\n\n## Review\n\nReview yearly.\n\n## Final\n\nEntry into force.' };
      const preview = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', { title: 'Plain', participants: ['FR'], text });
      expect(preview.body.clauses.map((c) => c.title)).toEqual(['Scope', 'Review', 'Final']);
      const { readTextImport } = await import('@/lib/drafts/read-text-import');
      const { mergeIntoPrevious } = await import('@/lib/drafts/plan-operations');
      const plan = mergeIntoPrevious(readTextImport(text as { format: 'markdown'; content: string }).clauses, 1);
      const res = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', { title: 'Planned', participants: ['FR'], text, plan });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.clauses.map((c) => [c.number, c.title])).toEqual([
        [1, 'Scope'],
        [2, 'Final'],
      ]);
      expect((await call('secretariat', 'POST', '/api/drafts', { title: 'No text', participants: ['FR'], plan })).status).toBe(400);
    });

    it('refuses bad bodies with the field named, and creates nothing', async () => {
      const before = await draftCount();
      const cases: Array<[unknown, string]> = [
        [{ participants: ['FR'] }, 'title'],
        [{ title: '', participants: ['FR'] }, 'title'],
        [{ title: 'x' }, 'participants'],
        [{ title: 'x', participants: ['fr'] }, 'participants.0'],
        [{ title: 'x', participants: ['FR', 'FR'] }, 'participants'],
        [{ title: 'x', participants: ['FR'], observers: ['FR'] }, 'observers'],
        [{ title: 'x', participants: ['ZZ'] }, 'participants'],
        [{ title: 'x', participants: ['FR'], text: { format: 'html', content: '<p>' } }, 'text.format'],
        [{ title: 'x', participants: ['FR'], extra: 1 }, '(body)'],
        [{ title: 'bad\u0007title', participants: ['FR'] }, 'title'],
      ];
      for (const [body, path] of cases) {
        const res = await call<{ error: { issues?: Array<{ path: string }> } }>('secretariat', 'POST', '/api/drafts', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(
          res.body.error.issues?.map((i) => i.path),
          JSON.stringify(body),
        ).toContain(path);
      }
      expect(await draftCount()).toBe(before);
    });
  });

  describe('DOCX import', () => {
    it('previews the detected clauses, then creates the draft from an adjusted plan', async () => {
      const docx = await zeroDraft();
      const before = await draftCount();
      const preview = await upload<{ description: string; clauses: Array<{ title: string; text: string }>; dropped: unknown[] }>(
        'secretariat',
        '/api/drafts/import/preview',
        docx,
      );
      expect(preview.status).toBe(200);
      expect(preview.body.description).toBe('Mandate of the working group on reconstruction.');
      expect(preview.body.clauses.map((c) => c.title)).toEqual(['Purpose', 'Funding', 'Review']);
      expect(preview.body.clauses[0].text).toBe('The parties shall coordinate reconstruction.');
      expect(preview.body.dropped).toEqual([]);
      expect(await draftCount()).toBe(before);

      // Merge "Funding" into "Purpose" and retitle the last clause.
      const plan = [
        {
          ...preview.body.clauses[0],
          units: [...(preview.body.clauses[0] as unknown as { units: unknown[] }).units, ...(preview.body.clauses[1] as unknown as { units: unknown[] }).units],
        },
        { ...preview.body.clauses[2], title: 'Periodic review' },
      ];
      const created = await upload<DraftDetail>('secretariat', '/api/drafts/import', docx, {
        title: 'Reconstruction',
        participants: 'FR, DE',
        observers: 'NATO',
        plan: JSON.stringify(plan),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.title).toBe('Reconstruction');
      expect(created.body.description).toBe('Mandate of the working group on reconstruction.');
      expect(created.body.clauses.map((c) => [c.number, c.title])).toEqual([
        [1, 'Purpose'],
        [2, 'Periodic review'],
      ]);
      const reader = connectProvider({ wsUrl: server.wsUrl, draftId: created.body.id, cookie: cookies.de });
      providers.push(reader);
      await reader.waitSynced();
      expect(clauseText(reader.doc, created.body.clauses[0].id)).toBe('The parties shall coordinate reconstruction.\nArticle 2 — Funding\nFunding is pooled.');
      reader.destroy();
      expect((await auditOf(created.body.id, 'draft.created'))[0].details).toMatchObject({ source: 'docx', clauses: 2 });
    });

    it('refuses a plan that does not fit the file, a missing file and missing participants field values', async () => {
      const docx = await zeroDraft();
      const before = await draftCount();
      const wrongPlan = JSON.stringify([{ title: 'Only one', units: [{ n: 0 }] }]);
      expect((await upload('secretariat', '/api/drafts/import', docx, { title: 'X', participants: 'FR', plan: wrongPlan })).status).toBe(400);
      expect((await upload('secretariat', '/api/drafts/import', docx, { title: 'X', participants: 'FR', plan: '{not json' })).status).toBe(400);
      expect((await upload('secretariat', '/api/drafts/import', null, { title: 'X', participants: 'FR' })).status).toBe(400);
      expect((await upload('secretariat', '/api/drafts/import', docx, { title: 'X', participants: 'fr' })).status).toBe(400);
      expect((await upload('secretariat', '/api/drafts/import', docx, { title: 'X', participants: 'ZZ' })).status).toBe(400);
      const json = await call('secretariat', 'POST', '/api/drafts/import/preview', { file: 'x' });
      expect(json.status).toBe(400);
      expect(await draftCount()).toBe(before);
    });

    it('refuses every bad file with a clear message and creates nothing', async () => {
      const before = await draftCount();
      const docx = await zeroDraft();
      const zeros = Buffer.alloc(200 * 1024 * 1024);
      const emptyDocument = Buffer.from('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
      const cases: Array<[string, Buffer, number, RegExp]> = [
        ['plain text', Buffer.from('Article 1. This is not a Word file.'), 400, /not a Word document/],
        ['a renamed OpenDocument file', zipOf([{ name: 'content.xml', data: Buffer.from('<office:document-content/>') }]), 400, /not a Word document/],
        ['a truncated (corrupt) file', docx.subarray(0, Math.floor(docx.length / 2)), 400, /damaged/],
        ['a password-protected file', encryptedCfb(), 400, /password-protected/],
        [
          'a zip bomb',
          zipOf([
            { name: 'word/document.xml', data: emptyDocument },
            { name: 'word/media/zeros.bin', data: zeros },
          ]),
          413,
          /unpacks to more than/,
        ],
        ['a document without text', await docxOf([p(''), p('   ')]), 400, /no text/],
        ['an empty file', Buffer.alloc(0), 400, /empty/],
      ];
      for (const [name, file, status, message] of cases) {
        for (const path of ['/api/drafts/import/preview', '/api/drafts/import']) {
          const res = await upload<{ error: { message: string; issues?: Array<{ path: string }> } }>('secretariat', path, file, {
            title: 'Bad',
            participants: 'FR',
          });
          expect(res.status, `${name} on ${path}`).toBe(status);
          expect(res.body.error.message, name).toMatch(message);
          expect(res.body.error.issues?.[0]?.path, name).toBe('file');
        }
      }
      // Over 10 MB (under the 11 MiB body cap): refused before it is read.
      const big = Buffer.concat([docx, Buffer.alloc(10 * 1024 * 1024)]);
      const tooBig = await upload<{ error: { message: string } }>('secretariat', '/api/drafts/import/preview', big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.message).toMatch(/larger than 10 MB/);
      expect(await draftCount()).toBe(before);
    });
  });

  describe('PATCH /api/drafts/:id', () => {
    it('changes title, description and delegations; a removed participant leaves consensus, its positions stay in history', async () => {
      const created = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', {
        title: 'Membership',
        participants: ['FR', 'DE'],
        text: { format: 'text', content: '1. The parties cooperate.\n2. The parties report.' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const clauseId = created.body.clauses[0].id;
      expect((await call('fr', 'PUT', `/api/drafts/${id}/clauses/${clauseId}/positions/FR`, { position: 'oppose', note: 'Not acceptable.' })).status).toBe(200);
      const blocked = await call<{ consensus: Array<{ clauseId: string; state: string; blockedBy?: string[] }> }>(
        'secretariat',
        'GET',
        `/api/drafts/${id}/negotiation`,
      );
      expect(JSON.stringify(blocked.body)).toContain('blocked');

      const changed = await call<DraftDetail>('secretariat', 'PATCH', `/api/drafts/${id}`, {
        title: 'Membership (rev.)',
        description: 'New mandate.',
        participants: ['DE'],
        observers: ['FR'],
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ title: 'Membership (rev.)', description: 'New mandate.' });
      expect(changed.body.delegations.map((d) => `${d.code}:${d.participation}`).sort()).toEqual(['DE:participant', 'FR:observer']);
      const after = await call<unknown>('secretariat', 'GET', `/api/drafts/${id}/negotiation`);
      expect(JSON.stringify(after.body)).not.toContain('blocked');
      const history = await call<Array<{ delegation: string; toPosition?: string; position?: string }>>(
        'secretariat',
        'GET',
        `/api/drafts/${id}/clauses/${clauseId}/positions/history`,
      );
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).toContain('oppose');
      // FR is an observer now: it reads but may no longer state a position.
      expect((await call('fr', 'PUT', `/api/drafts/${id}/clauses/${clauseId}/positions/FR`, { position: 'support' })).status).toBe(403);
      const audit = await auditOf(id, 'draft.updated');
      expect(audit[0].details).toMatchObject({ removed: { participants: ['FR'] }, added: { observers: ['FR'] } });
    });

    it('refuses bad changes with 400 and unknown drafts with 404', async () => {
      const demo =
        (await call<DraftSummary[]>('secretariat', 'GET', '/api/drafts')).body.find((d) => d.title.includes('Ukraine')) ??
        (await call<DraftSummary[]>('secretariat', 'GET', '/api/drafts')).body[0];
      for (const body of [
        {},
        { title: '' },
        { state: 'archived' },
        { participants: ['ZZ'] },
        { participants: ['FR'], observers: ['FR'] },
        { reason: 'only a reason' },
      ]) {
        expect((await call('secretariat', 'PATCH', `/api/drafts/${demo.id}`, body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await call('secretariat', 'PATCH', '/api/drafts/00000000-0000-4000-8000-000000000000', { title: 'x' })).status).toBe(404);
      expect((await call('secretariat', 'PATCH', '/api/drafts/not-a-uuid', { title: 'x' })).status).toBe(404);
    });
  });

  describe('closing a draft', () => {
    it('is refused while a silence runs, then closes: every write is refused on HTTP and /yjs, reads still work', async () => {
      const created = await call<DraftDetail>('secretariat', 'POST', '/api/drafts', {
        title: 'To be adopted',
        participants: ['FR', 'DE'],
        text: { format: 'text', content: '1. The parties agree.\n2. The parties adopt.' },
      });
      const id = created.body.id;
      const [first, second] = created.body.clauses;
      const deadline = new Date(Date.now() + 3_600_000).toISOString();
      const silence = await call<{ id: string }>('secretariat', 'POST', `/api/drafts/${id}/silence`, { clauseIds: [first.id], deadline });
      expect(silence.status, JSON.stringify(silence.body)).toBe(201);
      const refused = await call<{ error: { message: string } }>('secretariat', 'PATCH', `/api/drafts/${id}`, { state: 'closed' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/silence/);
      expect((await call('secretariat', 'POST', `/api/drafts/${id}/silence/${silence.body.id}/cancel`, { reason: 'Adopting instead.' })).status).toBe(200);

      // A writer with the room open, and a socket that hears draft:updated.
      const writer = connectProvider({ wsUrl: server.wsUrl, draftId: id, cookie: cookies.fr });
      providers.push(writer);
      await writer.waitSynced();
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: { cookie: cookies.de! },
        reconnection: false,
      });
      sockets.push(socket);
      expect((await socket.emitWithAck('draft:join', { draftId: id })).ok).toBe(true);
      const updated = new Promise<DraftUpdatedPayload>((resolve) => socket.once('draft:updated', resolve));

      const closed = await call<DraftDetail>('secretariat', 'PATCH', `/api/drafts/${id}`, { state: 'closed', reason: 'Adopted on 5 December.' });
      expect(closed.status).toBe(200);
      expect(closed.body.state).toBe('closed');
      expect(await updated).toMatchObject({ draftId: id, state: 'closed', title: 'To be adopted' });

      // HTTP: every write route answers 409, whatever its body, for everyone who can see the draft.
      const writes: Array<[Who, string, string]> = [
        ['fr', 'PUT', `/api/drafts/${id}/clauses/${first.id}/positions/FR`],
        ['secretariat', 'POST', `/api/drafts/${id}/clauses/${first.id}/status`],
        ['secretariat', 'POST', `/api/drafts/${id}/silence`],
        ['fr', 'POST', `/api/drafts/${id}/silence/${silence.body.id}/break`],
        ['fr', 'POST', `/api/drafts/${id}/comments`],
        ['fr', 'POST', `/api/drafts/${id}/clauses/${first.id}/brackets`],
        ['fr', 'POST', `/api/drafts/${id}/clauses/${first.id}/alternatives`],
        ['secretariat', 'POST', `/api/drafts/${id}/revisions`],
        ['secretariat', 'POST', `/api/drafts/${id}/history/restore`],
      ];
      for (const [who, method, path] of writes) {
        const res = await call<{ error: { code: string; message: string } }>(who, method, path, {});
        expect(res.status, `${method} ${path}`).toBe(409);
        expect(res.body.error.message).toMatch(/closed/);
      }
      // Someone who cannot see the draft learns nothing: 404, as for any unknown draft.
      expect((await call('nato', 'POST', `/api/drafts/${id}/revisions`, {})).status).toBe(404);
      expect((await call('anon', 'POST', `/api/drafts/${id}/revisions`, {})).status).toBe(401);
      // Reads and exports still work; it stays in the list with its state.
      expect((await call<DraftDetail>('fr', 'GET', `/api/drafts/${id}`)).body.state).toBe('closed');
      expect((await fetch(`${server.url}/api/drafts/${id}/export?format=docx`, { headers: { cookie: cookies.fr! } })).status).toBe(200);
      expect((await call<DraftSummary[]>('fr', 'GET', '/api/drafts')).body.find((d) => d.id === id)?.state).toBe('closed');
      // Nothing else about a closed draft changes until it is reopened.
      expect((await call('secretariat', 'PATCH', `/api/drafts/${id}`, { title: 'Renamed' })).status).toBe(409);

      // /yjs: an edit is refused (4403) and not stored; a fresh reader sees the old text.
      const refusedEdit = writer.waitClosed(5000);
      typeInClause(writer.doc, second.id, ' Typed after closing.');
      expect((await refusedEdit).code).toBe(4403);
      writer.destroy();
      const reader = connectProvider({ wsUrl: server.wsUrl, draftId: id, cookie: cookies.de });
      providers.push(reader);
      await reader.waitSynced();
      expect(clauseText(reader.doc, second.id)).toBe('The parties adopt.');
      const secretariatEdit = connectProvider({ wsUrl: server.wsUrl, draftId: id, cookie: cookies.secretariat });
      providers.push(secretariatEdit);
      await secretariatEdit.waitSynced();
      const secretariatRefused = secretariatEdit.waitClosed(5000);
      typeInClause(secretariatEdit.doc, first.id, ' Chair edit.');
      expect((await secretariatRefused).code).toBe(4403);
      secretariatEdit.destroy();

      // Reopening needs a reason; then writes work again.
      const noReason = await call<{ error: { issues?: Array<{ path: string }> } }>('secretariat', 'PATCH', `/api/drafts/${id}`, { state: 'open' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.issues?.[0]?.path).toBe('reason');
      const reopened = new Promise<DraftUpdatedPayload>((resolve) => socket.once('draft:updated', resolve));
      expect((await call('secretariat', 'PATCH', `/api/drafts/${id}`, { state: 'open', reason: 'A correction to clause 2.' })).status).toBe(200);
      expect((await reopened).state).toBe('open');
      expect((await call('fr', 'PUT', `/api/drafts/${id}/clauses/${first.id}/positions/FR`, { position: 'support' })).status).toBe(200);
      typeInClause(reader.doc, second.id, ' Corrected.');
      await expect
        .poll(
          async () => {
            const check = connectProvider({ wsUrl: server.wsUrl, draftId: id, cookie: cookies.secretariat });
            providers.push(check);
            await check.waitSynced();
            const text = clauseText(check.doc, second.id);
            check.destroy();
            return text;
          },
          { timeout: 10_000 },
        )
        .toBe('The parties adopt. Corrected.');

      expect((await auditOf(id, 'draft.closed'))[0].details).toEqual({ reason: 'Adopted on 5 December.' });
      expect((await auditOf(id, 'draft.reopened'))[0].details).toEqual({ reason: 'A correction to clause 2.' });
    });
  });
});

/**
 * Every free-text field of the HTTP API refuses NUL and other control characters with a
 * 400 that names the field, and stores nothing: table-driven over every route and field,
 * against the real server with plain fetch. The newest audit entry stands for "nothing
 * stored": every state change writes one in its own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlternativeDto, AuditPage, DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import type { CommentThreadDto } from '@/lib/api/comment-types';
import { anchorInText, type EncodedAnchor } from '@/lib/comments/comment-anchor';
import { clauseField } from '@/lib/collab/clause-field';
import * as Y from 'yjs';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft } from './helpers';

type Who = 'fr' | 'de' | 'secretariat';
type ErrorBody = { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

let server: RunningServer;
let draft: DraftDetail;
let fr: ConnectedProvider;
const cookies = {} as Record<Who, string>;
const ids = { thread: '', silence: '', alternative: '', user: '' };

const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
const api = (path: string) => `/api/drafts/${draft.id}${path}`;

async function call<T = unknown>(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** An anchor on the first words of clause n, as an editor would make it. */
function anchorOn(n: number): { anchor: EncodedAnchor; quote: string } {
  const fragment = fr.doc.getXmlFragment(clauseField(clause(n).id));
  const paragraph = fragment.toArray().find((node) => node instanceof Y.XmlElement && node.length > 0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  return { anchor: anchorInText(text, 0, 8), quote: text.toString().slice(0, 8) };
}

async function newestAuditId(): Promise<number> {
  const page = await call<AuditPage>('secretariat', 'GET', '/api/audit?limit=1');
  expect(page.status).toBe(200);
  return page.body.entries[0]?.id ?? 0;
}

interface Case {
  name: string;
  who: Who;
  method: 'POST' | 'PUT' | 'PATCH';
  path: () => string;
  /** The dotted path of the field in the body, as the 400's issues name it. */
  field: string;
  /** A valid body with `value` in the field under test. */
  body: (value: string) => Record<string, unknown>;
  /** Single-line fields refuse a line break too. */
  singleLine?: boolean;
}

const farFuture = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

const CASES: Case[] = [
  {
    name: 'position note',
    who: 'fr',
    method: 'PUT',
    path: () => api(`/clauses/${clause(1).id}/positions/FR`),
    field: 'note',
    body: (v) => ({ position: 'support', note: v }),
  },
  {
    name: 'status override reason',
    who: 'secretariat',
    method: 'POST',
    path: () => api(`/clauses/${clause(9).id}/status`),
    field: 'override',
    body: (v) => ({ status: 'agreed', override: v }),
  },
  {
    name: 'comment body',
    who: 'fr',
    method: 'POST',
    path: () => api('/comments'),
    field: 'body',
    body: (v) => ({ clauseId: clause(2).id, ...anchorOn(2), body: v }),
  },
  {
    name: 'comment quote',
    who: 'fr',
    method: 'POST',
    path: () => api('/comments'),
    field: 'quote',
    body: (v) => ({ clauseId: clause(2).id, ...anchorOn(2), quote: v, body: 'fine' }),
  },
  { name: 'reply body', who: 'fr', method: 'POST', path: () => api(`/comments/${ids.thread}/replies`), field: 'body', body: (v) => ({ body: v }) },
  { name: 'revision note', who: 'secretariat', method: 'POST', path: () => api('/revisions'), field: 'note', body: (v) => ({ note: v }) },
  {
    name: 'silence note',
    who: 'secretariat',
    method: 'POST',
    path: () => api('/silence'),
    field: 'note',
    body: (v) => ({ clauseIds: [clause(4).id], deadline: farFuture(), note: v }),
  },
  {
    name: 'silence cancel reason',
    who: 'secretariat',
    method: 'POST',
    path: () => api(`/silence/${ids.silence}/cancel`),
    field: 'reason',
    body: (v) => ({ reason: `cancelled ${v}` }),
  },
  {
    name: 'silence break reason',
    who: 'de',
    method: 'POST',
    path: () => api(`/silence/${ids.silence}/break`),
    field: 'reason',
    body: (v) => ({ reason: `broken ${v}` }),
  },
  {
    name: 'bracket quote',
    who: 'fr',
    method: 'POST',
    path: () => api(`/clauses/${clause(5).id}/brackets`),
    field: 'quote',
    body: (v) => ({ span: { range: { from: 0, to: 4 } }, quote: v }),
  },
  {
    name: 'alternative body',
    who: 'fr',
    method: 'POST',
    path: () => api(`/clauses/${clause(5).id}/alternatives`),
    field: 'body',
    body: (v) => ({ body: `other ${v}` }),
  },
  {
    name: 'alternative note',
    who: 'fr',
    method: 'POST',
    path: () => api(`/clauses/${clause(5).id}/alternatives`),
    field: 'note',
    body: (v) => ({ body: 'other words', note: v }),
  },
  {
    name: 'alternative quote',
    who: 'fr',
    method: 'POST',
    path: () => api(`/clauses/${clause(5).id}/alternatives`),
    field: 'quote',
    body: (v) => ({ body: 'other words', span: { range: { from: 0, to: 4 } }, quote: v }),
  },
  {
    name: "secretariat's clause comment",
    who: 'secretariat',
    method: 'PUT',
    path: () => api(`/clauses/${clause(3).id}/comment`),
    field: 'comment',
    body: (v) => ({ comment: v }),
  },
  {
    name: 'adoption note',
    who: 'secretariat',
    method: 'POST',
    path: () => api(`/alternatives/${ids.alternative}/adopt`),
    field: 'note',
    body: (v) => ({ note: v }),
  },
  {
    name: 'new user name',
    who: 'secretariat',
    method: 'POST',
    path: () => '/api/users',
    field: 'name',
    singleLine: true,
    body: (v) => ({ email: 'new.person@accord.test', name: `New ${v}`, role: 'observer' }),
  },
  {
    name: 'new user password',
    who: 'secretariat',
    method: 'POST',
    path: () => '/api/users',
    field: 'password',
    singleLine: true,
    body: (v) => ({ email: 'new.person@accord.test', name: 'New Person', role: 'observer', password: `long-enough-${v}` }),
  },
  {
    name: 'user name change',
    who: 'secretariat',
    method: 'PATCH',
    path: () => `/api/users/${ids.user}`,
    field: 'name',
    singleLine: true,
    body: (v) => ({ name: `Renamed ${v}` }),
  },
];

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'secretariat'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
  fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
  await fr.waitSynced();

  const thread = await call<CommentThreadDto>('fr', 'POST', api('/comments'), { clauseId: clause(3).id, ...anchorOn(3), body: 'A thread to reply to' });
  expect(thread.status).toBe(201);
  ids.thread = thread.body.id;
  const silence = await call<SilenceProcedureDto>('secretariat', 'POST', api('/silence'), {
    clauseIds: [clause(6).id],
    deadline: farFuture(),
    override: 'Started over open brackets for this test',
  });
  expect(silence.status).toBe(201);
  ids.silence = silence.body.id;
  const alternative = await call<AlternativeDto>('de', 'POST', api(`/clauses/${clause(7).id}/alternatives`), { body: 'An alternative to adopt' });
  expect(alternative.status).toBe(201);
  ids.alternative = alternative.body.id;
  const user = await call<{ user: { id: string } }>('secretariat', 'POST', '/api/users', {
    email: 'to.rename@accord.test',
    name: 'To Rename',
    role: 'observer',
  });
  expect(user.status).toBe(201);
  ids.user = user.body.user.id;
});

afterAll(async () => {
  fr?.destroy();
  await server?.stop();
});

/** Sends `value` in the case's field and expects a 400 naming only that field, with nothing stored. */
async function expectRefused(c: Case, value: string): Promise<void> {
  const before = await newestAuditId();
  const res = await call<ErrorBody>(c.who, c.method, c.path(), c.body(value));
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  expect(res.body.error.issues?.map((i) => i.path)).toEqual([c.field]);
  expect(res.body.error.message).toContain(`${c.field}:`);
  expect(res.body.error.issues?.[0].message).toMatch(/(control|broken) character/);
  expect(await newestAuditId()).toBe(before);
}

describe('free-text fields refuse control characters', () => {
  it.each(CASES)('$name: NUL is a 400 naming the field, and nothing is stored', async (c) => {
    await expectRefused(c, 'before\u0000after');
  });

  it.each(CASES)('$name: other control characters (BEL, ESC, DEL, a lone surrogate) are refused too', async (c) => {
    for (const value of ['ring\u0007', 'escape\u001b[31m', 'delete\u007f', 'half \ud800 pair']) await expectRefused(c, value);
  });

  it.each(CASES.filter((c) => c.singleLine))('$name: a single-line field refuses a line break', async (c) => {
    await expectRefused(c, 'two\nlines');
  });

  it('multi-line fields keep tabs and line breaks, with CRLF stored as LF', async () => {
    const res = await call<CommentThreadDto>('fr', 'POST', api('/comments'), { clauseId: clause(8).id, ...anchorOn(8), body: 'first\tline\r\nsecond line' });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('first\tline\nsecond line');
  });
});

describe('free-text query parameters refuse control characters', () => {
  it.each([
    { name: 'notifications before', who: 'fr' as const, path: () => '/api/notifications?before=', field: 'before' },
    { name: 'timeline cursor', who: 'fr' as const, path: () => api('/history/timeline?cursor='), field: 'cursor' },
  ])('$name: NUL is a 400 naming the parameter', async (c) => {
    const res = await call<ErrorBody>(c.who, 'GET', `${c.path()}${encodeURIComponent('x\u0000y')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.path)).toEqual([c.field]);
  });
});

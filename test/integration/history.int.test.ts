/**
 * Edit history against the real server: three delegations edit a known sequence, then
 * the timeline, the comparison with Rev.1 and the authorship are checked exactly;
 * restoring sends the old text to every connected client; every forbidden action is
 * tried with a raw client.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDetail, Me } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import type {
  AuthorshipDto,
  CompareDto,
  RestoreResultDto,
  RevisionDto,
  RevisionTextDto,
  SessionEntry,
  TextAtPointDto,
  TimelineEntry,
  TimelinePage,
} from '@/lib/history/types';
import type { ClientToServerEvents, HistoryChangedPayload, RevisionCreatedPayload, ServerToClientEvents } from '@/lib/realtime/events';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'observer' | 'secretariat' | 'outsider';

let server: RunningServer;
let draft: DraftDetail;
const cookies = {} as Record<Who, string>;
const names = {} as Record<Who, string>;
const providers: Partial<Record<Who, ConnectedProvider>> = {};
const sockets: Socket[] = [];
let original: string[] = [];

async function call<T = unknown>(who: Who | null, method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const base = () => `/api/drafts/${draft.id}`;
const clauseId = (i: number) => draft.clauses[i].id;

function xmlTextOf(doc: Y.Doc, i: number): Y.XmlText {
  const paragraph = doc.getXmlFragment(clauseField(clauseId(i))).get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** Wait until the server's log holds an edit: the observer's copy has it once it was stored and relayed. */
async function seenByObserver(i: number, predicate: (text: string) => boolean) {
  await expect.poll(() => predicate(clauseText(providers.observer!.doc, clauseId(i))), { timeout: 10_000 }).toBe(true);
}

beforeAll(async () => {
  server = await startServer();
  for (const who of ['fr', 'de', 'pl', 'observer', 'secretariat'] as const) {
    cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    names[who] = (await call<Me>(who, 'GET', '/api/me')).body.name;
  }
  // Someone with an account who is not part of this consultation.
  const created = await call<{ password: string }>('secretariat', 'POST', '/api/users', {
    email: 'outsider@accord.test',
    name: 'Out Sider',
    role: 'observer',
    password: 'outsider-password-1',
  });
  expect(created.status).toBe(201);
  cookies.outsider = await signIn(server.url, 'outsider@accord.test', 'outsider-password-1');
  draft = await demoDraft(server.url, cookies.fr);
  for (const who of ['fr', 'de', 'pl', 'observer'] as const) {
    providers[who] = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies[who] });
    await providers[who]!.waitSynced();
  }
  original = draft.clauses.map((c) => clauseText(providers.observer!.doc, c.id));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const p of Object.values(providers)) p?.destroy();
  await server?.stop();
});

describe('history', () => {
  let firstWord = '';
  let frLogId = 0;

  it('lets the secretariat cut Rev.1, announced live to the draft room', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies.observer },
      reconnection: false,
    });
    sockets.push(socket);
    expect((await socket.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    const announced = new Promise<RevisionCreatedPayload>((resolve) => socket.once('revision:created', resolve));

    const cut = await call<RevisionDto>('secretariat', 'POST', `${base()}/revisions`, { note: 'Circulated to capitals' });
    expect(cut.status).toBe(201);
    expect(cut.body).toMatchObject({ number: 1, label: 'Rev.1', note: 'Circulated to capitals', createdBy: names.secretariat });
    expect((await announced).revision).toEqual(cut.body);

    const list = await call<RevisionDto[]>('observer', 'GET', `${base()}/revisions`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([cut.body]);
    const text = await call<RevisionTextDto>('observer', 'GET', `${base()}/revisions/1`);
    expect(text.status).toBe(200);
    expect(text.body.clauses.map((c) => c.text)).toEqual(original);
    expect(text.body.clauses[0]).toMatchObject({ clauseId: clauseId(0), number: draft.clauses[0].number, title: draft.clauses[0].title });
  });

  it('records three delegations’ edits as the timeline, newest first, with sizes and clauses', async () => {
    typeInClause(providers.fr!.doc, clauseId(0), ' FR-ADD');
    await seenByObserver(0, (t) => t.endsWith(' FR-ADD'));
    xmlTextOf(providers.de!.doc, 0).insert(0, 'DE-START ');
    await seenByObserver(0, (t) => t.startsWith('DE-START '));
    firstWord = original[1].split(' ')[0];
    xmlTextOf(providers.pl!.doc, 1).delete(0, firstWord.length + 1);
    await seenByObserver(1, (t) => t === original[1].slice(firstWord.length + 1));

    const page = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?limit=100`);
    expect(page.status).toBe(200);
    const [pl, de, fr, rev] = page.body.entries as [SessionEntry, SessionEntry, SessionEntry, TimelineEntry];
    expect(pl).toMatchObject({
      kind: 'session',
      delegation: 'PL',
      userName: names.pl,
      clauseIds: [clauseId(1)],
      clauseNumbers: [draft.clauses[1].number],
      inserted: 0,
      deleted: firstWord.length + 1,
      edits: 1,
    });
    expect(de).toMatchObject({ kind: 'session', delegation: 'DE', userName: names.de, clauseIds: [clauseId(0)], inserted: 9, deleted: 0, edits: 1 });
    expect(fr).toMatchObject({ kind: 'session', delegation: 'FR', userName: names.fr, clauseIds: [clauseId(0)], inserted: 7, deleted: 0, edits: 1 });
    expect(rev).toMatchObject({ kind: 'revision', revision: { number: 1, label: 'Rev.1' } });
    expect(fr.lastLogId).toBeLessThan(de.firstLogId);
    frLogId = fr.lastLogId;
    expect(de.lastLogId).toBeLessThan(pl.firstLogId);
    // The demo's initial text, written by the secretariat when the draft was created, is the oldest session.
    const sessions = page.body.entries.filter((e): e is SessionEntry => e.kind === 'session');
    expect(sessions[sessions.length - 1]).toMatchObject({ delegation: null, userName: names.secretariat, clauseIds: draft.clauses.map((c) => c.id) });
  });

  it('filters the timeline by delegation, clause and time, and pages with a cursor', async () => {
    const byFr = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?delegation=FR&limit=100`);
    expect(byFr.body.entries.filter((e) => e.kind === 'session').map((e) => (e as SessionEntry).delegation)).toEqual(['FR']);
    expect(byFr.body.entries.every((e) => e.kind === 'session' || (e.kind === 'position' && e.delegation === 'FR'))).toBe(true);

    const byClause = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?clause=${clauseId(1)}&limit=100`);
    const clauseSessions = byClause.body.entries.filter((e): e is SessionEntry => e.kind === 'session');
    expect(clauseSessions.map((s) => s.delegation)).toEqual(['PL', null]);

    const all = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?limit=100`);
    const revAt = all.body.entries.find((e) => e.kind === 'revision')!.at;
    // The demo's positions are on the timeline too: more than one page of 100.
    expect(all.body.nextCursor).not.toBeNull();
    const everything = [...all.body.entries];
    for (let next = all.body.nextCursor; next;) {
      const res: { status: number; body: TimelinePage } = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?limit=100&cursor=${next}`);
      everything.push(...res.body.entries);
      next = res.body.nextCursor;
    }
    const since = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?from=${encodeURIComponent(revAt)}&limit=100`);
    expect(since.body.entries.filter((e) => e.kind === 'session').map((e) => (e as SessionEntry).delegation)).toEqual(['PL', 'DE', 'FR']);

    const paged: TimelineEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `${base()}/history/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { status: number; body: TimelinePage } = await call<TimelinePage>('observer', 'GET', query);
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      paged.push(...res.body.entries);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 500);
    expect(paged).toEqual(everything);
    expect(new Set(paged.map((e) => `${e.kind}:${e.id}`)).size).toBe(paged.length);
  });

  it('compares Rev.1 with now: insertions and deletions attributed, unchanged clauses flagged', async () => {
    const res = await call<CompareDto>('observer', 'GET', `${base()}/history/compare?from=rev:1&to=now`);
    expect(res.status).toBe(200);
    const { from, to, clauses, summary } = res.body;
    expect(from).toMatchObject({ spec: 'rev:1', label: 'Rev.1', revision: 1 });
    expect(to).toMatchObject({ spec: 'now', label: 'Now' });
    expect(clauses).toHaveLength(draft.clauses.length);
    expect(clauses[0]).toEqual({
      clauseId: clauseId(0),
      number: draft.clauses[0].number,
      title: draft.clauses[0].title,
      changed: true,
      segments: [
        { kind: 'insert', text: 'DE-START ', delegation: 'DE', userName: names.de },
        { kind: 'equal', text: original[0], delegation: null, userName: null },
        { kind: 'insert', text: ' FR-ADD', delegation: 'FR', userName: names.fr },
      ],
    });
    expect(clauses[1].segments).toEqual([
      { kind: 'delete', text: `${firstWord} `, delegation: 'PL', userName: names.pl },
      { kind: 'equal', text: original[1].slice(firstWord.length + 1), delegation: null, userName: null },
    ]);
    expect(clauses.slice(2).every((c) => !c.changed && c.segments.every((s) => s.kind === 'equal'))).toBe(true);
    expect(summary.changedClauses.map((c) => [c.number, c.inserted, c.deleted])).toEqual([
      [draft.clauses[0].number, 16, 0],
      [draft.clauses[1].number, 0, firstWord.length + 1],
    ]);

    // The reverse direction reads as the opposite change.
    const back = await call<CompareDto>('observer', 'GET', `${base()}/history/compare?from=now&to=rev:1`);
    expect(back.body.clauses[1].segments[0]).toMatchObject({ kind: 'insert', text: `${firstWord} ` });
  });

  it('shows who wrote each surviving passage, now and at Rev.1', async () => {
    const now = await call<AuthorshipDto>('observer', 'GET', `${base()}/history/authorship`);
    expect(now.status).toBe(200);
    expect(now.body.clauses[0].runs.map((r) => [r.text, r.delegation, r.userName])).toEqual([
      ['DE-START ', 'DE', names.de],
      [original[0], null, names.secretariat],
      [' FR-ADD', 'FR', names.fr],
    ]);
    expect(now.body.clauses[0].runs[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(now.body.authors.find((a) => a.delegation === 'DE')).toEqual({ delegation: 'DE', userName: names.de, chars: 9 });

    const then = await call<AuthorshipDto>('observer', 'GET', `${base()}/history/authorship?at=rev:1`);
    expect(then.body.point.label).toBe('Rev.1');
    expect(then.body.clauses[0].runs).toEqual([
      { text: original[0], delegation: null, userName: names.secretariat, userId: expect.any(String), at: expect.any(String) },
    ]);

    const text = await call<TextAtPointDto>('observer', 'GET', `${base()}/history/text?at=rev:1`);
    expect(text.body.clauses.map((c) => c.text)).toEqual(original);
    const beforeDe = await call<TextAtPointDto>('observer', 'GET', `${base()}/history/text?at=log:${frLogId}`);
    expect(beforeDe.body.clauses[0].text).toBe(`${original[0]} FR-ADD`);
  });

  it('restores one clause, then the whole draft, as forward edits every client receives', async () => {
    const one = await call<RestoreResultDto>('secretariat', 'POST', `${base()}/history/restore`, { to: 'rev:1', clauseId: clauseId(1) });
    expect(one.status).toBe(200);
    expect(one.body.restoredClauses).toEqual([{ clauseId: clauseId(1), number: draft.clauses[1].number }]);
    for (const who of ['fr', 'de', 'pl', 'observer'] as const) {
      await expect.poll(() => clauseText(providers[who]!.doc, clauseId(1))).toBe(original[1]);
    }
    expect(clauseText(providers.fr!.doc, clauseId(0))).toBe(`DE-START ${original[0]} FR-ADD`);

    const all = await call<RestoreResultDto>('secretariat', 'POST', `${base()}/history/restore`, { to: 'rev:1' });
    expect(all.status).toBe(200);
    expect(all.body.restoredClauses.map((c) => c.clauseId)).toEqual([clauseId(0)]);
    expect(all.body.unchangedClauses.map((c) => c.clauseId)).toContain(clauseId(1));
    for (const who of ['fr', 'de', 'pl', 'observer'] as const) {
      await expect.poll(() => clauseText(providers[who]!.doc, clauseId(0))).toBe(original[0]);
    }

    // Nothing was rewritten: Rev.1 and the edits are still there, and the restore is attributed.
    const compare = await call<CompareDto>('observer', 'GET', `${base()}/history/compare?from=rev:1&to=now`);
    expect(compare.body.summary.changedClauses).toEqual([]);
    const authorship = await call<AuthorshipDto>('observer', 'GET', `${base()}/history/authorship`);
    expect(authorship.body.clauses[0].runs.map((r) => [r.text, r.delegation])).toEqual([[original[0], null]]);
    expect(authorship.body.clauses[1].runs.map((r) => [r.text, r.userName])).toEqual([
      [`${firstWord} `, names.secretariat],
      [original[1].slice(firstWord.length + 1), names.secretariat],
    ]);
    // Same person, two moments: the initial text and the restored word.
    expect(authorship.body.clauses[1].runs[0].at).not.toBe(authorship.body.clauses[1].runs[1].at);
    await expect
      .poll(async () => {
        const timeline = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?limit=100`);
        return timeline.body.entries.filter((e) => e.kind === 'status' && e.action === 'history.restored').length;
      })
      .toBe(2);
  });

  it('refuses cutting and restoring to everybody but the secretariat, and hides history from outsiders', async () => {
    expect((await call('fr', 'POST', `${base()}/revisions`, {})).status).toBe(403);
    expect((await call('observer', 'POST', `${base()}/revisions`, {})).status).toBe(403);
    expect((await call('fr', 'POST', `${base()}/history/restore`, { to: 'rev:1' })).status).toBe(403);
    expect((await call('observer', 'POST', `${base()}/history/restore`, { to: 'rev:1', clauseId: clauseId(0) })).status).toBe(403);
    for (const path of ['/revisions', '/revisions/1', '/history/timeline', '/history/compare?from=rev:1', '/history/authorship', '/history/text']) {
      expect((await call('observer', 'GET', `${base()}${path}`)).status, path).toBe(200);
      expect((await call('outsider', 'GET', `${base()}${path}`)).status, path).toBe(404);
      expect((await call(null, 'GET', `${base()}${path}`)).status, path).toBe(401);
    }
    expect((await call('outsider', 'POST', `${base()}/revisions`, {})).status).toBe(404);
    expect((await call<RevisionDto[]>('secretariat', 'GET', `${base()}/revisions`)).body).toHaveLength(1);
  });

  it('answers bad points and bad input with clear errors', async () => {
    const unknownRev = await call<{ error: { code: string; message: string } }>('observer', 'GET', `${base()}/history/compare?from=rev:99`);
    expect(unknownRev.status).toBe(404);
    expect(unknownRev.body.error.message).toMatch(/no Rev\.99/);
    expect((await call('observer', 'GET', `${base()}/revisions/99`)).status).toBe(404);
    expect((await call('observer', 'GET', `${base()}/revisions/abc`)).status).toBe(404);
    const future = await call<{ error: { message: string } }>(
      'observer',
      'GET',
      `${base()}/history/authorship?at=${new Date(Date.now() + 3_600_000).toISOString()}`,
    );
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/in the future/);
    const farLog = await call<{ error: { message: string } }>('observer', 'GET', `${base()}/history/text?at=log:999999999`);
    expect(farLog.status).toBe(400);
    expect(farLog.body.error.message).toMatch(/after the newest change/);
    expect((await call('observer', 'GET', `${base()}/history/compare`)).status).toBe(400);
    expect((await call('observer', 'GET', `${base()}/history/compare?from=yesterday`)).status).toBe(400);
    expect((await call('observer', 'GET', `${base()}/history/timeline?cursor=nonsense`)).status).toBe(400);
    expect((await call('observer', 'GET', `${base()}/history/timeline?limit=0`)).status).toBe(400);
    expect((await call('observer', 'GET', `${base()}/history/timeline?clause=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`)).status).toBe(404);
    expect((await call('secretariat', 'POST', `${base()}/revisions`, undefined, '{not json')).status).toBe(400);
    expect((await call('secretariat', 'POST', `${base()}/revisions`, { note: 'x'.repeat(3000) })).status).toBe(400);
    expect((await call('secretariat', 'POST', `${base()}/history/restore`, { to: 'rev:1', clauseId: 'nope' })).status).toBe(400);
    expect((await call('secretariat', 'POST', `${base()}/history/restore`, { to: 'rev:42' })).status).toBe(404);
    // A time before the draft existed is an empty text, not an error.
    const early = await call<TextAtPointDto>('observer', 'GET', `${base()}/history/text?at=2000-01-01T00:00:00Z`);
    expect(early.status).toBe(200);
    expect(early.body.clauses.every((c) => c.text === '')).toBe(true);
  });

  it('announces new edits to the draft room once they are indexed, without anybody reading the history', async () => {
    const socket = sockets[0];
    const heard: HistoryChangedPayload[] = [];
    socket.on('history:changed', (payload) => heard.push(payload));
    typeInClause(providers.fr!.doc, clauseId(2), ' LIVE');
    await seenByObserver(2, (t) => t.endsWith(' LIVE'));

    // The indexer runs a moment after the edit and announces the newest indexed log id.
    await expect.poll(() => heard.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const last = heard[heard.length - 1];
    expect(last.draftId).toBe(draft.id);
    const page = await call<TimelinePage>('observer', 'GET', `${base()}/history/timeline?limit=1`);
    // FR's session may have begun with its earlier edit (sessions end after a two-minute pause).
    expect(page.body.entries[0]).toMatchObject({ kind: 'session', delegation: 'FR', lastLogId: last.upToId });
    expect((page.body.entries[0] as SessionEntry).clauseIds).toContain(clauseId(2));
    // Reading the history indexes nothing new, so it announces nothing more.
    const count = heard.length;
    await call('observer', 'GET', `${base()}/history/compare?from=rev:1&to=now`);
    expect(heard.length).toBe(count);
    socket.off('history:changed');
  });
});

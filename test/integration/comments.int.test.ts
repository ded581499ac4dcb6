/**
 * Comments and notifications against the real server, with raw clients: internal notes
 * never reach another delegation, an observer or the secretariat (HTTP, counts, socket.io
 * payloads, notifications, audit log), every permission rule refused with the right
 * status, bad input answered clearly, and anchors checked against the server's text.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentCountDto, CommentReplyDto, CommentThreadDto, NotificationPage } from '@/lib/api/comment-types';
import type { AuditPage, DraftDetail } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorInText, type EncodedAnchor } from '@/lib/comments/comment-anchor';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { demoDraft } from './helpers';

type Who = 'fr' | 'de' | 'pl' | 'us' | 'observer' | 'secretariat';
const EVERYONE: Who[] = ['fr', 'de', 'pl', 'us', 'observer', 'secretariat'];

let server: RunningServer;
let draft: DraftDetail;
let fr: ConnectedProvider;
const cookies = {} as Record<Who, string>;
const sockets: Socket[] = [];
/** Every socket.io payload each person's socket received, serialised, in order. */
const received = {} as Record<Who, string[]>;

const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
const commentsPath = () => `/api/drafts/${draft.id}/comments`;

async function call<T = unknown>(who: Who | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

async function liveSocket(who: Who): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: cookies[who] },
    reconnection: false,
  });
  sockets.push(socket);
  socket.onAny((event: string, ...args: unknown[]) => received[who].push(`${event} ${JSON.stringify(args)}`));
  const ack = await socket.emitWithAck('draft:join', { draftId: draft.id });
  expect(ack.ok).toBe(true);
  const subscribed = await socket.emitWithAck('notifications:subscribe', {});
  expect(subscribed).toEqual({ ok: true, data: { delegation: who === 'secretariat' || who === 'observer' ? null : who.toUpperCase() } });
  return socket;
}

/** The XmlText of the first paragraph of a clause in the provider's copy. */
function firstText(doc: Y.Doc, n: number): Y.XmlText {
  const fragment = doc.getXmlFragment(clauseField(clause(n).id));
  const paragraph = fragment.toArray().find((node) => node instanceof Y.XmlElement && node.length > 0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** An anchor on `length` characters from `index` in the first paragraph of clause n. */
function anchorOn(n: number, index = 4, length = 12): { anchor: EncodedAnchor; quote: string } {
  const text = firstText(fr.doc, n);
  return { anchor: anchorInText(text, index, length), quote: text.toString().slice(index, index + length) };
}

async function createThread(who: Who, n: number, body: string, visibility: 'everyone' | 'delegation' = 'everyone') {
  return call<CommentThreadDto>(who, 'POST', commentsPath(), { clauseId: clause(n).id, ...anchorOn(n), body, visibility });
}

beforeAll(async () => {
  server = await startServer();
  for (const who of EVERYONE) {
    cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    received[who] = [];
  }
  draft = await demoDraft(server.url, cookies.fr);
  fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
  await fr.waitSynced();
  for (const who of EVERYONE) await liveSocket(who);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  fr?.destroy();
  await server?.stop();
});

describe('public threads', () => {
  it('anchors a thread on a span, takes the quote from the server text, and pushes it live to everyone', async () => {
    const { anchor, quote } = anchorOn(2, 0, 20);
    const created = await call<CommentThreadDto>('fr', 'POST', commentsPath(), {
      clauseId: clause(2).id,
      anchor,
      quote: 'whatever the client claims',
      body: 'We propose to tighten this. See https://example.org/ref and @DE.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clauseId: clause(2).id,
      quote,
      visibility: 'everyone',
      state: 'open',
      mentions: ['DE'],
      author: { delegation: 'FR' },
    });
    for (const who of EVERYONE) {
      await expect.poll(() => received[who].some((p) => p.startsWith('comment:created') && p.includes(created.body.id))).toBe(true);
    }
    const seen = await call<CommentThreadDto[]>('observer', 'GET', `${commentsPath()}?clauseId=${clause(2).id}`);
    expect(seen.body.map((t) => t.id)).toContain(created.body.id);
  });

  it('refuses an anchor in another clause, and an anchor that is not a relative position', async () => {
    const other = await call<{ error: { message: string } }>('fr', 'POST', commentsPath(), { clauseId: clause(3).id, ...anchorOn(2), body: 'x' });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/not in clause 3/);
    const junk = await call<{ error: { message: string } }>('fr', 'POST', commentsPath(), {
      clauseId: clause(3).id,
      anchor: { start: '@@', end: '!!' },
      quote: 'x',
      body: 'x',
    });
    expect(junk.status).toBe(400);
  });

  it('lets another delegation reply; the thread owner is notified of the reply, and only it', async () => {
    const thread = (await createThread('pl', 4, 'PL thread')).body;
    const reply = await call<CommentReplyDto>('de', 'POST', `${commentsPath()}/${thread.id}/replies`, { body: 'DE answers' });
    expect(reply.status).toBe(201);
    await expect.poll(() => received.fr.some((p) => p.startsWith('comment:reply') && p.includes(reply.body.id))).toBe(true);
    const plNotes = await call<NotificationPage>('pl', 'GET', '/api/notifications');
    expect(plNotes.body.notifications.find((n) => n.refId === thread.id)).toMatchObject({ kind: 'reply', clauseNumber: 4, actor: { delegation: 'DE' } });
    await expect.poll(() => received.pl.some((p) => p.startsWith('notification:new') && p.includes(thread.id))).toBe(true);
    // Nobody else hears of it, the replier least of all.
    for (const who of ['fr', 'de', 'us'] as const) {
      const page = await call<NotificationPage>(who, 'GET', '/api/notifications');
      expect(page.body.notifications.some((n) => n.refId === thread.id)).toBe(false);
    }
    expect(received.de.some((p) => p.startsWith('notification:new') && p.includes(thread.id))).toBe(false);
  });
});

describe('mentions and notifications', () => {
  it('notifies the mentioned delegation only, and lets its member mark it read', async () => {
    const thread = (await createThread('fr', 5, 'Could @PL confirm its reading?')).body;
    expect(thread.mentions).toEqual(['PL']);
    await expect.poll(() => received.pl.some((p) => p.startsWith('notification:new') && p.includes(thread.id))).toBe(true);
    for (const who of ['fr', 'de', 'us', 'observer', 'secretariat'] as const) {
      expect(received[who].some((p) => p.startsWith('notification:new') && p.includes(thread.id))).toBe(false);
      const page = await call<NotificationPage>(who, 'GET', '/api/notifications');
      expect(page.status).toBe(200);
      expect(page.body.notifications.some((n) => n.refId === thread.id)).toBe(false);
    }
    const page = await call<NotificationPage>('pl', 'GET', '/api/notifications?limit=1');
    const mention = page.body.notifications[0];
    expect(mention).toMatchObject({ kind: 'mention', refId: thread.id, clauseNumber: 5, read: false });
    expect(page.body.unread).toBeGreaterThanOrEqual(2);
    expect(page.body.nextBefore).not.toBeNull();
    const older = await call<NotificationPage>('pl', 'GET', `/api/notifications?limit=1&before=${encodeURIComponent(page.body.nextBefore!)}`);
    expect(older.body.notifications[0].id).not.toBe(mention.id);

    const read = await call<{ unread: number }>('pl', 'POST', '/api/notifications/read', { ids: [mention.id] });
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(page.body.unread - 1);
    const all = await call<{ unread: number }>('pl', 'POST', '/api/notifications/read', { all: true });
    expect(all.body.unread).toBe(0);
    // Another delegation cannot mark PL's notification, nor learn that it exists.
    expect((await call('de', 'POST', '/api/notifications/read', { ids: [mention.id] })).status).toBe(404);
    expect((await call('pl', 'POST', '/api/notifications/read', {})).status).toBe(400);
  });

  it('pushes notifications only to sockets that subscribed, and validates the subscription payload', async () => {
    const quiet = connectIo(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: cookies.pl }, reconnection: false }) as Socket<
      ServerToClientEvents,
      ClientToServerEvents
    >;
    sockets.push(quiet);
    const heard: string[] = [];
    quiet.on('notification:new', (p) => heard.push(p.notification.refId));
    expect(await quiet.emitWithAck('draft:join', { draftId: draft.id })).toMatchObject({ ok: true });
    const bad = await quiet.emitWithAck('notifications:subscribe', { delegation: 'DE' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const thread = (await createThread('fr', 5, 'Once more, @PL?')).body;
    await expect.poll(() => received.pl.some((p) => p.startsWith('notification:new') && p.includes(thread.id))).toBe(true);
    expect(heard).toEqual([]);
  });

  it('refuses a mention of a delegation that is not in the draft, naming the valid ones', async () => {
    const res = await createThread('fr', 5, 'What does @XY think?');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/@XY is not a delegation of this draft/);
    expect(res.text).toMatch(/@FR/);
  });
});

describe('internal notes (visibility: delegation)', () => {
  const SECRET = 'FR-INTERNAL-NOTE-do-not-leak-7c1e';

  it('never reach another delegation, an observer or the secretariat, by any path', async () => {
    const note = await createThread('fr', 6, `${SECRET} our red line; cf. @DE's view and @FR`, 'delegation');
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ visibility: 'delegation', team: 'FR', mentions: ['DE', 'FR'] });
    const reply = await call<CommentReplyDto>('fr', 'POST', `${commentsPath()}/${note.body.id}/replies`, { body: `${SECRET} reply` });
    expect(reply.status).toBe(201);
    const resolved = await call<CommentThreadDto>('fr', 'POST', `${commentsPath()}/${note.body.id}/resolve`);
    expect(resolved.status).toBe(200);

    // FR's own socket received all three events.
    await expect.poll(() => received.fr.filter((p) => p.includes(note.body.id)).length).toBeGreaterThanOrEqual(3);
    // A public marker created after the note proves the other sockets were listening all along.
    const marker = (await createThread('fr', 6, 'public marker after the note')).body;
    for (const who of ['de', 'pl', 'us', 'observer', 'secretariat'] as const) {
      await expect.poll(() => received[who].some((p) => p.includes(marker.id))).toBe(true);
      expect(received[who].join('\n')).not.toContain(SECRET);
      expect(received[who].join('\n')).not.toContain(note.body.id);

      const list = await call<CommentThreadDto[]>(who, 'GET', commentsPath());
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(SECRET);
      expect(list.text).not.toContain(note.body.id);
      const clauseList = await call(who, 'GET', `${commentsPath()}?clauseId=${clause(6).id}&state=resolved`);
      expect(clauseList.text).not.toContain(SECRET);
      const one = await call(who, 'GET', `${commentsPath()}/${note.body.id}`);
      expect(one.status).toBe(404);
      expect(one.text).not.toContain(SECRET);
      const counts = await call<CommentCountDto[]>(who, 'GET', `${commentsPath()}/counts`);
      expect(counts.body.find((c) => c.clauseId === clause(6).id)).toEqual({ clauseId: clause(6).id, open: 1, resolved: 0 });
      const notes = await call(who, 'GET', '/api/notifications');
      expect(notes.text).not.toContain(SECRET);
      // Replying to, resolving or reopening it is as impossible as seeing it.
      expect((await call(who, 'POST', `${commentsPath()}/${note.body.id}/replies`, { body: 'hi' })).status).toBe(
        who === 'us' || who === 'observer' ? 403 : 404,
      );
      expect([403, 404]).toContain((await call(who, 'POST', `${commentsPath()}/${note.body.id}/reopen`)).status);
    }

    // FR itself sees the note, its reply and its counts.
    const own = await call<CommentThreadDto>('fr', 'GET', `${commentsPath()}/${note.body.id}`);
    expect(own.body).toMatchObject({ state: 'resolved', replies: [{ body: `${SECRET} reply` }] });
    const frCounts = await call<CommentCountDto[]>('fr', 'GET', `${commentsPath()}/counts`);
    expect(frCounts.body.find((c) => c.clauseId === clause(6).id)).toEqual({ clauseId: clause(6).id, open: 1, resolved: 1 });
    // A mention of DE in FR's internal note notifies nobody outside FR.
    const deNotes = await call('de', 'GET', '/api/notifications');
    expect(deNotes.text).not.toContain(note.body.id);

    // The audit log (read by the secretariat) records the note without its text.
    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=comment.created`);
    const entry = audit.body.entries.find((e) => e.details.threadId === note.body.id);
    expect(entry?.details).toMatchObject({ visibility: 'delegation', team: 'FR' });
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
    const replies = await call('secretariat', 'GET', `/api/audit?draftId=${draft.id}&action=comment.replied`);
    expect(replies.text).not.toContain(SECRET);
  });

  it("keeps the secretariat's own internal notes from the delegations", async () => {
    const note = await createThread('secretariat', 7, 'SECRETARIAT-ONLY-3b9f chair will propose', 'delegation');
    expect(note.status).toBe(201);
    const marker = (await createThread('secretariat', 7, 'public marker 2')).body;
    for (const who of ['fr', 'de', 'us', 'observer'] as const) {
      await expect.poll(() => received[who].some((p) => p.includes(marker.id))).toBe(true);
      expect(received[who].join('\n')).not.toContain('SECRETARIAT-ONLY-3b9f');
      expect((await call(who, 'GET', commentsPath())).text).not.toContain('SECRETARIAT-ONLY-3b9f');
    }
    await expect.poll(() => received.secretariat.some((p) => p.includes(note.body.id))).toBe(true);
  });
});

describe('permissions', () => {
  it('lets a delegate resolve and reopen only its own delegation’s threads; the secretariat any', async () => {
    const thread = (await createThread('fr', 8, 'FR public thread')).body;
    const denied = await call<{ error: { code: string; message: string } }>('de', 'POST', `${commentsPath()}/${thread.id}/resolve`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/Only FR or the secretariat/);
    expect((await call('observer', 'POST', `${commentsPath()}/${thread.id}/resolve`)).status).toBe(403);
    expect((await call('us', 'POST', `${commentsPath()}/${thread.id}/resolve`)).status).toBe(403);

    const bySecretariat = await call<CommentThreadDto>('secretariat', 'POST', `${commentsPath()}/${thread.id}/resolve`);
    expect(bySecretariat.status).toBe(200);
    expect(bySecretariat.body).toMatchObject({ state: 'resolved', resolvedBy: expect.stringContaining('Secretariat') });
    await expect.poll(() => received.de.some((p) => p.startsWith('comment:resolved') && p.includes(thread.id))).toBe(true);
    expect((await call('secretariat', 'POST', `${commentsPath()}/${thread.id}/resolve`)).status).toBe(409);
    expect((await call('de', 'POST', `${commentsPath()}/${thread.id}/reopen`)).status).toBe(403);
    const reopened = await call<CommentThreadDto>('fr', 'POST', `${commentsPath()}/${thread.id}/reopen`);
    expect(reopened.body.state).toBe('open');

    const audit = await call<AuditPage>('secretariat', 'GET', `/api/audit?draftId=${draft.id}`);
    const actions = audit.body.entries.filter((e) => e.details.threadId === thread.id).map((e) => e.action);
    expect(actions).toEqual(['comment.reopened', 'comment.resolved', 'comment.created']);
  });

  it('refuses observers (individual or observer delegation) and anonymous callers', async () => {
    for (const who of ['observer', 'us'] as const) {
      const res = await createThread(who, 9, 'observer writes');
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/Observers read comments but cannot write them/);
    }
    expect((await call(null, 'GET', commentsPath())).status).toBe(401);
    expect((await call(null, 'POST', commentsPath(), { clauseId: clause(9).id, ...anchorOn(9), body: 'x' })).status).toBe(401);
    expect((await call(null, 'GET', '/api/notifications')).status).toBe(401);
  });
});

describe('bad input', () => {
  it('refuses a body of 10,001 characters with a clear message, and accepts 10,000', async () => {
    const tooLong = await call<{ error: { code: string; message: string; issues: Array<{ path: string; message: string }> } }>('fr', 'POST', commentsPath(), {
      clauseId: clause(10).id,
      ...anchorOn(10),
      body: 'a'.repeat(10_001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('bad_request');
    expect(tooLong.body.error.issues).toEqual([{ path: 'body', message: expect.stringMatching(/limited to 10,000 characters \(this one has 10,001\)/) }]);
    expect((await createThread('fr', 10, 'b'.repeat(10_000))).status).toBe(201);
    const reply = await call('fr', 'POST', `${commentsPath()}/${(await createThread('fr', 10, 'short')).body.id}/replies`, { body: 'c'.repeat(10_001) });
    expect(reply.status).toBe(400);
  });

  it('answers unknown ids with 404 and malformed requests with 400', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('fr', 'GET', `${commentsPath()}/${unknown}`)).status).toBe(404);
    expect((await call('fr', 'GET', `${commentsPath()}/not-a-uuid`)).status).toBe(404);
    expect((await call('fr', 'POST', `${commentsPath()}/${unknown}/replies`, { body: 'x' })).status).toBe(404);
    expect((await call('fr', 'POST', `${commentsPath()}/${unknown}/resolve`)).status).toBe(404);
    expect((await call('fr', 'GET', `/api/drafts/${unknown}/comments`)).status).toBe(404);
    expect((await call('fr', 'POST', `/api/drafts/${unknown}/comments`, { clauseId: clause(1).id, ...anchorOn(1), body: 'x' })).status).toBe(404);
    expect((await call('fr', 'POST', commentsPath(), { clauseId: unknown, ...anchorOn(1), body: 'x' })).status).toBe(404);
    expect((await call('fr', 'POST', '/api/notifications/read', { ids: [unknown] })).status).toBe(404);
    expect((await call('fr', 'POST', commentsPath(), '{"clauseId":')).status).toBe(400);
    const missing = await call<{ error: { issues: Array<{ path: string }> } }>('fr', 'POST', commentsPath(), { body: '', visibility: 'secret' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i) => i.path).sort()).toEqual(['anchor', 'body', 'clauseId', 'quote', 'visibility']);
    expect((await call('fr', 'GET', `${commentsPath()}?state=maybe`)).status).toBe(400);
    expect((await call('fr', 'GET', '/api/notifications?limit=5000')).status).toBe(400);
  });

  it('stores bodies as plain text: markup comes back exactly as written, never interpreted', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await createThread('fr', 11, body);
    expect(created.status).toBe(201);
    const fetched = await call<CommentThreadDto>('de', 'GET', `${commentsPath()}/${created.body.id}`);
    expect(fetched.body.body).toBe(body);
    const res = await fetch(`${server.url}${commentsPath()}/${created.body.id}`, { headers: { cookie: cookies.de } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

/**
 * Comments, brackets and alternatives with two instances on one PostgreSQL database and
 * Redis, with raw clients: an internal note written through instance A reaches the
 * author's delegation on instance B live, and nothing of it reaches anybody else on B
 * (every socket.io event and every raw engine.io packet they receive is recorded), nor
 * B's HTTP read paths; public threads, notifications, brackets and alternatives created
 * on A arrive on B. Needs TEST_DATABASE_URL and TEST_REDIS_URL (with CI=true their
 * absence fails the run).
 */
import crypto from 'node:crypto';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentCountDto, CommentReplyDto, CommentThreadDto, NotificationPage } from '@/lib/api/comment-types';
import type { AdoptionDto, AlternativeDto, BracketDto, DraftDetail } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorInText } from '@/lib/comments/comment-anchor';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft } from './helpers';

const database = await createTestDatabase();
const redisUrl = await testRedisUrl();
const available = Boolean(database && redisUrl);
if (!available) {
  console.warn('\n*** SKIPPED: annotations scale-out integration tests (need TEST_DATABASE_URL and TEST_REDIS_URL) ***\n');
}

type Who = 'fr' | 'pl' | 'secretariat' | 'fr2' | 'de' | 'observer';
/** Where each person's socket (and HTTP calls) go: the note's author on A, the others on both. */
const ON_A: Who[] = ['fr', 'pl', 'secretariat'];
const ON_B: Who[] = ['fr2', 'de', 'observer'];
const FR2_PASSWORD = 'second-fr-delegate-password';

describe.runIf(available)('comments, brackets and alternatives across two instances on PostgreSQL + Redis', () => {
  const prefix = `accord-test-${crypto.randomBytes(4).toString('hex')}`;
  let a: RunningServer;
  let b: RunningServer;
  let draft: DraftDetail;
  const cookies = {} as Record<Who, string>;
  const sockets: Socket[] = [];
  const providers: ConnectedProvider[] = [];
  /** Every socket.io event each person's socket received (name and payload), in order. */
  const events = {} as Record<Who, string[]>;
  /** Every raw engine.io packet each person's socket received, as sent over the wire. */
  const packets = {} as Record<Who, string[]>;
  let frDoc: Y.Doc;

  const boot = () => startServer({ databaseUrl: (database as TestDatabase).url, redisUrl: redisUrl!, env: { REDIS_PREFIX: prefix } });
  const serverOf = (who: Who) => (ON_A.includes(who) ? a : b);
  const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
  const api = (path = '') => `/api/drafts/${draft.id}${path}`;

  async function call<T = unknown>(
    who: Who,
    method: string,
    path: string,
    body?: unknown,
    server = serverOf(who),
  ): Promise<{ status: number; body: T; text: string }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
  }

  async function liveSocket(who: Who): Promise<void> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(serverOf(who).url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies[who] },
      reconnection: false,
    });
    sockets.push(socket);
    // The engine exists as soon as the manager opens (right away): nothing received escapes these.
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      packets[who].push(
        `${packet.type} ${typeof packet.data === 'string' ? packet.data : Buffer.isBuffer(packet.data) ? packet.data.toString('latin1') : JSON.stringify(packet.data ?? '')}`,
      );
    });
    socket.onAny((event: string, ...args: unknown[]) => events[who].push(`${event} ${JSON.stringify(args)}`));
    expect((await socket.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    expect((await socket.emitWithAck('notifications:subscribe', {})).ok).toBe(true);
  }

  const heard = (who: Who, event: string, id: string) => events[who].some((e) => e.startsWith(`${event} `) && e.includes(id));

  /** An anchor on the first words of clause n, from FR's synced copy on instance A. */
  function anchorOn(n: number) {
    const paragraph = frDoc.getXmlFragment(clauseField(clause(n).id)).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    return { anchor: anchorInText(text, 0, 16), quote: text.toString().slice(0, 16) };
  }

  /** The plain-text range of `words` in clause n, as a client sees it. */
  function rangeOf(doc: Y.Doc, n: number, words: string) {
    const from = clauseText(doc, clause(n).id).indexOf(words);
    if (from < 0) throw new Error(`"${words}" is not in clause ${n}`);
    return { from, to: from + words.length };
  }

  beforeAll(async () => {
    // One after the other: the first seeds the empty database, the second finds it seeded.
    a = await boot();
    b = await boot();
    cookies.secretariat = await signIn(a.url, 'secretariat@accord.test', INT_DEMO_PASSWORD);
    // A second delegate of FR, created on A, signing in on B.
    const created = await call('secretariat', 'POST', '/api/users', {
      email: 'fr2@accord.test',
      name: 'Second FR Delegate',
      role: 'delegate',
      delegation: 'FR',
      password: FR2_PASSWORD,
    });
    expect(created.status).toBe(201);
    for (const who of ['fr', 'pl', 'de', 'observer'] as const) cookies[who] = await signIn(serverOf(who).url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    cookies.fr2 = await signIn(b.url, 'fr2@accord.test', FR2_PASSWORD);
    draft = await demoDraft(a.url, cookies.fr);

    const fr = connectProvider({ wsUrl: a.wsUrl, draftId: draft.id, cookie: cookies.fr });
    providers.push(fr);
    await fr.waitSynced();
    frDoc = fr.doc;
    for (const who of [...ON_A, ...ON_B]) {
      events[who] = [];
      packets[who] = [];
      await liveSocket(who);
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of providers) p.destroy();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it("keeps FR's internal note within FR across instances: FR on B gets it live, DE and the observer on B get nothing of it", async () => {
    const SECRET = `FR-ONLY-${crypto.randomBytes(4).toString('hex')}`;
    const note = await call<CommentThreadDto>('fr', 'POST', api('/comments'), {
      clauseId: clause(6).id,
      ...anchorOn(6),
      body: `${SECRET} red line; @DE must not see this, @FR please check`,
      visibility: 'delegation',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ visibility: 'delegation', team: 'FR', mentions: ['DE', 'FR'] });
    const reply = await call<CommentReplyDto>('fr', 'POST', api(`/comments/${note.body.id}/replies`), { body: `${SECRET} reply` });
    expect(reply.status).toBe(201);
    expect((await call('fr', 'POST', api(`/comments/${note.body.id}/resolve`))).status).toBe(200);

    // The second FR delegate, on B, hears all three live (the team room crosses instances),
    // and the FR mention in the note as a notification.
    await expect.poll(() => heard('fr2', 'comment:created', note.body.id)).toBe(true);
    await expect.poll(() => heard('fr2', 'comment:reply', reply.body.id)).toBe(true);
    await expect
      .poll(() => events.fr2.some((e) => e.startsWith('comment:resolved ') && e.includes(note.body.id) && e.includes('"state":"resolved"')))
      .toBe(true);
    await expect.poll(() => heard('fr2', 'notification:new', note.body.id)).toBe(true);
    expect(packets.fr2.join('\n')).toContain(SECRET);
    // B reads it from the shared database for FR.
    const own = await call<CommentThreadDto>('fr2', 'GET', api(`/comments/${note.body.id}`));
    expect(own.body).toMatchObject({ id: note.body.id, state: 'resolved', replies: [{ body: `${SECRET} reply` }] });

    // A public thread written after the note proves every socket was listening all along.
    const marker = await call<CommentThreadDto>('fr', 'POST', api('/comments'), {
      clauseId: clause(6).id,
      ...anchorOn(6),
      body: 'Public marker after the note',
    });
    expect(marker.status).toBe(201);
    for (const who of ['de', 'observer', 'pl', 'secretariat'] as const) {
      await expect.poll(() => heard(who, 'comment:created', marker.body.id)).toBe(true);
      await expect.poll(() => packets[who].some((p) => p.includes(marker.body.id))).toBe(true);
      for (const seen of [events[who].join('\n'), packets[who].join('\n')]) {
        expect(seen).not.toContain(SECRET);
        expect(seen).not.toContain(note.body.id);
        expect(seen).not.toContain(reply.body.id);
      }
    }

    // Nor through B's HTTP read paths.
    for (const who of ['de', 'observer'] as const) {
      const list = await call(who, 'GET', api('/comments'));
      expect(list.status).toBe(200);
      expect(list.text).toContain(marker.body.id);
      expect(list.text).not.toContain(SECRET);
      expect(list.text).not.toContain(note.body.id);
      const resolved = await call(who, 'GET', api(`/comments?clauseId=${clause(6).id}&state=resolved`));
      expect(resolved.status).toBe(200);
      expect(resolved.text).not.toContain(note.body.id);
      const one = await call(who, 'GET', api(`/comments/${note.body.id}`));
      expect(one.status).toBe(404);
      expect(one.text).not.toContain(SECRET);
      const counts = await call<CommentCountDto[]>(who, 'GET', api('/comments/counts'));
      expect(counts.body.find((c) => c.clauseId === clause(6).id)).toEqual({ clauseId: clause(6).id, open: 1, resolved: 0 });
      const notifications = await call<NotificationPage>(who, 'GET', '/api/notifications');
      expect(notifications.status).toBe(200);
      expect(notifications.text).not.toContain(SECRET);
      expect(notifications.text).not.toContain(note.body.id);
    }
    const frCounts = await call<CommentCountDto[]>('fr2', 'GET', api('/comments/counts'));
    expect(frCounts.body.find((c) => c.clauseId === clause(6).id)).toEqual({ clauseId: clause(6).id, open: 1, resolved: 1 });
  });

  it('pushes a public thread, its reply and its mention to everybody on both instances', async () => {
    const thread = await call<CommentThreadDto>('de', 'POST', api('/comments'), {
      clauseId: clause(9).id,
      ...anchorOn(9),
      body: 'DE proposes to tighten this; @PL?',
    });
    expect(thread.status).toBe(201);
    for (const who of [...ON_A, ...ON_B]) await expect.poll(() => heard(who, 'comment:created', thread.body.id)).toBe(true);
    // Written on B, notified on A: only PL's socket hears the mention.
    await expect.poll(() => heard('pl', 'notification:new', thread.body.id)).toBe(true);
    const reply = await call<CommentReplyDto>('pl', 'POST', api(`/comments/${thread.body.id}/replies`), { body: 'PL agrees' });
    expect(reply.status).toBe(201);
    for (const who of [...ON_A, ...ON_B]) await expect.poll(() => heard(who, 'comment:reply', reply.body.id)).toBe(true);
    // DE owns the thread: it is told of the reply on B.
    await expect.poll(() => heard('de', 'notification:new', thread.body.id)).toBe(true);
    for (const who of ['fr', 'fr2', 'secretariat', 'observer'] as const) expect(heard(who, 'notification:new', thread.body.id)).toBe(false);
    const onA = await call<CommentThreadDto>('secretariat', 'GET', api(`/comments/${thread.body.id}`));
    expect(onA.body.replies.map((r) => r.id)).toEqual([reply.body.id]);
  });

  it('delivers brackets and alternatives created on A to everybody on B, and an adoption on A changes the text B serves', async () => {
    const onB = connectProvider({ wsUrl: b.wsUrl, draftId: draft.id, cookie: cookies.observer });
    providers.push(onB);
    await onB.waitSynced();

    const bracketWords = 'renewed aggression';
    const bracket = await call<BracketDto>('fr', 'POST', api(`/clauses/${clause(1).id}/brackets`), {
      span: { range: rangeOf(frDoc, 1, bracketWords) },
      quote: bracketWords,
    });
    expect(bracket.status).toBe(201);
    for (const who of ON_B) await expect.poll(() => heard(who, 'bracket:updated', bracket.body.id)).toBe(true);
    await expect
      .poll(() => events.de.some((e) => e.startsWith('consensus:updated ') && e.includes(clause(1).id) && e.includes('"state":"pending"')))
      .toBe(true);
    const seenOnB = await call<BracketDto[]>('de', 'GET', api(`/brackets?clauseId=${clause(1).id}`));
    expect(seenOnB.body.find((x) => x.id === bracket.body.id)).toMatchObject({ delegation: 'FR', state: 'open', quote: bracketWords });

    const words = 'Black Sea littoral states';
    const wording = 'all coastal states of the Black Sea';
    const proposed = await call<AlternativeDto>('pl', 'POST', api(`/clauses/${clause(7).id}/alternatives`), {
      body: wording,
      span: { range: rangeOf(frDoc, 7, words) },
      quote: words,
    });
    expect(proposed.status).toBe(201);
    for (const who of ON_B) await expect.poll(() => heard(who, 'alternatives:updated', proposed.body.id)).toBe(true);
    // Backed from B: the change comes back to A.
    const backed = await call<AlternativeDto[]>('de', 'PUT', api(`/alternatives/${proposed.body.id}/backing`), { backed: true });
    expect(backed.status).toBe(200);
    await expect
      .poll(() => events.pl.some((e) => e.startsWith('alternatives:updated ') && e.includes(proposed.body.id) && e.includes('"backers":["DE","PL"]')))
      .toBe(true);

    const before = clauseText(onB.doc, clause(7).id);
    const adopted = await call<AdoptionDto>('secretariat', 'POST', api(`/alternatives/${proposed.body.id}/adopt`));
    expect(adopted.status).toBe(200);
    for (const who of ON_B)
      await expect
        .poll(() => events[who].some((e) => e.startsWith('alternatives:updated ') && e.includes(proposed.body.id) && e.includes('"state":"adopted"')))
        .toBe(true);
    await expect.poll(() => clauseText(onB.doc, clause(7).id)).toBe(before.replace(words, wording));
    const removed = await call<BracketDto>('fr', 'POST', api(`/brackets/${bracket.body.id}/remove`));
    expect(removed.status).toBe(200);
    for (const who of ON_B)
      await expect
        .poll(() => events[who].some((e) => e.startsWith('bracket:updated ') && e.includes(bracket.body.id) && e.includes('"state":"removed"')))
        .toBe(true);
  });
});

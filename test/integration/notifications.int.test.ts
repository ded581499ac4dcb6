/**
 * Notifications with two instances on PostgreSQL + Redis and a local SMTP server: the
 * kinds that concern everyone reach delegations and the secretariat (never the actor),
 * per-person preferences mute kinds, a silence reminder goes out exactly once although
 * both instances' schedulers find it due, and the e-mail digest reaches each person once.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationDto, NotificationPage } from '@/lib/api/comment-types';
import type { AlternativeDto, DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import type { NotificationPreferencesDto } from '@/lib/notifications/kinds';
import type { ClauseReplacedPayload, ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { demoDraft } from './helpers';

const database = await createTestDatabase();
const redisUrl = await testRedisUrl();
const available = Boolean(database && redisUrl);
if (!available) console.warn('\n*** SKIPPED: notifications integration tests (need TEST_DATABASE_URL and TEST_REDIS_URL) ***\n');

interface Mail {
  to: string;
  raw: string;
}

describe.runIf(available)('notifications for delegations and the secretariat, reminders and e-mail', () => {
  const prefix = `accord-test-${crypto.randomBytes(4).toString('hex')}`;
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let a: RunningServer;
  let b: RunningServer;
  let draft: DraftDetail;
  const cookies: Record<string, string> = {};
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  const heard: Record<string, NotificationDto[]> = {};

  const call = async <T>(server: RunningServer, who: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const bell = async (who: string) => (await call<NotificationPage>(a, who, 'GET', '/api/notifications?limit=100')).body.notifications;
  const listen = async (server: RunningServer, who: string) => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: cookies[who] },
      reconnection: false,
    });
    sockets.push(socket);
    heard[who] = [];
    socket.on('notification:new', ({ notification }) => heard[who].push(notification));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    expect((await socket.emitWithAck('notifications:subscribe', {})).ok).toBe(true);
    return socket;
  };
  const mailsTo = (who: string) => mails.filter((m) => m.to.includes(`${who}@accord.test`));

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (raw += chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: raw.replace(/=\r?\n/g, '') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const boot = () =>
      startServer({
        databaseUrl: (database as TestDatabase).url,
        redisUrl: redisUrl!,
        env: { REDIS_PREFIX: prefix, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'Accord <accord@accord.test>', EMAIL_DIGEST_MINUTES: '0.2' },
      });
    a = await boot();
    b = await boot();
    for (const who of ['fr', 'de', 'pl', 'secretariat']) cookies[who] = await signIn(a.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
    draft = await demoDraft(a.url, cookies.fr);
    await listen(b, 'fr');
    await listen(a, 'de');
    await listen(b, 'secretariat');
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await database?.drop();
  });

  it('keeps per-person preferences, validated, for signed-in people only', async () => {
    expect((await call(a, null, 'GET', '/api/me/notification-preferences')).status).toBe(401);
    const initial = await call<NotificationPreferencesDto>(a, 'de', 'GET', '/api/me/notification-preferences');
    expect(initial).toEqual({ status: 200, body: { muted: [], email: true, emailAvailable: true } });
    expect((await call(a, 'de', 'PUT', '/api/me/notification-preferences', { muted: ['gossip'], email: true })).status).toBe(400);
    expect((await call(a, 'de', 'PUT', '/api/me/notification-preferences', { muted: [], email: true, extra: 1 })).status).toBe(400);
    const saved = await call<NotificationPreferencesDto>(b, 'de', 'PUT', '/api/me/notification-preferences', { muted: ['status_changed'], email: false });
    expect(saved.body).toEqual({ muted: ['status_changed'], email: false, emailAvailable: true });
    expect((await call<NotificationPreferencesDto>(a, 'de', 'GET', '/api/me/notification-preferences')).body.muted).toEqual(['status_changed']);
  });

  it('tells delegations and not the actor of a status change; a muted kind is neither listed nor pushed', async () => {
    const clause = draft.clauses[1];
    expect((await call(a, 'secretariat', 'POST', `/api/drafts/${draft.id}/clauses/${clause.id}/status`, { status: 'drafting' })).status).toBe(200);
    await expect.poll(() => heard.fr.some((n) => n.kind === 'status_changed' && n.clauseId === clause.id)).toBe(true);
    const frs = (await bell('fr')).filter((n) => n.kind === 'status_changed');
    expect(frs).toHaveLength(1);
    expect(frs[0]).toMatchObject({ clauseNumber: clause.number, text: `Clause ${clause.number}: Negotiating → Drafting`, actor: { delegation: null } });
    expect((await bell('pl')).some((n) => n.kind === 'status_changed')).toBe(true);
    expect((await bell('de')).some((n) => n.kind === 'status_changed')).toBe(false);
    expect((await bell('secretariat')).some((n) => n.kind === 'status_changed')).toBe(false);
    expect(heard.de.some((n) => n.kind === 'status_changed')).toBe(false);
    expect(heard.secretariat.some((n) => n.kind === 'status_changed')).toBe(false);
  });

  it('gives the secretariat a bell: silence started, broken', async () => {
    const clause = draft.clauses[2];
    const started = await call<SilenceProcedureDto>(a, 'secretariat', 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: [clause.id],
      deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      override: 'Test of notifications',
    });
    expect(started.status).toBe(201);
    await expect.poll(() => heard.de.some((n) => n.kind === 'silence_started' && n.refId === started.body.id)).toBe(true);
    expect((await call(a, 'fr', 'POST', `/api/drafts/${draft.id}/silence/${started.body.id}/break`, { reason: 'Capital review pending' })).status).toBe(200);
    await expect.poll(() => heard.secretariat.some((n) => n.kind === 'silence_broken' && n.refId === started.body.id)).toBe(true);
    const mine = await bell('secretariat');
    expect(mine.find((n) => n.kind === 'silence_broken')).toMatchObject({
      text: `Clause ${clause.number}: silence broken by FR: Capital review pending`,
      actor: { delegation: 'FR' },
    });
    expect((await bell('fr')).some((n) => n.kind === 'silence_broken')).toBe(false);
  });

  it('tells whoever has the clause open that the secretariat replaced its text, and notifies the adoption', async () => {
    const clause = draft.clauses[3];
    const replaced: ClauseReplacedPayload[] = [];
    const inRoom = sockets[0];
    inRoom.on('clause:replaced', (p) => replaced.push(p));
    expect((await inRoom.emitWithAck('draft:join', { draftId: draft.id })).ok).toBe(true);
    const alt = await call<AlternativeDto>(a, 'pl', 'POST', `/api/drafts/${draft.id}/clauses/${clause.id}/alternatives`, {
      body: 'The Parties shall meet every year.',
    });
    expect(alt.status).toBe(201);
    expect((await call(b, 'secretariat', 'POST', `/api/drafts/${draft.id}/alternatives/${alt.body.id}/adopt`, {})).status).toBe(200);
    await expect.poll(() => replaced.length).toBe(1);
    expect(replaced[0]).toMatchObject({ clauseIds: [clause.id], cause: 'adoption', summary: `ALT ${alt.body.number} adopted` });
    expect(Number.isNaN(Date.parse(replaced[0].before))).toBe(false);
    await expect
      .poll(async () => (await bell('pl')).find((n) => n.kind === 'alternative_adopted')?.text)
      .toBe(`Clause ${clause.number}: text replaced by the secretariat: ALT ${alt.body.number} adopted.`);
  });

  it('sends a silence reminder exactly once with two instances, and e-mails it at once', async () => {
    const clause = draft.clauses[4];
    const started = await call<SilenceProcedureDto>(b, 'secretariat', 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: [clause.id],
      deadline: new Date(Date.now() + 30 * 60_000).toISOString(),
      override: 'Test of reminders',
    });
    expect(started.status).toBe(201);
    const db = new pg.Client({ connectionString: (database as TestDatabase).url });
    await db.connect();
    try {
      // As if it had started two days ago: the "ends in 1 hour" reminder is due now, on both instances' next sweep.
      await db.query(`update silence_procedures set started_at = now() - interval '2 days' where id = $1`, [started.body.id]);
      const reminders = async () =>
        (
          await db.query<{ delegation_code: string }>(`select delegation_code from notifications where kind = 'silence_reminder' and ref_id = $1`, [
            started.body.id,
          ])
        ).rows;
      await expect.poll(async () => (await reminders()).length, { timeout: 40_000 }).toBeGreaterThan(0);
      // Both sweeps (every 15 s) have passed since: still one row per audience.
      await new Promise((resolve) => setTimeout(resolve, 17_000));
      const rows = await reminders();
      expect(new Set(rows.map((r) => r.delegation_code)).size).toBe(rows.length);
      expect(rows.map((r) => r.delegation_code)).toContain('#secretariat');
      expect((await db.query(`select stage from silence_reminders where silence_id = $1`, [started.body.id])).rows).toEqual([{ stage: '1h' }]);
    } finally {
      await db.end();
    }
    expect(heard.fr.filter((n) => n.kind === 'silence_reminder')).toHaveLength(1);
    expect(heard.secretariat.filter((n) => n.kind === 'silence_reminder')).toHaveLength(1);
    expect((await bell('fr')).find((n) => n.kind === 'silence_reminder')?.text).toMatch(new RegExp(`^Clause ${clause.number}: silence ends in 1 hour`));
    // E-mailed, once, to each person who wants e-mail (DE turned it off).
    await expect.poll(() => mailsTo('fr').filter((m) => m.raw.includes('silence ends in 1 hour')).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => mailsTo('secretariat').filter((m) => m.raw.includes('silence ends in 1 hour')).length, { timeout: 20_000 }).toBe(1);
    expect(mailsTo('de')).toHaveLength(0);
  });

  it('e-mails each notification in one digest only, although both instances run digest passes', async () => {
    // Several passes of both instances (every 6 s) run meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 14_000));
    const withStatus = mailsTo('pl').filter((m) => m.raw.includes(': Negotiating → Drafting') || m.raw.includes('Negotiating =E2=86=92 Drafting'));
    expect(withStatus).toHaveLength(1);
    expect(withStatus[0].raw).toMatch(/Subject: Accord: /);
    const withAdoption = mailsTo('fr').filter((m) => m.raw.includes('text replaced by the secretariat'));
    expect(withAdoption).toHaveLength(1);
  });

  it('tells the room and the bells of a restore, and of a silence procedure the secretariat withdrew', async () => {
    const clause = draft.clauses[3];
    const replaced: ClauseReplacedPayload[] = [];
    sockets[0].on('clause:replaced', (p) => replaced.push(p));
    const restored = await call(a, 'secretariat', 'POST', `/api/drafts/${draft.id}/history/restore`, { to: 'start', clauseId: clause.id });
    expect(restored.status).toBe(200);
    await expect.poll(() => replaced.some((p) => p.cause === 'restore')).toBe(true);
    expect(replaced.find((p) => p.cause === 'restore')).toMatchObject({
      clauseIds: [clause.id],
      summary: 'Initial text restored',
      by: expect.any(String),
      byUserId: expect.any(String),
    });
    await expect
      .poll(async () => (await bell('fr')).find((n) => n.kind === 'text_restored')?.text)
      .toBe(`Clause ${clause.number}: text replaced by the secretariat: Initial text restored.`);
    expect((await bell('secretariat')).some((n) => n.kind === 'text_restored')).toBe(false);

    const other = draft.clauses[6];
    const started = await call<SilenceProcedureDto>(a, 'secretariat', 'POST', `/api/drafts/${draft.id}/silence`, {
      clauseIds: [other.id],
      deadline: new Date(Date.now() + 3 * 3600_000).toISOString(),
      override: 'Test of withdrawal',
    });
    expect(started.status).toBe(201);
    expect((await call(b, 'secretariat', 'POST', `/api/drafts/${draft.id}/silence/${started.body.id}/cancel`, { reason: 'Wrong clause' })).status).toBe(200);
    await expect
      .poll(async () => (await bell('de')).find((n) => n.kind === 'silence_completed' && n.refId === started.body.id)?.text)
      .toBe(`Clause ${other.number}: silence procedure withdrawn by the secretariat: Wrong clause`);
  });
});

/**
 * Optional e-mail (SMTP_URL): one digest per person of their unread notifications, at
 * most one per EMAIL_DIGEST_MINUTES, except silence deadlines, which go out at once.
 * Each person's cursor (`email_digests.sent_up_to`) marks what was already e-mailed; an
 * instance composing a digest holds a short lease on the row, so that two instances
 * never send the same digest. A digest that cannot be sent leaves the cursor where it
 * was (the next pass tries again); nothing here ever fails the action that notified.
 */
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { NotificationDto } from '@/lib/api/comment-types';
import type { Identity } from '@/lib/domain/identity';
import { IMMEDIATE_EMAIL_KINDS, NOTIFICATION_KIND_INFO } from '@/lib/notifications/kinds';
import type { Database } from '../db/client';
import { emailDigests, notifications, users } from '../db/schema';
import type { NotificationService } from './notification-service';
import type { NotificationPreferences } from './preferences';

export interface EmailDigestOptions {
  db: Database;
  notifications: NotificationService;
  preferences: NotificationPreferences;
  logger: Logger;
  smtpUrl: string;
  from: string;
  digestMinutes: number;
  /** Links in the e-mail point here (PUBLIC_URL); relative paths without it. */
  publicUrl?: string;
}

const LEASE_SECONDS = 120;

function linkOf(n: NotificationDto, base: string): string {
  return `${base}/drafts/${encodeURIComponent(n.draftId)}${n.clauseNumber ? `#clause-${n.clauseNumber}` : ''}`;
}

/** The e-mail of a digest: plain text, one entry per notification. */
export function composeDigest(items: NotificationDto[], base: string): { subject: string; text: string } {
  const urgent = items.find((n) => IMMEDIATE_EMAIL_KINDS.includes(n.kind));
  const subject = urgent ? `Accord: ${urgent.text.slice(0, 120)}` : `Accord: ${items.length} new notification${items.length === 1 ? '' : 's'}`;
  const lines = items.map(
    (n) => `• ${NOTIFICATION_KIND_INFO[n.kind].label} — ${n.draftTitle}\n  ${n.text}\n  ${n.createdAt.slice(0, 16).replace('T', ' ')} UTC · ${linkOf(n, base)}`,
  );
  const text = `${lines.join('\n\n')}\n\nChoose which notifications you receive in Accord, under the bell.\n`;
  return { subject, text };
}

export function createEmailDigest(o: EmailDigestOptions) {
  const { db, logger } = o;
  const transport = nodemailer.createTransport(o.smtpUrl);
  const periodSeconds = Math.round(o.digestMinutes * 60);
  const base = (o.publicUrl ?? '').replace(/\/$/, '');
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Take the person's lease (for a regular digest only when the last one is a period old). */
  async function claim(userId: string, immediate: boolean): Promise<boolean> {
    await db
      .insert(emailDigests)
      .values({ userId, sentUpTo: sql`now() - make_interval(secs => ${periodSeconds})` })
      .onConflictDoNothing();
    const rows = await db
      .update(emailDigests)
      .set({ claimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(
        and(
          eq(emailDigests.userId, userId),
          or(isNull(emailDigests.claimedUntil), lte(emailDigests.claimedUntil, sql`now()`)),
          ...(immediate ? [] : [or(isNull(emailDigests.lastSentAt), lte(emailDigests.lastSentAt, sql`now() - make_interval(secs => ${periodSeconds})`))]),
        ),
      )
      .returning({ userId: emailDigests.userId });
    return rows.length > 0;
  }

  async function release(userId: string, sentIds: string[] | null): Promise<void> {
    await db
      .update(emailDigests)
      .set(
        sentIds && sentIds.length > 0
          ? {
              sentUpTo: sql`(select max(${notifications.createdAt}) from ${notifications} where ${inArray(notifications.id, sentIds)})`,
              lastSentAt: sql`now()`,
              claimedUntil: null,
            }
          : { claimedUntil: null },
      )
      .where(eq(emailDigests.userId, userId));
  }

  /** Compose and send one person's digest if they have something unread and want e-mail; true when one went out. */
  async function digestFor(userId: string, immediate: boolean): Promise<boolean> {
    const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user || user.disabled) return false;
    if (!(await o.preferences.of(userId)).email) return false;
    if (!(await claim(userId, immediate))) return false;
    const identity: Identity = { userId, email: user.email, name: user.name, role: user.role, delegation: user.delegationCode };
    let sent: string[] | null = null;
    try {
      const items = await o.notifications.unreadForDigest(identity);
      if (items.length === 0) return false;
      const mail = composeDigest(items, base);
      await transport.sendMail({ from: o.from, to: user.email, subject: mail.subject, text: mail.text });
      sent = items.map((n) => n.id);
      logger.info({ userId, count: items.length, immediate }, 'notification digest e-mailed');
      return true;
    } catch (err) {
      logger.error({ err, userId }, 'notification digest could not be e-mailed; retrying at the next pass');
      return false;
    } finally {
      await release(userId, sent).catch((err: unknown) => logger.error({ err, userId }, 'could not release the digest lease'));
    }
  }

  function enqueue(work: () => Promise<unknown>): Promise<void> {
    chain = chain.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (err) {
        logger.error({ err }, 'notification e-mail pass failed');
      }
    });
    return chain;
  }

  /** One pass: a digest for everyone whose last one is a period old and who has unread notifications. */
  async function pass(): Promise<void> {
    const people = await db.select({ id: users.id }).from(users).where(eq(users.disabled, false));
    for (const p of people) {
      if (stopped) return;
      await digestFor(p.id, false);
    }
  }

  o.notifications.onDelivered((kind, recipients) => {
    if (!IMMEDIATE_EMAIL_KINDS.includes(kind)) return;
    for (const r of recipients) {
      // Another instance may hold the lease for a moment: try again shortly, a few times.
      void enqueue(async () => {
        for (let attempt = 0; attempt < 5 && !stopped; attempt++) {
          if (await digestFor(r.userId, true)) return;
          const [row] = await db.select({ claimedUntil: emailDigests.claimedUntil }).from(emailDigests).where(eq(emailDigests.userId, r.userId));
          if (!row?.claimedUntil || row.claimedUntil.getTime() < Date.now()) return;
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      });
    }
  });

  return {
    start(): void {
      const every = Math.max(1000, Math.min(60_000, (periodSeconds * 1000) / 2));
      timer = setInterval(() => void enqueue(pass), every);
      timer.unref();
      void enqueue(pass);
    },
    /** Run a pass now (tests, and the first pass at start). */
    runPass: () => enqueue(pass),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await chain;
      transport.close();
    },
  };
}

export type EmailDigest = ReturnType<typeof createEmailDigest>;

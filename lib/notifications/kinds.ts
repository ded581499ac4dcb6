/**
 * The kinds of notification the bell (and the optional e-mail digest) carries, with the
 * words people choose them by. Shared by the server (who receives what), the preferences
 * API and the bell's settings.
 */
import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'alternative',
  'alternative_adopted',
  'text_restored',
  'status_changed',
  'silence_started',
  'silence_reminder',
  'silence_broken',
  'silence_completed',
  'mandate',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The kind of a mandate given or revoked (proxies: one delegation states another's
 * positions). Mandates are built separately; they notify with this kind through
 * `mandateNotice` in server/notifications/domain-notices.ts.
 */
export const MANDATE_NOTIFICATION_KIND = 'mandate' satisfies NotificationKind;

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS, { error: `must be one of ${NOTIFICATION_KINDS.join(', ')}` });

/** The label of each kind in the preferences, and what it covers. */
export const NOTIFICATION_KIND_INFO: Record<NotificationKind, { label: string; hint: string }> = {
  mention: { label: 'Mentions', hint: 'A comment mentions your delegation.' },
  reply: { label: 'Replies', hint: 'Someone replies to a thread of your delegation.' },
  alternative: { label: 'Alternatives proposed', hint: 'An alternative wording on a clause where you hold a position.' },
  alternative_adopted: { label: 'Alternatives adopted', hint: 'The secretariat adopts an alternative: the text changes.' },
  text_restored: { label: 'Text restored', hint: 'The secretariat restores earlier text of a clause.' },
  status_changed: { label: 'Status changes', hint: 'A clause changes status (agreed ad ref, agreed, withdrawn, …).' },
  silence_started: { label: 'Silence started', hint: 'A silence procedure starts, with its deadline.' },
  silence_reminder: { label: 'Silence deadlines', hint: 'A silence procedure ends in 24 hours, then in 1 hour (e-mailed at once).' },
  silence_broken: { label: 'Silence broken', hint: 'A delegation breaks silence.' },
  silence_completed: { label: 'Silence completed', hint: 'A silence procedure reaches its deadline: agreed, or not.' },
  mandate: { label: 'Mandates', hint: 'A mandate to speak for a delegation is given or revoked.' },
};

/** Kinds whose e-mail goes out at once instead of waiting for the digest. */
export const IMMEDIATE_EMAIL_KINDS: readonly NotificationKind[] = ['silence_reminder'];

/** A person's choice: the kinds they do not want (in the bell, live, or by e-mail), and whether they want e-mail at all. */
export interface NotificationPreferencesDto {
  muted: NotificationKind[];
  email: boolean;
  /** Whether this server sends e-mail at all (SMTP_URL set); read-only. */
  emailAvailable: boolean;
}

export const notificationPreferencesSchema = z
  .object({
    muted: z.array(notificationKindSchema).max(NOTIFICATION_KINDS.length * 2, { error: 'lists each kind at most once' }),
    email: z.boolean({ error: 'email is true or false' }),
  })
  .strict();

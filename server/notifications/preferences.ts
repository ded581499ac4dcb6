/**
 * Per-person notification preferences: the kinds someone does not want (not listed, not
 * pushed, not e-mailed) and whether they want e-mail. No row means every kind, e-mail on.
 */
import { inArray, eq } from 'drizzle-orm';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferencesDto } from '@/lib/notifications/kinds';
import type { Database } from '../db/client';
import { notificationPreferences } from '../db/schema';

export interface Preference {
  muted: NotificationKind[];
  email: boolean;
}

const DEFAULT: Preference = { muted: [], email: true };

function clean(muted: readonly string[]): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => muted.includes(k));
}

export function createNotificationPreferences(db: Database, emailAvailable: boolean) {
  async function of(userId: string): Promise<Preference> {
    const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).limit(1);
    return row ? { muted: clean(row.muted), email: row.email } : DEFAULT;
  }

  return {
    of,

    /** Preferences of several people at once (defaults for those without a row). */
    async ofMany(userIds: readonly string[]): Promise<Map<string, Preference>> {
      const out = new Map<string, Preference>(userIds.map((id) => [id, DEFAULT]));
      if (userIds.length === 0) return out;
      const rows = await db
        .select()
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.userId, [...userIds]));
      for (const row of rows) out.set(row.userId, { muted: clean(row.muted), email: row.email });
      return out;
    },

    async get(userId: string): Promise<NotificationPreferencesDto> {
      return { ...(await of(userId)), emailAvailable };
    },

    async put(userId: string, input: { muted: NotificationKind[]; email: boolean }): Promise<NotificationPreferencesDto> {
      const muted = clean(input.muted);
      await db
        .insert(notificationPreferences)
        .values({ userId, muted, email: input.email })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { muted, email: input.email, updatedAt: new Date() } });
      return { muted, email: input.email, emailAvailable };
    },
  };
}

export type NotificationPreferences = ReturnType<typeof createNotificationPreferences>;

/**
 * Users and their identities. Identity is always loaded fresh from here (not from
 * the JWT) when a request or connection is authorised, so that disabling a user or
 * changing their role takes effect at once.
 */
import { eq } from 'drizzle-orm';
import type { Identity } from '@/lib/domain/identity';
import type { Role } from '@/lib/domain/vocabulary';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { burnPasswordCheck, verifyPassword } from '../auth/password';
import { isUuid } from '@/lib/validation/uuid';
import type { Locale } from '@/lib/i18n/locales';

export interface StoredIdentity extends Identity {
  authVersion: number;
  /** The interface language the person chose; null until they choose (then the browser's decides). */
  locale?: Locale | null;
}

function toIdentity(row: typeof users.$inferSelect): StoredIdentity {
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    delegation: row.delegationCode,
    authVersion: row.authVersion,
    locale: row.locale ?? null,
  };
}

export function createUserStore(db: Database) {
  return {
    /** The identity of an enabled user, or null for unknown or disabled users. */
    async findIdentity(userId: string): Promise<StoredIdentity | null> {
      if (!isUuid(userId)) return null;
      const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
      if (!row || row.disabled) return null;
      return toIdentity(row);
    },

    async findIdentityByEmail(email: string): Promise<StoredIdentity | null> {
      const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
      if (!row || row.disabled) return null;
      return toIdentity(row);
    },

    /**
     * Check an email and password. Returns the identity, or null for any failure
     * (unknown email, wrong password, disabled account) in roughly constant time.
     */
    async verifyCredentials(email: string, password: string): Promise<StoredIdentity | null> {
      const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
      if (!row || !row.passwordHash || row.disabled) {
        await burnPasswordCheck(password);
        return null;
      }
      return (await verifyPassword(password, row.passwordHash)) ? toIdentity(row) : null;
    },

    /** Store the person's interface language (their own choice: no audit entry, no session change). */
    async setLocale(userId: string, locale: Locale): Promise<void> {
      await db.update(users).set({ locale }).where(eq(users.id, userId));
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;

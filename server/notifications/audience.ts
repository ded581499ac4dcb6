/**
 * Who a notification is addressed to. A row names an audience: a delegation's code, or
 * `#secretariat` for the secretariat's officers. The people of an audience are its
 * enabled accounts; the person who caused the notification never receives it.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Identity } from '@/lib/domain/identity';
import type { Database } from '../db/client';
import { users } from '../db/schema';

export const SECRETARIAT_AUDIENCE = '#secretariat';

/** The audience whose notifications a person reads: their delegation, the secretariat, or none (an unaffiliated observer). */
export function audienceOf(identity: Pick<Identity, 'role' | 'delegation'>): string | null {
  if (identity.delegation) return identity.delegation;
  return identity.role === 'secretariat' ? SECRETARIAT_AUDIENCE : null;
}

export interface Recipient {
  userId: string;
  email: string;
  name: string;
  audience: string;
}

/** The enabled people of the given audiences, `exceptUserId` left out. */
export async function peopleOf(db: Database, audiences: readonly string[], exceptUserId: string | null): Promise<Recipient[]> {
  const codes = audiences.filter((a) => a !== SECRETARIAT_AUDIENCE);
  const rows: Array<{ userId: string; email: string; name: string; audience: string | null }> = [];
  if (codes.length > 0) {
    rows.push(
      ...(await db
        .select({ userId: users.id, email: users.email, name: users.name, audience: users.delegationCode })
        .from(users)
        .where(and(inArray(users.delegationCode, codes), eq(users.disabled, false), ...(exceptUserId ? [ne(users.id, exceptUserId)] : [])))),
    );
  }
  if (audiences.includes(SECRETARIAT_AUDIENCE)) {
    rows.push(
      ...(
        await db
          .select({ userId: users.id, email: users.email, name: users.name, audience: users.delegationCode })
          .from(users)
          .where(and(eq(users.role, 'secretariat'), eq(users.disabled, false), ...(exceptUserId ? [ne(users.id, exceptUserId)] : [])))
      ).map((r) => ({ ...r, audience: SECRETARIAT_AUDIENCE })),
    );
  }
  return rows.map((r) => ({ userId: r.userId, email: r.email, name: r.name, audience: r.audience ?? SECRETARIAT_AUDIENCE }));
}

/**
 * User management by the secretariat: list, create, change role or delegation,
 * disable, sign out everywhere. Any change of rights bumps the user's authVersion
 * (their sessions and tokens stop working at once) and closes their live connections
 * with the re-authorise code, on every instance.
 */
import crypto from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { UserDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { DelegationCode, Role } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/client';
import { delegations, users } from '../db/schema';
import { isUuid } from '@/lib/validation/uuid';

export interface UserChanges {
  name?: string;
  role?: Role;
  delegation?: DelegationCode | null;
  disabled?: boolean;
}

function toDto(row: typeof users.$inferSelect): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    delegation: row.delegationCode,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}

function requireSecretariat(identity: Identity): void {
  if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: 'Only the secretariat manages users.' });
}

export function createUserAdmin(options: { db: Database; revoke: (userId: string) => void }) {
  const { db } = options;

  async function checkDelegation(role: Role, delegation: DelegationCode | null): Promise<void> {
    if (role === 'delegate' && !delegation) throw new AppError('bad_request', { message: 'A delegate belongs to a delegation: give its code.' });
    if (role === 'secretariat' && delegation) throw new AppError('bad_request', { message: 'Secretariat staff belong to no delegation.' });
    if (delegation) {
      const [row] = await db.select({ code: delegations.code }).from(delegations).where(eq(delegations.code, delegation)).limit(1);
      if (!row) throw new AppError('not_found', { message: `No delegation ${delegation}.` });
    }
  }

  async function endAllSessions(identity: Identity, userId: string): Promise<void> {
    if (!isUuid(userId)) throw new AppError('not_found', { message: 'No such user.' });
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(users)
        .set({ authVersion: sql`${users.authVersion} + 1` })
        .where(eq(users.id, userId))
        .returning({ email: users.email });
      if (!updated) throw new AppError('not_found', { message: 'No such user.' });
      await writeAudit(tx, {
        actor: identity,
        action: 'user.signed_out_everywhere',
        subject: updated.email,
        details: { userId, self: userId === identity.userId },
      });
    });
    options.revoke(userId);
  }

  return {
    /**
     * The secretariat ends every session of a person: their authVersion is bumped (every
     * cookie and collab token they hold is refused) and their live connections close on
     * every instance.
     * @throws AppError forbidden (not secretariat), not_found.
     */
    async signOutEverywhere(identity: Identity, userId: string): Promise<void> {
      requireSecretariat(identity);
      await endAllSessions(identity, userId);
    },

    /** A person ends every session of their own, this one included (see signOutEverywhere). */
    async signOutSelfEverywhere(identity: Identity): Promise<void> {
      await endAllSessions(identity, identity.userId);
    },

    async list(identity: Identity): Promise<UserDto[]> {
      requireSecretariat(identity);
      return (await db.select().from(users).orderBy(asc(users.email))).map(toDto);
    },

    /** Create an account; returns it with a generated password when none was given. */
    async create(
      identity: Identity,
      input: { email: string; name: string; role: Role; delegation: DelegationCode | null; password?: string },
    ): Promise<{ user: UserDto; password?: string }> {
      requireSecretariat(identity);
      await checkDelegation(input.role, input.delegation);
      const email = input.email.trim().toLowerCase();
      const password = input.password ?? crypto.randomBytes(12).toString('base64url');
      const passwordHash = await hashPassword(password);
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({ email, name: input.name.trim(), role: input.role, delegationCode: input.delegation, passwordHash })
          .onConflictDoNothing()
          .returning();
        if (!created) throw new AppError('conflict', { message: `An account for ${email} already exists.` });
        await writeAudit(tx, {
          actor: identity,
          action: 'user.created',
          subject: email,
          details: { userId: created.id, role: input.role, delegation: input.delegation },
        });
        return created;
      });
      return { user: toDto(row), ...(input.password ? {} : { password }) };
    },

    async update(identity: Identity, userId: string, changes: UserChanges): Promise<UserDto> {
      requireSecretariat(identity);
      if (!isUuid(userId)) throw new AppError('not_found', { message: 'No such user.' });
      const [current] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
      if (!current) throw new AppError('not_found', { message: 'No such user.' });
      if (userId === identity.userId && (changes.disabled || (changes.role && changes.role !== 'secretariat'))) {
        throw new AppError('conflict', { message: 'You cannot disable yourself or give up your own secretariat role.' });
      }
      const role = changes.role ?? (current.role as Role);
      const delegation = changes.delegation !== undefined ? changes.delegation : current.delegationCode;
      await checkDelegation(role, delegation);
      const rightsChanged =
        role !== current.role || delegation !== current.delegationCode || (changes.disabled !== undefined && changes.disabled !== current.disabled);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(users)
          .set({
            name: changes.name?.trim() || current.name,
            role,
            delegationCode: delegation,
            disabled: changes.disabled ?? current.disabled,
            ...(rightsChanged ? { authVersion: sql`${users.authVersion} + 1` } : {}),
          })
          .where(eq(users.id, userId))
          .returning();
        await writeAudit(tx, {
          actor: identity,
          action: 'user.updated',
          subject: current.email,
          details: {
            userId,
            from: { role: current.role, delegation: current.delegationCode, disabled: current.disabled },
            to: { role: updated.role, delegation: updated.delegationCode, disabled: updated.disabled },
          },
        });
        return updated;
      });
      if (rightsChanged) options.revoke(userId);
      return toDto(row);
    },
  };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;

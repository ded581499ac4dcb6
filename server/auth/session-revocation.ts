/**
 * Signing out ends the session everywhere. Each session JWT carries a random `sid`
 * (minted at sign-in, also copied into collab tokens). Signing out records the sid in
 * `revoked_sessions` until the session would have expired anyway, so every instance
 * refuses the old cookie on HTTP, on `/yjs` and on socket.io; the session's open Yjs
 * connections close with the re-authorise code (4001) and its sockets are
 * disconnected, here and (through the fan-out control channel and the socket.io
 * adapter) on every other instance.
 */
import { eq, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { writeAudit } from '../audit/audit-log';
import type { Fanout } from '../collab/fanout';
import type { Database } from '../db/client';
import { revokedSessions } from '../db/schema';
import type { StoredIdentity } from '../users/user-store';

/** Known revoked sids kept in memory; beyond this the database alone answers. */
const MAX_CACHED = 10_000;

export interface SessionRevocationOptions {
  db: Database;
  fanout: Fanout;
  logger: Logger;
  /** The session lifetime: a revoked sid is kept this long, then pruned. */
  maxAgeSeconds: number;
  /** Close this instance's Yjs connections of a session; returns how many were open. */
  closeYjs(sid: string): number;
  /** Disconnect a session's socket.io sockets (on every instance, through the adapter). */
  disconnectSockets(sid: string): void;
}

export interface SessionRevocation {
  /** Whether a session was signed out (answered from memory when known, else from the database). */
  isRevoked(sid: string): Promise<boolean>;
  /**
   * Sign a session out: record its sid (audited with the person, when known), then close
   * its live connections everywhere. Throws when the database write fails, in which case
   * nothing is closed and the session stays valid.
   */
  signOut(session: { sid: string; identity: StoredIdentity | null }): Promise<void>;
  /** Delete rows of sessions that have expired anyway; returns how many. */
  prune(now?: Date): Promise<number>;
}

export function createSessionRevocation(options: SessionRevocationOptions): SessionRevocation {
  const { db, logger } = options;
  const known = new Map<string, number>();

  function remember(sid: string, expiresAt: number): void {
    if (known.size >= MAX_CACHED) known.clear();
    known.set(sid, expiresAt);
  }

  function closeHere(sid: string): void {
    const closed = options.closeYjs(sid);
    logger.info({ closed }, 'closed the connections of a signed-out session');
  }

  options.fanout.onControl((message) => {
    if (message.type !== 'session-revoked') return;
    remember(message.sid, Date.now() + options.maxAgeSeconds * 1000);
    closeHere(message.sid);
  });

  async function prune(now = new Date()): Promise<number> {
    const deleted = await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now)).returning({ sid: revokedSessions.sid });
    for (const [sid, expiresAt] of known) if (expiresAt < now.getTime()) known.delete(sid);
    return deleted.length;
  }

  return {
    async isRevoked(sid) {
      const cached = known.get(sid);
      if (cached !== undefined) return true;
      const [row] = await db.select({ expiresAt: revokedSessions.expiresAt }).from(revokedSessions).where(eq(revokedSessions.sid, sid)).limit(1);
      if (!row) return false;
      remember(sid, row.expiresAt.getTime());
      return true;
    },

    async signOut({ sid, identity }) {
      const expiresAt = new Date(Date.now() + options.maxAgeSeconds * 1000);
      await db.transaction(async (tx) => {
        await tx
          .insert(revokedSessions)
          .values({ sid, userId: identity?.userId ?? null, expiresAt })
          .onConflictDoUpdate({ target: revokedSessions.sid, set: { expiresAt: sql`excluded.expires_at` } });
        if (identity) await writeAudit(tx, { actor: identity, action: 'user.signed_out', subject: identity.email, details: { userId: identity.userId } });
      });
      remember(sid, expiresAt.getTime());
      closeHere(sid);
      options.disconnectSockets(sid);
      options.fanout.publishControl({ type: 'session-revoked', sid });
      // Expired rows go on the way out; sign-outs are rare enough to carry this.
      prune().catch((err: unknown) => logger.warn({ err }, 'could not prune revoked sessions'));
    },

    prune,
  };
}

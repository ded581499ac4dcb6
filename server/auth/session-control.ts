/**
 * Wires session ending and connection bounds into the running server: one place that
 * knows how to sign a session out everywhere (revocation record, Yjs connections,
 * socket.io sockets) and holds the per-person and per-address websocket bounds. The
 * composition root creates it before the Yjs endpoint and socket.io exist, so it
 * reaches them through getters.
 */
import type { Logger } from 'pino';
import type { CollabEndpoint } from '../collab/collab-endpoint';
import { ConnectionLimits } from '../collab/connection-limits';
import type { Fanout } from '../collab/fanout';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { sessionRoom, type AccordIo } from '../realtime/socket-server';
import type { UserStore } from '../users/user-store';
import { createSessionRevocation, type SessionRevocation } from './session-revocation';

export interface SessionControl {
  revocation: SessionRevocation;
  limits: ConnectionLimits;
  /** Whether a session is still accepted: the person is enabled, their rights unchanged, the session not signed out. */
  isCurrent(session: { userId: string; sid: string; authVersion: unknown }): Promise<boolean>;
  /** NextAuth's sign-out event: end this session everywhere (audited with the person when they still exist). */
  signOut(session: { sid: string; userId: string | null }): Promise<void>;
}

export function createSessionControl(options: {
  env: Env;
  db: Database;
  fanout: Fanout;
  users: UserStore;
  logger: Logger;
  collab: () => CollabEndpoint | undefined;
  io: () => AccordIo | undefined;
}): SessionControl {
  const { env } = options;
  const revocation = createSessionRevocation({
    db: options.db,
    fanout: options.fanout,
    logger: options.logger,
    maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
    closeYjs: (sid) => options.collab()?.closeConnectionsOfSession(sid) ?? 0,
    // With the Redis adapter this reaches the session's sockets on every instance.
    disconnectSockets: (sid) => options.io()?.in(sessionRoom(sid)).disconnectSockets(true),
  });
  const limits = new ConnectionLimits({
    yjsPerUser: env.YJS_MAX_CONNECTIONS_PER_USER,
    socketsPerUser: env.SOCKET_MAX_CONNECTIONS_PER_USER,
    pendingPerAddress: env.UPGRADE_MAX_PENDING_PER_ADDRESS,
    trustedHops: env.TRUST_PROXY,
  });
  return {
    revocation,
    limits,
    async isCurrent({ userId, sid, authVersion }) {
      const [identity, revoked] = await Promise.all([options.users.findIdentity(userId), revocation.isRevoked(sid)]);
      return identity !== null && identity.authVersion === authVersion && !revoked;
    },
    async signOut({ sid, userId }) {
      const identity = userId ? await options.users.findIdentity(userId) : null;
      await revocation.signOut({ sid, identity });
    },
  };
}

/**
 * When a person's rights change, their live connections are closed here and on every
 * other instance (the client reconnects and is checked again): Yjs connections through
 * the fan-out's control channel, socket.io sockets through its adapter.
 */
import type { Logger } from 'pino';
import type { CollabEndpoint } from '../collab/collab-endpoint';
import type { Fanout } from '../collab/fanout';
import type { RealtimePublisher } from '../realtime/publisher';

export interface Revocation {
  /** The Yjs endpoint whose connections are closed (it exists once the HTTP server does). */
  attach(endpoint: Pick<CollabEndpoint, 'closeConnectionsOf'>): void;
  /** Close every live connection of the person, on every instance. */
  revoke(userId: string): void;
}

export function createRevocation({ fanout, realtime, logger }: { fanout: Fanout; realtime: RealtimePublisher; logger: Logger }): Revocation {
  let endpoint: Pick<CollabEndpoint, 'closeConnectionsOf'> | undefined;
  const revokeLocally = (userId: string) => {
    const closed = endpoint?.closeConnectionsOf(userId) ?? 0;
    logger.info({ userId, closed }, 'closed connections after a change of rights');
  };
  fanout.onControl((message) => {
    if (message.type === 'reauthorise') revokeLocally(message.userId);
  });
  return {
    attach(e) {
      endpoint = e;
    },
    revoke(userId) {
      revokeLocally(userId);
      fanout.publishControl({ type: 'reauthorise', userId });
      // With the Redis adapter this reaches the person's sockets on every instance.
      realtime.disconnectUser(userId);
    },
  };
}

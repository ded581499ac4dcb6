/**
 * socket.io's Redis adapter, when REDIS_URL is set: events reach sockets on every
 * instance. Its two connections are also lent to the login throttle.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../env';
import type { createSocketServer } from './socket-server';

export type SocketAdapter = NonNullable<Parameters<typeof createSocketServer>[1]['adapter']>;

export interface SocketAdapterSetup {
  adapter?: SocketAdapter;
  /** [publisher, subscriber]; empty without Redis. */
  clients: Redis[];
  close(): Promise<void>;
}

export async function createSocketAdapter(env: Env, logger: Logger): Promise<SocketAdapterSetup> {
  if (!env.REDIS_URL) return { clients: [], close: async () => {} };
  const { Redis } = await import('ioredis');
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const pub = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err: Error) => logger.warn({ err: err.message }, 'socket.io redis adapter connection error'));
  logger.info({ prefix: env.REDIS_PREFIX }, 'fan-out through redis');
  return {
    adapter: createAdapter(pub, sub, { key: `${env.REDIS_PREFIX}:socket.io` }),
    clients: [pub, sub],
    close: async () => {
      await Promise.allSettled([pub, sub].map((c) => c.quit()));
    },
  };
}

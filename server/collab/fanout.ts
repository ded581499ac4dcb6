/**
 * Fan-out of document updates, awareness and clause-status changes between server
 * instances serving the same drafts. Without REDIS_URL there is one instance and
 * nothing to fan out (the in-process driver only loops back to local subscribers of
 * other rooms, which do not exist); with REDIS_URL, Redis pub/sub carries binary
 * messages on one channel per draft.
 *
 * Delivery: Redis pub/sub is at-most-once. Updates are stored in the database before
 * they are published, so a missed message is recovered from the log: each instance
 * re-reads the recent log of its loaded drafts periodically and re-reads whole drafts
 * after its Redis connection comes back; clients also resync on reconnect.
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export const FANOUT_KIND = { update: 0, awareness: 1, clauses: 2 } as const;
export type FanoutKind = keyof typeof FANOUT_KIND;
/** Frame kind of an update that carries its log id (instances that predate it ignore it and catch up from the log). */
const UPDATE_WITH_ID = 3;

export interface FanoutMessage {
  kind: FanoutKind;
  payload: Uint8Array;
  /** For updates: the update's id in the log, so that catching up can skip what was received. */
  logId?: number;
}

export type FanoutHandler = (message: FanoutMessage) => void;

/** Control messages between instances: a person's rights changed, one session was signed out, or a silence deadline was set. */
export type ControlMessage =
  { type: 'reauthorise'; userId: string } | { type: 'session-revoked'; sid: string } | { type: 'silence-scheduled'; deadline: string };

/** A control message as received from another instance, or null when it is not one. */
export function parseControl(value: unknown): ControlMessage | null {
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  if (m.type === 'reauthorise' && typeof m.userId === 'string') return { type: 'reauthorise', userId: m.userId };
  if (m.type === 'session-revoked' && typeof m.sid === 'string') return { type: 'session-revoked', sid: m.sid };
  if (m.type === 'silence-scheduled' && typeof m.deadline === 'string' && !Number.isNaN(Date.parse(m.deadline))) {
    return { type: 'silence-scheduled', deadline: m.deadline };
  }
  return null;
}

export interface Fanout {
  readonly kind: 'local' | 'redis';
  publish(draftId: string, message: FanoutMessage): void;
  subscribe(draftId: string, handler: FanoutHandler): Promise<void>;
  /** Removes the handler if it is still the draft's current one. */
  unsubscribe(draftId: string, handler: FanoutHandler): Promise<void>;
  /** Instance-wide control messages (e.g. "re-authorise user X"), delivered to every other instance. */
  publishControl(message: ControlMessage): void;
  onControl(handler: (message: ControlMessage) => void): void;
  /** Called after a lost connection to the bus is back: loaded drafts should re-read their log. */
  onReconnect(handler: () => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Counters for metrics. */
  readonly stats: { published: number; received: number; errors: number };
}

/** One process: nothing crosses instances. */
export function createLocalFanout(): Fanout {
  return {
    kind: 'local',
    publish: () => undefined,
    publishControl: () => undefined,
    onControl: () => undefined,
    subscribe: async () => undefined,
    unsubscribe: async () => undefined,
    onReconnect: () => undefined,
    ping: async () => true,
    close: async () => undefined,
    stats: { published: 0, received: 0, errors: 0 },
  };
}

const KINDS: FanoutKind[] = ['update', 'awareness', 'clauses'];
const INSTANCE_BYTES = 16;

/** Frame: [kind][16-byte instance id][payload], or [3][instance][8-byte log id][update]. */
export function encodeFanout(instance: Buffer, message: FanoutMessage): Buffer {
  if (message.kind === 'update' && message.logId !== undefined) {
    const id = Buffer.alloc(8);
    id.writeBigUInt64BE(BigInt(message.logId));
    return Buffer.concat([Buffer.from([UPDATE_WITH_ID]), instance, id, Buffer.from(message.payload)]);
  }
  return Buffer.concat([Buffer.from([FANOUT_KIND[message.kind]]), instance, Buffer.from(message.payload)]);
}

export function decodeFanout(frame: Buffer): { instance: Buffer; message: FanoutMessage } | null {
  if (frame.length < 1 + INSTANCE_BYTES) return null;
  const instance = frame.subarray(1, 1 + INSTANCE_BYTES);
  if (frame[0] === UPDATE_WITH_ID) {
    if (frame.length < 1 + INSTANCE_BYTES + 8) return null;
    const logId = Number(frame.readBigUInt64BE(1 + INSTANCE_BYTES));
    return { instance, message: { kind: 'update', logId, payload: new Uint8Array(frame.subarray(1 + INSTANCE_BYTES + 8)) } };
  }
  const kind = KINDS[frame[0]];
  if (!kind) return null;
  return { instance, message: { kind, payload: new Uint8Array(frame.subarray(1 + INSTANCE_BYTES)) } };
}

export function createRedisFanout(options: { url: string; prefix: string; logger: Logger }): Fanout {
  const instance = crypto.randomBytes(INSTANCE_BYTES);
  const redisOptions = { maxRetriesPerRequest: null, enableAutoPipelining: true, lazyConnect: false } as const;
  const pub = new Redis(options.url, redisOptions);
  const sub = new Redis(options.url, redisOptions);
  const handlers = new Map<string, FanoutHandler>();
  const reconnectHandlers: Array<() => void> = [];
  const stats = { published: 0, received: 0, errors: 0 };
  const channelOf = (draftId: string) => `${options.prefix}:yjs:${draftId}`;
  const controlChannel = `${options.prefix}:control`;
  const controlHandlers: Array<(message: ControlMessage) => void> = [];
  void sub.subscribe(controlChannel).catch((err: unknown) => options.logger.warn({ err }, 'could not subscribe to the control channel'));
  const prefixLength = `${options.prefix}:yjs:`.length;
  let everReady = false;

  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    client.on('error', (err: Error) => {
      stats.errors += 1;
      options.logger.warn({ err: err.message, client: name }, 'redis fan-out connection error');
    });
  }
  sub.on('ready', () => {
    // ioredis re-subscribes on reconnect; what was published meanwhile must come from the log.
    if (everReady) for (const h of reconnectHandlers) h();
    everReady = true;
  });
  sub.on('messageBuffer', (channel: Buffer, frame: Buffer) => {
    if (channel.toString('utf8') === controlChannel) {
      if (frame.subarray(0, INSTANCE_BYTES).equals(instance)) return;
      try {
        const message = parseControl(JSON.parse(frame.subarray(INSTANCE_BYTES).toString('utf8')));
        if (message) for (const h of controlHandlers) h(message);
      } catch {
        stats.errors += 1;
      }
      return;
    }
    const decoded = decodeFanout(frame);
    if (!decoded || decoded.instance.equals(instance)) return;
    const handler = handlers.get(channel.toString('utf8').slice(prefixLength));
    if (!handler) return;
    stats.received += 1;
    try {
      handler(decoded.message);
    } catch (err) {
      stats.errors += 1;
      options.logger.error({ err }, 'fan-out handler failed');
    }
  });

  return {
    kind: 'redis',
    stats,
    publish(draftId, message) {
      stats.published += 1;
      pub.publish(channelOf(draftId), encodeFanout(instance, message)).catch((err: unknown) => {
        stats.errors += 1;
        options.logger.warn({ err, draftId }, 'could not publish to redis; other instances will catch up from the log');
      });
    },
    publishControl(message) {
      pub.publish(controlChannel, Buffer.concat([instance, Buffer.from(JSON.stringify(message))])).catch((err: unknown) => {
        stats.errors += 1;
        options.logger.warn({ err }, 'could not publish a control message');
      });
    },
    onControl(handler) {
      controlHandlers.push(handler);
    },
    async subscribe(draftId, handler) {
      handlers.set(draftId, handler);
      await sub.subscribe(channelOf(draftId));
    },
    async unsubscribe(draftId, handler) {
      if (handlers.get(draftId) !== handler) return;
      handlers.delete(draftId);
      await sub.unsubscribe(channelOf(draftId)).catch(() => undefined);
    },
    onReconnect(handler) {
      reconnectHandlers.push(handler);
    },
    async ping() {
      try {
        return (await pub.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

/**
 * Bounds on websocket connections, so that one person or one address cannot tie up
 * the server: open Yjs connections and socket.io sockets per person, and upgrade
 * requests per remote address whose authentication is still pending ("half-open").
 * Counts are per instance: behind a load balancer each instance applies the bounds.
 */
import { clientAddress } from '../http/client-address';
import type { IncomingMessage } from 'node:http';

export interface ConnectionLimitsConfig {
  /** Open `/yjs` connections one person may hold. */
  yjsPerUser: number;
  /** Open socket.io sockets one person may hold. */
  socketsPerUser: number;
  /** Upgrades from one address whose authentication is still being checked. */
  pendingPerAddress: number;
  /** How many trusted proxies append to X-Forwarded-For (0: the peer address). */
  trustedHops: number;
}

/** Gives back a slot; calling it again does nothing. */
export type Release = () => void;

/** Counts per key with a ceiling; a slot is held until its release is called. */
class Counter {
  private readonly counts = new Map<string, number>();

  constructor(readonly max: number) {}

  take(key: string): Release | null {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return null;
    this.counts.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

export class ConnectionLimits {
  private readonly pending: Counter;
  private readonly yjs: Counter;
  private readonly sockets: Counter;

  constructor(private readonly config: ConnectionLimitsConfig) {
    this.pending = new Counter(config.pendingPerAddress);
    this.yjs = new Counter(config.yjsPerUser);
    this.sockets = new Counter(config.socketsPerUser);
  }

  /** The remote address of a request, as the throttles see it. */
  addressOf(req: IncomingMessage): string {
    return clientAddress(req, { trustedHops: this.config.trustedHops });
  }

  /** Hold a slot while an upgrade from `address` is authenticated; null when the address has too many pending. */
  beginPending(address: string): Release | null {
    return this.pending.take(address);
  }

  /** Hold a slot for an open Yjs connection of a person; null when they have the maximum open. */
  reserveYjs(userId: string): Release | null {
    return this.yjs.take(userId);
  }

  /** Hold a slot for an open socket.io socket of a person; null when they have the maximum open. */
  reserveSocket(userId: string): Release | null {
    return this.sockets.take(userId);
  }

  get maxYjsPerUser(): number {
    return this.config.yjsPerUser;
  }

  get maxSocketsPerUser(): number {
    return this.config.socketsPerUser;
  }

  /** Open Yjs connections of a person on this instance (for tests and metrics). */
  yjsOf(userId: string): number {
    return this.yjs.count(userId);
  }
}

/** The close reason (at most 123 bytes) for a Yjs connection refused by the per-person bound. */
export function tooManyYjsReason(max: number): string {
  return `Too many open editor connections for your account (limit ${max}). Close other tabs and reload.`;
}

/** The socket.io handshake error for a socket refused by the per-person bound. */
export function tooManySocketsMessage(max: number): string {
  return `rate_limited: too many live-update connections for your account (limit ${max}). Close other tabs and reload.`;
}

/** The HTTP body text for an upgrade refused by the per-address bound. */
export const TOO_MANY_PENDING_MESSAGE = 'Too many connection attempts from your address are still being checked. Wait a moment and retry.';

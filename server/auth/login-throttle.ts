/**
 * Throttles password guessing: failed sign-ins are counted per account and per client
 * address in a fixed window; past the limit, sign-in is refused with a message that
 * says when to try again. In-process by default; in Redis with several instances.
 */
import type { Redis } from 'ioredis';

export interface ThrottleConfig {
  accountFailures: number;
  addressFailures: number;
  windowSeconds: number;
}

export interface LoginThrottle {
  /** Seconds until the account or address may try again, or 0 when allowed. */
  retryAfter(account: string, address: string): Promise<number>;
  recordFailure(account: string, address: string): Promise<void>;
  recordSuccess(account: string): Promise<void>;
}

export const DEFAULT_THROTTLE: ThrottleConfig = { accountFailures: 5, addressFailures: 30, windowSeconds: 15 * 60 };

export function createMemoryThrottle(config: ThrottleConfig = DEFAULT_THROTTLE, now: () => number = Date.now): LoginThrottle {
  const counters = new Map<string, { count: number; resetAt: number }>();
  const get = (key: string) => {
    const entry = counters.get(key);
    if (!entry || entry.resetAt <= now()) return null;
    return entry;
  };
  const bump = (key: string) => {
    const entry = get(key) ?? { count: 0, resetAt: now() + config.windowSeconds * 1000 };
    entry.count += 1;
    counters.set(key, entry);
    if (counters.size > 100_000) for (const [k, v] of counters) if (v.resetAt <= now()) counters.delete(k);
  };
  const wait = (key: string, limit: number) => {
    const entry = get(key);
    return entry && entry.count >= limit ? Math.ceil((entry.resetAt - now()) / 1000) : 0;
  };
  return {
    async retryAfter(account, address) {
      return Math.max(wait(`a:${account}`, config.accountFailures), wait(`i:${address}`, config.addressFailures));
    },
    async recordFailure(account, address) {
      bump(`a:${account}`);
      bump(`i:${address}`);
    },
    async recordSuccess(account) {
      counters.delete(`a:${account}`);
    },
  };
}

export function createRedisThrottle(redis: Redis, prefix: string, config: ThrottleConfig = DEFAULT_THROTTLE): LoginThrottle {
  const key = (kind: string, id: string) => `${prefix}:login:${kind}:${id}`;
  const wait = async (k: string, limit: number) => {
    const [count, ttl] = await Promise.all([redis.get(k), redis.pttl(k)]);
    return Number(count ?? 0) >= limit && ttl > 0 ? Math.ceil(ttl / 1000) : 0;
  };
  const bump = async (k: string) => {
    const count = await redis.incr(k);
    if (count === 1) await redis.expire(k, config.windowSeconds);
  };
  return {
    async retryAfter(account, address) {
      const [a, i] = await Promise.all([wait(key('a', account), config.accountFailures), wait(key('i', address), config.addressFailures)]);
      return Math.max(a, i);
    },
    async recordFailure(account, address) {
      await Promise.all([bump(key('a', account)), bump(key('i', address))]);
    },
    async recordSuccess(account) {
      await redis.del(key('a', account));
    },
  };
}

export function describeRetry(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes <= 1 ? 'a minute' : `${minutes} minutes`}, or ask the secretariat to check your account.`;
}

/**
 * Throttles password guessing without letting strangers lock people out (SECURITY.md,
 * "Sign-in throttling"). Failed sign-ins are counted in a fixed window three ways:
 * - per account *and* address: past `pairFailures`, that address may not try that
 *   account again until the window ends;
 * - per address, over every account: past `addressFailures`, that address may not try
 *   any account (one address spraying many accounts);
 * - per account, over every address: never a refusal, only a growing delay before the
 *   password is checked (doubling from 250 ms, at most `accountDelayMaxSeconds`), so a
 *   guesser spread over many addresses is slowed while the delegate, from their own
 *   address, still signs in, however many failures others cause.
 * In-process by default; in Redis (shared by every instance) with REDIS_URL.
 */
import type { Redis } from 'ioredis';
import type { Env } from '../env';

export interface ThrottleConfig {
  /** Failures of one account from one address before that pair is refused. */
  pairFailures: number;
  /** Failures from one address, over all accounts, before that address is refused. */
  addressFailures: number;
  windowSeconds: number;
  /** Failures of an account, from anywhere, that cost no delay (typing mistakes). */
  accountFreeFailures: number;
  /** The longest delay before an account's password is checked (0: no delay). */
  accountDelayMaxSeconds: number;
}

/** What to do with a sign-in attempt before its password is checked. */
export interface ThrottleVerdict {
  /** Seconds until this account may be tried from this address again; 0 when allowed. */
  retryAfter: number;
  /** When allowed: how long to wait before checking the password. */
  delayMs: number;
}

export interface LoginThrottle {
  check(account: string, address: string): Promise<ThrottleVerdict>;
  recordFailure(account: string, address: string): Promise<void>;
  /** The pair starts again from zero; the account's delay stays until its window ends (the failures were someone's). */
  recordSuccess(account: string, address: string): Promise<void>;
}

export const DEFAULT_THROTTLE: ThrottleConfig = {
  pairFailures: 5,
  addressFailures: 30,
  windowSeconds: 15 * 60,
  accountFreeFailures: 3,
  accountDelayMaxSeconds: 4,
};

export function throttleConfigFromEnv(env: Pick<Env, 'LOGIN_MAX_FAILURES' | 'LOGIN_MAX_ADDRESS_FAILURES' | 'LOGIN_ACCOUNT_DELAY_MAX_SECONDS'>): ThrottleConfig {
  return {
    ...DEFAULT_THROTTLE,
    pairFailures: env.LOGIN_MAX_FAILURES,
    addressFailures: env.LOGIN_MAX_ADDRESS_FAILURES,
    accountDelayMaxSeconds: env.LOGIN_ACCOUNT_DELAY_MAX_SECONDS,
  };
}

/** The delay before checking a password for an account with `failures` recent failures from anywhere. */
export function accountDelayMs(failures: number, config: ThrottleConfig): number {
  const over = failures - config.accountFreeFailures;
  if (over < 0 || config.accountDelayMaxSeconds <= 0) return 0;
  return Math.min(config.accountDelayMaxSeconds * 1000, 250 * 2 ** Math.min(over, 20));
}

// JSON keeps "a:b" + "c" apart from "a" + "b:c" (addresses contain colons, and so may accounts).
const pairKey = (account: string, address: string) => `p:${JSON.stringify([account, address])}`;
const accountKey = (account: string) => `a:${account}`;
const addressKey = (address: string) => `i:${address}`;

export function createMemoryThrottle(config: ThrottleConfig = DEFAULT_THROTTLE, now: () => number = Date.now): LoginThrottle {
  const counters = new Map<string, { count: number; resetAt: number }>();
  const get = (key: string) => {
    const entry = counters.get(key);
    return entry && entry.resetAt > now() ? entry : null;
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
    async check(account, address) {
      const retryAfter = Math.max(wait(pairKey(account, address), config.pairFailures), wait(addressKey(address), config.addressFailures));
      return { retryAfter, delayMs: retryAfter > 0 ? 0 : accountDelayMs(get(accountKey(account))?.count ?? 0, config) };
    },
    async recordFailure(account, address) {
      bump(pairKey(account, address));
      bump(addressKey(address));
      bump(accountKey(account));
    },
    async recordSuccess(account, address) {
      counters.delete(pairKey(account, address));
    },
  };
}

export function createRedisThrottle(redis: Redis, prefix: string, config: ThrottleConfig = DEFAULT_THROTTLE): LoginThrottle {
  const key = (k: string) => `${prefix}:login:${k}`;
  return {
    async check(account, address) {
      const keys = [pairKey(account, address), addressKey(address), accountKey(account)].map(key);
      const replies = await redis
        .multi()
        .mget(...keys)
        .pttl(keys[0])
        .pttl(keys[1])
        .exec();
      if (!replies || replies.some(([err]) => err)) throw new Error('Redis did not answer the sign-in throttle check');
      const [pair, byAddress, byAccount] = (replies[0][1] as Array<string | null>).map((v) => Number(v ?? 0));
      const [pairTtl, addressTtl] = [replies[1][1] as number, replies[2][1] as number];
      const wait = (count: number, limit: number, ttl: number) => (count >= limit && ttl > 0 ? Math.ceil(ttl / 1000) : 0);
      const retryAfter = Math.max(wait(pair, config.pairFailures, pairTtl), wait(byAddress, config.addressFailures, addressTtl));
      return { retryAfter, delayMs: retryAfter > 0 ? 0 : accountDelayMs(byAccount, config) };
    },
    async recordFailure(account, address) {
      const multi = redis.multi();
      // INCR then EXPIRE NX in one transaction: the window starts at the first failure, and no key lives forever.
      for (const k of [pairKey(account, address), addressKey(address), accountKey(account)].map(key)) multi.incr(k).expire(k, config.windowSeconds, 'NX');
      const replies = await multi.exec();
      if (!replies || replies.some(([err]) => err)) throw new Error('Redis did not record a failed sign-in');
    },
    async recordSuccess(account, address) {
      await redis.del(key(pairKey(account, address)));
    },
  };
}

export function describeRetry(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins for this account from your network. Try again in ${minutes <= 1 ? 'a minute' : `${minutes} minutes`}, or ask the secretariat to check your account.`;
}

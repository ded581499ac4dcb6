/**
 * Sign-in throttling behind a trusted proxy (TRUST_PROXY=true), against the real server
 * with plain fetch. The test plays the proxy: the last X-Forwarded-For entry is the
 * address the proxy saw; anything before it is what the client wrote. A stranger
 * cannot keep a delegate out, and a forged left-most entry neither escapes the
 * per-address limits nor lands failures on somebody else's address.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/redis';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';

const redisUrl = await testRedisUrl();
// The in-process throttle, and the Redis one when TEST_REDIS_URL is set.
const VARIANTS = [{ name: 'in-process', redisUrl: undefined }, ...(redisUrl ? [{ name: 'Redis', redisUrl }] : [])];

let server: RunningServer;

/** A sign-in through the proxy: 'ok', 'wrong' (refused) or 'throttled' (refused with the retry message). */
async function attempt(email: string, password: string, forwardedFor: string): Promise<'ok' | 'wrong' | 'throttled'> {
  try {
    await signIn(server.url, email, password, { 'x-forwarded-for': forwardedFor });
    return 'ok';
  } catch (err) {
    return /Too%20many%20failed%20sign-ins/.test(String(err)) ? 'throttled' : 'wrong';
  }
}

describe.each(VARIANTS)('sign-in throttling behind a trusted proxy ($name)', ({ redisUrl: url }) => {
  beforeAll(async () => {
    server = await startServer({ redisUrl: url, env: { TRUST_PROXY: 'true', REDIS_PREFIX: `accord-signin-${crypto.randomUUID().slice(0, 8)}` } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('does not let ten failures from one address keep the delegate out from their own address', async () => {
    const attacker = '203.0.113.10';
    const outcomes = [];
    for (let i = 0; i < 10; i += 1) outcomes.push(await attempt('fr@accord.test', `guess-${i}`, attacker));
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('wrong'));
    expect(outcomes.slice(5)).toEqual(Array(5).fill('throttled'));
    // The attacker's address is refused even with the right password...
    expect(await attempt('fr@accord.test', INT_DEMO_PASSWORD, attacker)).toBe('throttled');
    // ...but the delegate, elsewhere, signs in (slowed by a few seconds at most).
    const started = Date.now();
    expect(await attempt('fr@accord.test', INT_DEMO_PASSWORD, '198.51.100.20')).toBe('ok');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('counts failures against the address the proxy saw, whatever left-most entry the client forges', async () => {
    const attacker = '203.0.113.11';
    for (let i = 0; i < 5; i += 1) expect(await attempt('de@accord.test', `guess-${i}`, `10.9.8.${i}, ${attacker}`)).toBe('wrong');
    expect(await attempt('de@accord.test', INT_DEMO_PASSWORD, `10.9.9.99, ${attacker}`)).toBe('throttled');
  });

  it('limits one address spraying many accounts, even when it rotates a forged left-most entry', async () => {
    const attacker = '203.0.113.12';
    for (let i = 0; i < 30; i += 1) {
      expect(await attempt(`nobody-${i}@accord.test`, 'guess', `172.16.${i}.1, ${attacker}`)).toBe('wrong');
    }
    expect(await attempt('pl@accord.test', INT_DEMO_PASSWORD, `172.16.200.1, ${attacker}`)).toBe('throttled');
    // Another address is not affected.
    expect(await attempt('pl@accord.test', INT_DEMO_PASSWORD, '198.51.100.21')).toBe('ok');
  });

  it('does not let a forged left-most entry lock out the address it names', async () => {
    const victim = '198.51.100.22';
    for (let i = 0; i < 10; i += 1) await attempt('ee@accord.test', `guess-${i}`, `${victim}, 203.0.113.13`);
    expect(await attempt('ee@accord.test', INT_DEMO_PASSWORD, victim)).toBe('ok');
  });
});

/**
 * The sign-in throttling policy as a suite, run against the in-process throttle
 * (login-throttle.test.ts) and the Redis one (login-throttle.int.test.ts): both must
 * behave alike, since an instance picks one by configuration.
 */
import { expect, it } from 'vitest';
import { accountDelayMs, type LoginThrottle, type ThrottleConfig } from './login-throttle';

export interface ThrottleFixture {
  /** A fresh throttle (its own counters) with this configuration. */
  make(config: ThrottleConfig): Promise<LoginThrottle>;
  /** Lets `seconds` pass for the throttle made last (a fake clock, or real time). */
  advance(seconds: number): Promise<void>;
}

const CONFIG: ThrottleConfig = { pairFailures: 5, addressFailures: 30, windowSeconds: 60, accountFreeFailures: 3, accountDelayMaxSeconds: 4 };
const FR = 'fr@accord.test';
const A = '203.0.113.1';
const B = '198.51.100.2';

async function fail(throttle: LoginThrottle, account: string, address: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await throttle.recordFailure(account, address);
}

export function throttleContract(fixture: ThrottleFixture): void {
  it('refuses an account from one address after its failures there, and nowhere else', async () => {
    const throttle = await fixture.make(CONFIG);
    await fail(throttle, FR, A, 4);
    expect((await throttle.check(FR, A)).retryAfter).toBe(0);
    await fail(throttle, FR, A, 1);
    const locked = await throttle.check(FR, A);
    expect(locked.retryAfter).toBeGreaterThan(55);
    expect(locked.retryAfter).toBeLessThanOrEqual(60);
    // The delegate, from their own address, is never refused: only slowed.
    expect(await throttle.check(FR, B)).toEqual({ retryAfter: 0, delayMs: accountDelayMs(5, CONFIG) });
    expect((await throttle.check('de@accord.test', A)).retryAfter).toBe(0);
  });

  it('never refuses an account from a fresh address, however many addresses failed on it; the delay is capped', async () => {
    const throttle = await fixture.make(CONFIG);
    for (let i = 0; i < 40; i += 1) await fail(throttle, FR, `192.0.2.${i}`, 5);
    expect(await throttle.check(FR, B)).toEqual({ retryAfter: 0, delayMs: 4000 });
  });

  it('slows an account from the fourth failure on, doubling up to the cap', async () => {
    const throttle = await fixture.make(CONFIG);
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      delays.push((await throttle.check(FR, B)).delayMs);
      await throttle.recordFailure(FR, `192.0.2.${i}`);
    }
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000]);
  });

  it('refuses an address that tries many accounts, and only that address', async () => {
    const throttle = await fixture.make({ ...CONFIG, addressFailures: 4 });
    for (const who of ['a', 'b', 'c', 'd']) await throttle.recordFailure(`${who}@x`, A);
    expect((await throttle.check('e@x', A)).retryAfter).toBeGreaterThan(0);
    expect((await throttle.check('e@x', B)).retryAfter).toBe(0);
  });

  it('forgets a pair on success, and everything when the window ends', async () => {
    const throttle = await fixture.make({ ...CONFIG, windowSeconds: 1 });
    await fail(throttle, FR, A, 5);
    expect((await throttle.check(FR, A)).retryAfter).toBeGreaterThan(0);
    await throttle.recordSuccess(FR, A);
    expect((await throttle.check(FR, A)).retryAfter).toBe(0);
    await fail(throttle, FR, A, 5);
    await fixture.advance(1.1);
    expect(await throttle.check(FR, A)).toEqual({ retryAfter: 0, delayMs: 0 });
  });

  it('keeps accounts and addresses that contain the separator apart', async () => {
    const throttle = await fixture.make(CONFIG);
    await fail(throttle, 'a:b', 'c', 5);
    expect((await throttle.check('a', 'b:c')).retryAfter).toBe(0);
  });
}

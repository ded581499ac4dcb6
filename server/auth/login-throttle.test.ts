import { describe, expect, it } from 'vitest';
import { createMemoryThrottle, describeRetry } from './login-throttle';

describe('login throttle', () => {
  it('blocks an account after its limit of failures until the window ends, and resets on success', async () => {
    let t = 0;
    const throttle = createMemoryThrottle({ accountFailures: 3, addressFailures: 100, windowSeconds: 60 }, () => t);
    for (let i = 0; i < 3; i += 1) {
      expect(await throttle.retryAfter('fr@accord.test', '1.2.3.4')).toBe(0);
      await throttle.recordFailure('fr@accord.test', '1.2.3.4');
    }
    expect(await throttle.retryAfter('fr@accord.test', '5.6.7.8')).toBe(60);
    expect(await throttle.retryAfter('de@accord.test', '1.2.3.4')).toBe(0);
    t += 61_000;
    expect(await throttle.retryAfter('fr@accord.test', '1.2.3.4')).toBe(0);
    await throttle.recordFailure('fr@accord.test', '1.2.3.4');
    await throttle.recordSuccess('fr@accord.test');
    expect(await throttle.retryAfter('fr@accord.test', '1.2.3.4')).toBe(0);
  });

  it('blocks an address that tries many accounts', async () => {
    const throttle = createMemoryThrottle({ accountFailures: 100, addressFailures: 4, windowSeconds: 60 }, () => 0);
    for (const who of ['a', 'b', 'c', 'd']) await throttle.recordFailure(`${who}@x`, '9.9.9.9');
    expect(await throttle.retryAfter('e@x', '9.9.9.9')).toBe(60);
    expect(await throttle.retryAfter('e@x', '8.8.8.8')).toBe(0);
  });

  it('says when to try again', () => {
    expect(describeRetry(30)).toMatch(/a minute/);
    expect(describeRetry(14 * 60 + 5)).toMatch(/15 minutes/);
  });
});

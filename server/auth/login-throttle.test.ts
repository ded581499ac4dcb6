import { describe, expect, it } from 'vitest';
import { accountDelayMs, createMemoryThrottle, DEFAULT_THROTTLE, describeRetry, throttleConfigFromEnv } from './login-throttle';
import { throttleContract } from './login-throttle.contract';

describe('in-process login throttle', () => {
  let t = 0;
  throttleContract({
    async make(config) {
      t = 0;
      return createMemoryThrottle(config, () => t);
    },
    async advance(seconds) {
      t += seconds * 1000;
    },
  });
});

describe('login throttle policy', () => {
  it('reads its limits from the environment', () => {
    expect(throttleConfigFromEnv({ LOGIN_MAX_FAILURES: 7, LOGIN_MAX_ADDRESS_FAILURES: 50, LOGIN_ACCOUNT_DELAY_MAX_SECONDS: 2 })).toEqual({
      ...DEFAULT_THROTTLE,
      pairFailures: 7,
      addressFailures: 50,
      accountDelayMaxSeconds: 2,
    });
  });

  it('has no account delay when the cap is 0', () => {
    expect(accountDelayMs(100, { ...DEFAULT_THROTTLE, accountDelayMaxSeconds: 0 })).toBe(0);
  });

  it('says when to try again', () => {
    expect(describeRetry(30)).toMatch(/a minute/);
    expect(describeRetry(14 * 60 + 5)).toMatch(/15 minutes/);
  });
});

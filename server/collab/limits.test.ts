import { describe, expect, it } from 'vitest';
import { ConnectionLimiter, TokenBucket } from './limits';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let t = 0;
    const bucket = new TokenBucket(10, 5, () => t);
    for (let i = 0; i < 5; i += 1) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    t += 100; // 0.1 s at 10/s refills one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    t += 10_000; // never more than the burst
    for (let i = 0; i < 5; i += 1) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
});

describe('ConnectionLimiter', () => {
  it('limits messages and bytes independently', () => {
    let t = 0;
    const limiter = new ConnectionLimiter({ messagesPerSecond: 100, messageBurst: 100, bytesPerSecond: 1000, byteBurst: 1000 }, () => t);
    expect(limiter.allow(900)).toBe(true);
    expect(limiter.allow(200)).toBe(false);
    t += 1000;
    expect(limiter.allow(200)).toBe(true);
  });
});

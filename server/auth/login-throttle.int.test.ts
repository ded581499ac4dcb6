/**
 * The Redis sign-in throttle against a real Redis (TEST_REDIS_URL), with the same policy
 * suite as the in-process one. Skipped without TEST_REDIS_URL (required under CI=true).
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { testRedisUrl } from '../../test/support/redis';
import { createRedisThrottle } from './login-throttle';
import { throttleContract } from './login-throttle.contract';

const redisUrl = await testRedisUrl();
const opened: Array<{ client: Redis; prefix: string }> = [];

afterAll(async () => {
  for (const { client, prefix } of opened) {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  }
});

describe.skipIf(!redisUrl)('Redis login throttle', () => {
  throttleContract({
    async make(config) {
      const client = new Redis(redisUrl!, { lazyConnect: true });
      await client.connect();
      const prefix = `accord-test-throttle-${crypto.randomUUID()}`;
      opened.push({ client, prefix });
      return createRedisThrottle(client, prefix, config);
    },
    async advance(seconds) {
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    },
  });
});

/**
 * The Redis server for fan-out suites: TEST_REDIS_URL. Without it the Redis suites are
 * skipped locally (null) and fail under CI=true.
 */
import net from 'node:net';

/**
 * Returns TEST_REDIS_URL once its host:port accepts a TCP connection; null when unset
 * outside CI. Throws when unset under CI=true, or set but unreachable.
 */
export async function testRedisUrl(): Promise<string | null> {
  const value = process.env.TEST_REDIS_URL?.trim();
  if (!value) {
    if (process.env.CI === 'true') throw new Error('TEST_REDIS_URL is not set, and CI=true requires the Redis suites to run.');
    return null;
  }
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`TEST_REDIS_URL ${host}:${port} did not answer within 3 s`));
    });
    socket.once('error', (err) => reject(new Error(`TEST_REDIS_URL ${host}:${port} is unreachable: ${err.message}`)));
  });
  return value;
}

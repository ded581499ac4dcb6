/**
 * A throwaway PostgreSQL database per test file, created on the server named by
 * TEST_DATABASE_URL. Without TEST_DATABASE_URL the PostgreSQL suites are skipped locally
 * (null) and fail under CI=true, where a missing service must not pass as green.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`Cannot connect to TEST_DATABASE_URL (${redact(adminUrl)}): ${err instanceof Error ? err.message : err}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Creates `accord_test_<random hex>` on the TEST_DATABASE_URL server and returns its URL
 * (same host, user and options). Returns null when TEST_DATABASE_URL is unset, outside CI.
 * Throws when it is unset under CI=true, or set but unreachable.
 */
export async function createTestDatabase(): Promise<TestDatabase | null> {
  const adminUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!adminUrl) {
    if (process.env.CI === 'true') throw new Error('TEST_DATABASE_URL is not set, and CI=true requires the PostgreSQL suites to run.');
    return null;
  }

  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdminClient(adminUrl, async (client) => {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

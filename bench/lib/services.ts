/**
 * The PostgreSQL and Redis servers the (b) and (c) targets use: a throwaway database
 * per run (created and dropped here), reachability checks, and the pids whose CPU the
 * report adds as "services" (the PostgreSQL backends serving our database, redis-server).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://root@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const CONNECT_TIMEOUT_MS = 5_000;

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** PIDs of the PostgreSQL backends currently connected to this database. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** Creates `accord_bench_<hex>` on the admin URL's server. Throws with a readable message when unreachable. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `accord_bench_${randomBytes(5).toString('hex')}`;
  try {
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (err) {
    throw new Error(`PostgreSQL at ${redact(adminUrl)} is not usable: ${err instanceof Error ? err.message : String(err)}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    backendPids: () =>
      withClient(adminUrl, async (client) => {
        const res = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
        return res.rows.map((r) => Number(r.pid));
      }).catch(() => []),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(adminUrl, async (client) => {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

/** Resolves when host:port of a redis:// URL accepts a TCP connection and answers PING; the server's pid when it says. */
export async function checkRedis(redisUrl: string): Promise<{ pid: number | null }> {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    let data = '';
    const commands: string[] = [];
    if (url.password) commands.push(`AUTH ${url.username ? `${decodeURIComponent(url.username)} ` : ''}${decodeURIComponent(url.password)}`);
    commands.push('INFO server', 'QUIT');
    socket.once('connect', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.once('end', () => resolve(data));
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`Redis at ${host}:${port} did not answer within 3 s`));
    });
    socket.once('error', (err) => reject(new Error(`Redis at ${host}:${port} is unreachable: ${err.message}`)));
  });
  if (!reply.includes('redis_version')) throw new Error(`Redis at ${host}:${port} answered unexpectedly: ${reply.slice(0, 120)}`);
  const pid = /process_id:(\d+)/.exec(reply);
  return { pid: pid ? Number(pid[1]) : null };
}

/**
 * Starting Accord (server/index.ts in production mode, like test/support/server.ts
 * does, but pinned with taskset and with its pid known for /proc sampling) and
 * preparing its clients: one sign-in per delegate account, the demo draft and the
 * clauses to edit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signIn } from '../../test/support/session';
import { demoDraft } from '../../test/integration/helpers';
import { extraNodeArgs, pinoRecord, startChild, type ManagedChild } from '../lib/child';
import { SERVER_CPU, type Pinning } from '../lib/pin';
import type { Endpoint, LoadSetup } from './types';

export const BENCH_DEMO_PASSWORD = 'bench-demo-password';
/** Fixed, so that a session cookie signed by one instance is accepted by the other. */
const BENCH_NEXTAUTH_SECRET = 'accord-bench-secret-0123456789abcdefghijklmnopqr';

/** The 22 delegate accounts of the demo seed. */
export const DELEGATE_ACCOUNTS = [
  'fr',
  'gb',
  'ua',
  'de',
  'pl',
  'it',
  'es',
  'nl',
  'dk',
  'no',
  'se',
  'fi',
  'cz',
  'ro',
  'tr',
  'ca',
  'au',
  'ee',
  'lv',
  'lt',
  'be',
  'ie',
].map((iso) => `${iso}@accord.test`);

export interface AccordInstance {
  child: ManagedChild;
  endpoint: Endpoint;
  /** Removes the instance's temporary data directory (after stop). */
  cleanup(): void;
}

export async function startAccordInstance(opts: { name: string; pinning: Pinning; databaseUrl?: string; redisUrl?: string }): Promise<AccordInstance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the outer shell may point the server elsewhere.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'NEXTAUTH_URL', 'HOST', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'])
    delete env[name];
  Object.assign(env, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_PASSWORD: BENCH_DEMO_PASSWORD,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'always',
    NEXTAUTH_SECRET: BENCH_NEXTAUTH_SECRET,
    NEXT_TELEMETRY_DISABLED: '1',
  });
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;
  let child: ManagedChild;
  try {
    child = await startChild({
      name: opts.name,
      command: process.execPath,
      args: [...extraNodeArgs('BENCH_SERVER_NODE_ARGS'), '--import', 'tsx', 'server/index.ts'],
      env,
      pinning: opts.pinning,
      cpu: SERVER_CPU,
      readyWhen: (line) => {
        const record = pinoRecord(line);
        return record?.msg === 'Accord listening' && typeof record.port === 'number' ? record.port : null;
      },
    });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = child.ready;
  return {
    child,
    endpoint: { httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/yjs` },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * Signs in every delegate account once (cookies are cached for the whole run and
 * shared by all clients of that account), finds the demo draft and picks the first
 * `clauseCount` clauses that delegates may edit.
 */
export async function prepareAccordSetup(endpoints: Endpoint[], clauseCount: number): Promise<LoadSetup> {
  const base = endpoints[0].httpUrl;
  const cookies: string[] = new Array(DELEGATE_ACCOUNTS.length);
  let next = 0;
  // A few at a time: each sign-in hashes a password on the server.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < DELEGATE_ACCOUNTS.length) {
        const i = next++;
        cookies[i] = await signIn(base, DELEGATE_ACCOUNTS[i], BENCH_DEMO_PASSWORD);
      }
    }),
  );
  const draft = await demoDraft(base, cookies[0]);
  if (draft.access !== 'write') throw new Error(`${DELEGATE_ACCOUNTS[0]} cannot write to the demo draft (access ${draft.access})`);
  const editable = draft.clauses.filter((c) => c.status === 'drafting' || c.status === 'negotiating');
  if (editable.length === 0) throw new Error('the demo draft has no clause open for editing');
  return {
    kind: 'accord',
    endpoints,
    room: draft.id,
    clauseIds: editable.slice(0, Math.max(1, clauseCount)).map((c) => c.id),
    cookies,
    seedIfEmpty: false,
  };
}

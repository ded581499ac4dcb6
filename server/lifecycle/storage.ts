/**
 * What a start needs on disk before anything else: the data directory, the session
 * secret (generated and kept there when none is configured), the database (migrated),
 * and the demo consultation on a fresh embedded install.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { openDatabase, type DatabaseHandle } from '../db/client';
import type { Env } from '../env';
import { loadOrCreateSecret } from '../secrets';
import { formatDemoCredentials, seedDemo, type SeedResult } from '../seed/seed-demo';

export interface Storage {
  dataDir: string;
  secret: string;
  database: DatabaseHandle;
  /** Set when this start seeded the demo (its credentials are announced once listening). */
  seeded?: SeedResult;
}

const CREDENTIALS_FILE = 'demo-credentials.txt';

export async function prepareStorage(env: Env, logger: Logger): Promise<Storage> {
  const dataDir = path.resolve(env.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });

  let secret = env.NEXTAUTH_SECRET;
  if (!secret) {
    const loaded = loadOrCreateSecret(dataDir);
    secret = loaded.secret;
    if (loaded.created) logger.info({ file: path.join(dataDir, 'nextauth-secret') }, 'generated a session secret');
  }

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  logger.info({ database: database.kind, dataDir: database.kind === 'pglite' ? dataDir : undefined }, 'database ready');

  const shouldSeed = env.SEED_DEMO === 'always' || (env.SEED_DEMO === 'auto' && database.kind === 'pglite');
  if (!shouldSeed) return { dataDir, secret, database };
  const result = await seedDemo(database.db, { password: env.DEMO_PASSWORD });
  if (!result.seeded) return { dataDir, secret, database };
  logger.info({ draftId: result.draftId }, 'demo consultation created');
  // Written at once: a generated password must survive a failure later in the start-up.
  fs.writeFileSync(path.join(dataDir, CREDENTIALS_FILE), formatDemoCredentials(result, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`), { mode: 0o600 });
  return { dataDir, secret, database, seeded: result };
}

/** Once listening: the demo's credentials with the real URL, in the data directory and on stdout. */
export function announceDemo(storage: Storage, url: string): void {
  const seeded = storage.seeded;
  if (!seeded) return;
  const text = formatDemoCredentials(seeded, url);
  const file = path.join(storage.dataDir, CREDENTIALS_FILE);
  fs.writeFileSync(file, text, { mode: 0o600 });
  process.stdout.write(
    `\n${'='.repeat(72)}\n${text}\n(kept in ${file}${seeded.passwordGenerated ? '; set DEMO_PASSWORD to choose your own' : ''})\n${'='.repeat(72)}\n\n`,
  );
}

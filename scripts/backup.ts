// `npm run backup [-- FILE]`: a consistent dump of the configured database (embedded or
// PostgreSQL) to FILE (default: accord-backup-<time>.jsonl.gz). With the embedded
// database, stop the server first (PGlite allows one process at a time).
// The file holds password hashes and every internal note: it is created with mode 0600
// (readable and writable by its owner only), whatever the umask.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { writeBackup } from '../server/backup/backup';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';

const env = parseEnv(process.env);
const file = path.resolve(process.argv[2] ?? `accord-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`);
const partial = `${file}.partial`;
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  // A leftover partial file would keep its old mode: start from a new one.
  fs.rmSync(partial, { force: true });
  const lines = new PassThrough();
  const done = pipeline(lines, createGzip(), fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
  const counts = await writeBackup(database.db, lines);
  lines.end();
  await done;
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
  console.log(
    `Backup written to ${file} (mode 0600): ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
} catch (err) {
  fs.rmSync(partial, { force: true });
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}

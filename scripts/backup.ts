// `npm run backup [-- FILE]`: a consistent dump of the configured database (embedded or
// PostgreSQL) to FILE (default: accord-backup-<time>.jsonl.gz). With the embedded
// database, stop the server first (PGlite allows one process at a time).
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
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  const lines = new PassThrough();
  const done = pipeline(lines, createGzip(), fs.createWriteStream(`${file}.partial`));
  const counts = await writeBackup(database.db, lines);
  lines.end();
  await done;
  fs.renameSync(`${file}.partial`, file);
  console.log(`Backup written to ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
} catch (err) {
  fs.rmSync(`${file}.partial`, { force: true });
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}

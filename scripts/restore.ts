// `npm run restore -- FILE`: bring a backup back into the configured database, which must
// be empty (a DATA_DIR no server has started on, or a new PostgreSQL database) and of the
// backup's schema version. Migrations run first; the rows go in one transaction, so a
// refusal or a failure leaves the database empty.
import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { restoreBackup } from '../server/backup/restore-backup';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- <backup file>');
  process.exit(2);
}
const env = parseEnv(process.env);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  const counts = await restoreBackup(database.db, fs.createReadStream(path.resolve(file)).pipe(createGunzip()));
  console.log(
    `Restored ${path.resolve(file)}: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
} catch (err) {
  console.error(`Restore failed, nothing was changed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}

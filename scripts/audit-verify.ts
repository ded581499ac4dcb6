// `npm run audit:verify`: walk the audit log's hash chain; exit 1 and name the first
// edited or deleted row when the chain is broken.
import path from 'node:path';
import { verifyAuditChain } from '../server/audit/audit-log';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';

const env = parseEnv(process.env);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit log intact: ${result.rows} rows, hash chain verified.`);
  } else {
    console.error(`Audit log BROKEN: ${result.problem?.reason}.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}

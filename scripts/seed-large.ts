// `npm run seed:large`: add a generated 35-delegation × 100-clause consultation to the
// configured database (stop the server first when it uses the embedded database).
import path from 'node:path';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';
import { seedLargeDraft } from '../server/seed/seed-large';

const env = parseEnv(process.env);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  const id = await seedLargeDraft(database.db);
  console.log(`Created the large consultation ${id}. The secretariat sees it; delegations with accounts see it too.`);
} finally {
  await database.close();
}

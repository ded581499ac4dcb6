// `npm run seed:demo`: create the demo consultation in the configured database (also PostgreSQL),
// unless it already holds drafts. Prints the demo accounts.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';
import { formatDemoCredentials, seedDemo } from '../server/seed/seed-demo';

const env = parseEnv(process.env);
const dataDir = path.resolve(env.DATA_DIR);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
try {
  const result = await seedDemo(database.db, { password: env.DEMO_PASSWORD });
  if (!result.seeded) {
    console.log('The database already holds drafts; nothing was seeded.');
  } else {
    const text = formatDemoCredentials(result, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'demo-credentials.txt'), text, { mode: 0o600 });
    console.log(text);
  }
} finally {
  await database.close();
}

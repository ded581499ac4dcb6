// `npm run seed:large`: add a generated consultation to the configured database (stop the
// server first when it uses the embedded database). Seed the demo first: its accounts are
// the delegations' members and the history's authors.
//
//   npm run seed:large                                   # 35 delegations × 100 clauses, positions, no history
//   npm run seed:large -- --clauses 150 --history 50000 --text-kb 300
//                                                        # the large treaty of the UI bench (issue 20)
//   npm run seed:large -- --json                         # print the result as one JSON line
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client';
import { parseEnv } from '../server/env';
import { seedLargeDraft } from '../server/seed/seed-large';

const { values } = parseArgs({
  options: {
    clauses: { type: 'string', default: '100' },
    delegations: { type: 'string', default: '35' },
    history: { type: 'string', default: '0' },
    'text-kb': { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Options: --clauses N (100) --delegations N (35, at most 48) --history UPDATES (0) --text-kb KB (300, with --history) --json');
  process.exit(0);
}
const count = (name: string, value: string, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return n;
};
const options = {
  clauseCount: count('clauses', values.clauses, 1),
  delegationCount: count('delegations', values.delegations, 1),
  history: count('history', values.history, 0),
  textChars: count('text-kb', values['text-kb'], 1) * 1000,
};

const env = parseEnv(process.env);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR) });
try {
  const started = performance.now();
  const result = await seedLargeDraft(database.db, { ...options, embedded: database.kind === 'pglite' });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) console.log(JSON.stringify({ ...result, seconds }));
  else
    console.log(
      `Created the large consultation ${result.id} in ${seconds.toFixed(1)} s: ${result.clauses} clauses, ${(result.textChars / 1000).toFixed(0)} KB of text, ` +
        `${result.delegations} delegations, ${result.positions} positions, ${result.updates} updates of history. The secretariat sees it; delegations with accounts see it too.`,
    );
} finally {
  await database.close();
}

/**
 * 0015_renumber_withdrawn_clauses: clauses withdrawn before numbering skipped withdrawn
 * clauses kept their number. The migration's SQL, run over such rows, numbers every
 * draft the way renumberClauses does (and changes nothing the second time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { asc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as schema from './schema';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const SQL = fs.readFileSync(path.join(folder, '0015_renumber_withdrawn_clauses.sql'), 'utf8');

let client: PGlite;
let db: ReturnType<typeof drizzle<typeof schema>>;

beforeAll(async () => {
  client = await PGlite.create();
  db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: folder });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

async function numbers(draftId: string): Promise<Array<[string, number | null]>> {
  const rows = await db
    .select({ title: schema.clauses.title, number: schema.clauses.number })
    .from(schema.clauses)
    .where(eq(schema.clauses.draftId, draftId))
    .orderBy(asc(schema.clauses.ordinal));
  return rows.map((r) => [r.title, r.number]);
}

it('numbers the clauses that are not withdrawn in order, takes withdrawn ones out, leaves merged ones alone', async () => {
  const [a, b] = await db
    .insert(schema.drafts)
    .values([{ title: 'A' }, { title: 'B' }])
    .returning({ id: schema.drafts.id });
  const [kept] = await db.insert(schema.clauses).values({ draftId: a.id, ordinal: 1, number: 1, title: 'One' }).returning({ id: schema.clauses.id });
  await db.insert(schema.clauses).values([
    // As left before 0011: the withdrawn clause still numbered 2, the next one 3.
    { draftId: a.id, ordinal: 2, number: 2, title: 'Two (withdrawn)', status: 'withdrawn' },
    { draftId: a.id, ordinal: 3, number: 3, title: 'Three' },
    { draftId: a.id, ordinal: 4, number: 4, title: 'Four (withdrawn)', status: 'withdrawn' },
    { draftId: a.id, ordinal: 5, number: 5, title: 'Five', status: 'agreed' },
    // A clause merged away keeps what it had.
    { draftId: a.id, ordinal: 9, number: 7, title: 'Merged', mergedInto: kept.id },
    // Another draft, already right.
    { draftId: b.id, ordinal: 1, number: null, title: 'B1 (withdrawn)', status: 'withdrawn' },
    { draftId: b.id, ordinal: 2, number: 1, title: 'B2' },
  ]);

  await client.exec(SQL);
  expect(await numbers(a.id)).toEqual([
    ['One', 1],
    ['Two (withdrawn)', null],
    ['Three', 2],
    ['Four (withdrawn)', null],
    ['Five', 3],
    ['Merged', 7],
  ]);
  expect(await numbers(b.id)).toEqual([
    ['B1 (withdrawn)', null],
    ['B2', 1],
  ]);

  await client.exec(SQL);
  expect((await numbers(a.id)).map(([, n]) => n)).toEqual([1, null, 2, null, 3, 7]);
});

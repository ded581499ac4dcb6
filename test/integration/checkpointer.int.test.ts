/**
 * The checkpointer on both databases: it folds the log without holding the database (an
 * edit's append made meanwhile is stored before the fold ends), two checkpointers racing
 * for one draft write one checkpoint, and a load from the checkpoint gives the same
 * document as the whole log.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { createCheckpointer } from '@/server/collab/checkpointer';
import { createUpdateStore } from '@/server/collab/update-store';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import { clauses, yjsCheckpoints } from '@/server/db/schema';
import { seedDemo } from '@/server/seed/seed-demo';
import { createTestDatabase } from '../support/postgres';

const postgres = await createTestDatabase();
if (!postgres) console.warn('\n*** SKIPPED: checkpointer on PostgreSQL (needs TEST_DATABASE_URL) ***\n');

const targets: Array<[string, () => Promise<DatabaseHandle>]> = [
  ['the embedded database', () => openDatabase({ dataDir: fs.mkdtempSync(path.join(tmpdir(), 'accord-checkpointer-')) })],
];
if (postgres) targets.push(['PostgreSQL', () => openDatabase({ databaseUrl: postgres.url, dataDir: tmpdir() })]);

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
  await postgres?.drop();
});

const logger = pino({ level: 'silent' });

describe.each(targets)('checkpoints on %s', (_name, open) => {
  it('fold without holding the database, once across racing instances, into the same document', async () => {
    const handle = await open();
    handles.push(handle);
    const { draftId } = await seedDemo(handle.db, { password: 'checkpointer-password' });
    if (!draftId) throw new Error('the demo was not seeded');
    const [clause] = await handle.db.select({ id: clauses.id }).from(clauses).where(eq(clauses.draftId, draftId)).orderBy(asc(clauses.number)).limit(1);
    const store = createUpdateStore(handle.db);

    // 600 small edits in the log, as typing leaves them.
    const doc = new Y.Doc();
    for (const update of await store.load(draftId)) Y.applyUpdate(doc, update);
    const text = (doc.getXmlFragment(clauseField(clause.id)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const pending: Array<Promise<number>> = [];
    doc.on('update', (update: Uint8Array) => {
      pending.push(store.append({ draftId, update, userId: null, delegationCode: 'FR', clauseIds: [clause.id] }));
    });
    for (let i = 0; i < 600; i += 1) text.insert(text.length, ` w${i}`);
    await Promise.all(pending);

    // Two instances' checkpointers race; an edit is appended while they fold. The 600 edits
    // are settled (older than a second), the one made during the fold is not: whichever way
    // the two interleave (on PostgreSQL the second may read the first's checkpoint as its
    // starting point), there is exactly one fold to write.
    const settleSeconds = 1;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const one = createCheckpointer({ db: handle.db, logger, every: 1, settleSeconds });
    const two = createCheckpointer({ db: handle.db, logger, every: 1, settleSeconds });
    const order: string[] = [];
    const folds = Promise.all([one.checkpoint(draftId), two.checkpoint(draftId)]).then((written) => {
      order.push('checkpoints done');
      return written;
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    text.insert(text.length, ' during-the-fold');
    await pending[pending.length - 1].then(() => order.push('edit stored'));
    const written = await folds;
    expect(order).toEqual(['edit stored', 'checkpoints done']);
    expect(written.filter(Boolean)).toHaveLength(1);
    const rows = await handle.db.select({ upToId: yjsCheckpoints.upToId }).from(yjsCheckpoints).where(eq(yjsCheckpoints.draftId, draftId));
    expect(rows).toHaveLength(1);

    // Loading from the checkpoint (plus what came after it) gives the document the log gives.
    const loaded = new Y.Doc();
    for (const update of await store.load(draftId)) Y.applyUpdate(loaded, update);
    const loadedText = ((loaded.getXmlFragment(clauseField(clause.id)).get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
    expect(loadedText).toBe(text.toString());
    expect(loadedText).toMatch(/ w599 during-the-fold$/);
  });
});

/**
 * A generated consultation of realistic size for checking that the room, the dashboard
 * and consensus stay fluid: by default 35 delegations × 100 clauses with positions; with
 * `history` it also carries a log of that many real Yjs updates (people typing in
 * sessions, see history-log.ts) growing the text to about `textChars`, folded into a load
 * checkpoint and indexed for history, as a long-running negotiation would leave it. Not
 * part of the demo: `npm run seed:large` adds it to the configured database (the demo's
 * accounts are its authors, so seed the demo first).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { DELEGATION_PALETTE } from '@/lib/domain/delegation-color';
import { POSITIONS, RESERVATIONS } from '@/lib/domain/vocabulary';
import { createCheckpointer } from '../collab/checkpointer';
import type { Database } from '../db/client';
import { createHistoryIndexer } from '../history/history-indexer';
import { generateHistoryLog, storeHistoryLog } from './history-log';
import { clauses, delegations, draftDelegations, drafts, positions, users, yjsUpdates } from '../db/schema';
import { hashClauseText } from '../negotiation/clause-states';
import { DELEGATION_NAMES } from './demo-content';

const EXTRA: Record<string, string> = {
  AT: 'Austria',
  PT: 'Portugal',
  GR: 'Greece',
  HU: 'Hungary',
  SK: 'Slovakia',
  SI: 'Slovenia',
  HR: 'Croatia',
  BG: 'Bulgaria',
  LU: 'Luxembourg',
  IS: 'Iceland',
  NZ: 'New Zealand',
  JP: 'Japan',
  KR: 'Republic of Korea',
};

/** Deterministic pseudo-random numbers, so that two runs generate the same draft. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface LargeDraftOptions {
  clauseCount?: number;
  delegationCount?: number;
  /** Updates of history to generate (0: the text is one update, no history). */
  history?: number;
  /** About how many characters of text the draft ends with, over all clauses (with history). */
  textChars?: number;
  /** Whether the database is the embedded one (history indexing works in smaller batches there). */
  embedded?: boolean;
}

export interface LargeDraftResult {
  id: string;
  clauses: number;
  delegations: number;
  updates: number;
  textChars: number;
  positions: number;
}

interface Shape {
  codes: string[];
  names: Record<string, string>;
  clauseCount: number;
}

function shapeOf(options: LargeDraftOptions): Shape {
  const names: Record<string, string> = { ...DELEGATION_NAMES, ...EXTRA };
  delete names.US;
  delete names.NATO;
  delete names.EU;
  return { names, codes: Object.keys(names).slice(0, options.delegationCount ?? 35), clauseCount: options.clauseCount ?? 100 };
}

/** Delegations, the draft, its participants and its clauses (no text yet). */
async function createDraftRows(db: Database, { codes, names, clauseCount }: Shape) {
  await db
    .insert(delegations)
    .values(codes.map((code, i) => ({ code, name: names[code], color: DELEGATION_PALETTE[i % DELEGATION_PALETTE.length] })))
    .onConflictDoNothing();
  const [draft] = await db
    .insert(drafts)
    .values({
      title: `Large consultation (generated, ${codes.length} × ${clauseCount})`,
      description: 'Generated to check that screens stay fluid at full size.',
    })
    .returning({ id: drafts.id });
  await db.insert(draftDelegations).values(codes.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })));
  const rows = await db
    .insert(clauses)
    .values(
      Array.from({ length: clauseCount }, (_, i) => ({
        draftId: draft.id,
        ordinal: (i + 1) * 1000,
        number: i + 1,
        title: `Generated clause ${i + 1}`,
        status: 'negotiating' as const,
      })),
    )
    .returning({ id: clauses.id, number: clauses.number });
  return { draftId: draft.id, rows };
}

/** Every clause's text as one update (no history), as the seed always wrote it. */
async function storeSingleUpdate(db: Database, draftId: string, rows: Array<{ id: string; number: number | null }>, random: () => number) {
  const doc = new Y.Doc();
  const texts: string[] = [];
  for (const row of rows) {
    const text = `Participants shall cooperate on matter ${row.number}${random() < 0.3 ? ' [within existing resources]' : ''}.`;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(clauseField(row.id)).insert(0, [paragraph]);
    texts.push(text);
  }
  const [seeded] = await db
    .insert(yjsUpdates)
    .values({ draftId, update: Y.encodeStateAsUpdate(doc), clauseIds: rows.map((r) => r.id) })
    .returning({ id: yjsUpdates.id });
  doc.destroy();
  return { texts, lastId: seeded.id, updates: 1 };
}

/**
 * A generated history of `size` updates by the delegations' members (the secretariat
 * writes the first, which creates every clause's text), stored in batches.
 */
async function storeHistory(db: Database, draftId: string, clauseIds: string[], codes: string[], size: number, textChars: number, random: () => number) {
  const members = await db
    .select({ id: users.id, code: users.delegationCode })
    .from(users)
    .where(and(inArray(users.delegationCode, codes), eq(users.disabled, false)));
  const [secretariat] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'secretariat')).limit(1);
  if (members.length === 0 || !secretariat) throw new Error('A generated history needs the demo accounts as its authors: run `npm run seed:demo` first.');
  const perClause = textChars / clauseIds.length;
  // Typing adds about 2.4 characters per update on balance (words in, backspaces out):
  // start below the target so the history grows the text to it; the cap keeps it there.
  const grown = (size * 2.4) / clauseIds.length;
  const log = generateHistoryLog({
    size,
    clauseIds,
    authors: members.length,
    random,
    initialChars: Math.max(40, Math.round(perClause - Math.min(grown, perClause * 0.4))),
    maxClauseChars: Math.round(perClause * 1.05),
  });
  await storeHistoryLog(
    db,
    log,
    { draftId, authorIds: members.map((m) => m.id), authorCodes: members.map((m) => m.code!), secretariatId: secretariat.id, clauseIds },
    0,
    log.length,
  );
  const [last] = await db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.draftId, draftId)).orderBy(desc(yjsUpdates.id)).limit(1);
  return { texts: log.finalTexts, lastId: last.id, updates: log.length };
}

/** Positions of about three delegations in four on every clause, on its current text. */
function positionRowsFor(
  draftId: string,
  rows: Array<{ id: string }>,
  texts: string[],
  codes: string[],
  byCode: Map<string, string>,
  random: () => number,
  logId: number,
) {
  const positionRows: Array<typeof positions.$inferInsert> = [];
  rows.forEach((row, i) => {
    const textHash = hashClauseText(texts[i]);
    for (const code of codes) {
      if (random() < 0.25) continue;
      const position = random() < 0.7 ? 'support' : POSITIONS[Math.floor(random() * (POSITIONS.length - 1))];
      positionRows.push({
        draftId,
        clauseId: row.id,
        delegationCode: code,
        position,
        reservation: position === 'reservation' ? RESERVATIONS[Math.floor(random() * RESERVATIONS.length)] : null,
        textHash,
        updatedBy: byCode.get(code) ?? null,
        logId,
      });
    }
  });
  return positionRows;
}

export async function seedLargeDraft(db: Database, options: LargeDraftOptions = {}): Promise<LargeDraftResult> {
  const shape = shapeOf(options);
  const random = rng(42);
  const history = options.history ?? 0;
  const result = await db.transaction(async (tx) => {
    const { draftId, rows } = await createDraftRows(tx, shape);
    const text =
      history > 0
        ? await storeHistory(
            tx,
            draftId,
            rows.map((r) => r.id),
            shape.codes,
            history,
            options.textChars ?? 300_000,
            random,
          )
        : await storeSingleUpdate(tx, draftId, rows, random);
    const members = await tx.select({ id: users.id, code: users.delegationCode }).from(users).where(inArray(users.delegationCode, shape.codes));
    const byCode = new Map(members.map((m) => [m.code!, m.id]));
    // Positions were given on the current text: its newest update is their history point.
    const positionRows = positionRowsFor(draftId, rows, text.texts, shape.codes, byCode, random, text.lastId);
    for (let i = 0; i < positionRows.length; i += 500) await tx.insert(positions).values(positionRows.slice(i, i + 500));
    return {
      id: draftId,
      clauses: rows.length,
      delegations: shape.codes.length,
      updates: text.updates,
      textChars: text.texts.reduce((sum, t) => sum + t.length, 0),
      positions: positionRows.length,
    };
  });
  if (history > 0) await foldAndIndex(db, result.id, options.embedded ?? false);
  return result;
}

/** What the server would do in the background after a long history: a load checkpoint, and the history index. */
async function foldAndIndex(db: Database, draftId: string, embedded: boolean): Promise<void> {
  const logger = pino({ level: 'warn' });
  await createCheckpointer({ db, logger, every: 500, settleSeconds: 0 }).checkpoint(draftId);
  const indexer = createHistoryIndexer({ db, logger, settleSeconds: 0, embedded, batchSize: embedded ? 25 : 100, urgentBatchSize: embedded ? 250 : 2000 });
  try {
    await indexer.ensureIndexed(draftId);
  } finally {
    await indexer.close();
  }
}

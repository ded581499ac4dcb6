/**
 * A generated consultation of realistic size (35 delegations × 100 clauses, with
 * positions) for checking that the dashboard and consensus stay fluid. Not part of the
 * demo: `npm run seed:large` adds it to the configured database.
 */
import { inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { DELEGATION_PALETTE } from '@/lib/domain/delegation-color';
import { POSITIONS, RESERVATIONS } from '@/lib/domain/vocabulary';
import type { Database } from '../db/client';
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

export async function seedLargeDraft(db: Database, options: { clauseCount?: number; delegationCount?: number } = {}): Promise<string> {
  const clauseCount = options.clauseCount ?? 100;
  const names = { ...DELEGATION_NAMES, ...EXTRA };
  delete (names as Record<string, string>).US;
  delete (names as Record<string, string>).NATO;
  delete (names as Record<string, string>).EU;
  const codes = Object.keys(names).slice(0, options.delegationCount ?? 35);
  const random = rng(42);

  return db.transaction(async (tx) => {
    await tx
      .insert(delegations)
      .values(codes.map((code, i) => ({ code, name: names[code], color: DELEGATION_PALETTE[i % DELEGATION_PALETTE.length] })))
      .onConflictDoNothing();
    const members = await tx.select({ id: users.id, code: users.delegationCode }).from(users).where(inArray(users.delegationCode, codes));
    const byCode = new Map(members.map((m) => [m.code!, m.id]));
    const [draft] = await tx
      .insert(drafts)
      .values({
        title: `Large consultation (generated, ${codes.length} × ${clauseCount})`,
        description: 'Generated to check that screens stay fluid at full size.',
      })
      .returning({ id: drafts.id });
    await tx.insert(draftDelegations).values(codes.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })));
    const rows = await tx
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
    const doc = new Y.Doc();
    const positionRows: Array<typeof positions.$inferInsert> = [];
    for (const row of rows) {
      const text = `Participants shall cooperate on matter ${row.number}${random() < 0.3 ? ' [within existing resources]' : ''}.`;
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment(clauseField(row.id)).insert(0, [paragraph]);
      for (const code of codes) {
        if (random() < 0.25) continue;
        const position = random() < 0.7 ? 'support' : POSITIONS[Math.floor(random() * (POSITIONS.length - 1))];
        positionRows.push({
          draftId: draft.id,
          clauseId: row.id,
          delegationCode: code,
          position,
          reservation: position === 'reservation' ? RESERVATIONS[Math.floor(random() * RESERVATIONS.length)] : null,
          textHash: hashClauseText(text),
          updatedBy: byCode.get(code) ?? null,
        });
      }
    }
    const [seeded] = await tx
      .insert(yjsUpdates)
      .values({ draftId: draft.id, update: Y.encodeStateAsUpdate(doc), clauseIds: rows.map((r) => r.id) })
      .returning({ id: yjsUpdates.id });
    // Positions were given on the seeded text: its update is their history point.
    for (const p of positionRows) p.logId = seeded.id;
    for (let i = 0; i < positionRows.length; i += 500) await tx.insert(positions).values(positionRows.slice(i, i + 500));
    return draft.id;
  });
}

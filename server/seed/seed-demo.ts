/**
 * Creates the demo consultation on an empty database: delegations, one account per
 * delegation, the secretariat and an observer, and the draft with its clause text
 * stored as the first Yjs update. Safe to call twice: it does nothing the second time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { DELEGATION_PALETTE } from '@/lib/domain/delegation-color';
import type { Database } from '../db/client';
import { clauses, delegations, draftDelegations, draftInvitations, drafts, positionHistory, positions, settings, users, yjsUpdates } from '../db/schema';
import { hashClauseText } from '../negotiation/clause-states';
import { hashPassword } from '../auth/password';
import { writeAudit } from '../audit/audit-log';
import { DELEGATION_NAMES, parseDemoContent } from './demo-content';

const DEMO_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo/framework.md');

/** Plausible names for the demo delegates, so that carets and history read like a real room. */
const DEMO_PEOPLE: Record<string, string> = {
  FR: 'Camille Laurent',
  GB: 'James Whitfield',
  UA: 'Olena Kovalenko',
  DE: 'Katrin Vogel',
  PL: 'Tomasz Nowak',
  IT: 'Giulia Romano',
  ES: 'Lucía Navarro',
  NL: 'Pieter de Vries',
  DK: 'Mette Sørensen',
  NO: 'Ingrid Berg',
  SE: 'Erik Lindqvist',
  FI: 'Aino Virtanen',
  CZ: 'Petr Dvořák',
  RO: 'Andreea Popescu',
  TR: 'Mehmet Yılmaz',
  CA: 'Claire Tremblay',
  AU: 'Liam O’Connor',
  EE: 'Kadri Tamm',
  LV: 'Jānis Ozols',
  LT: 'Rūta Kazlauskienė',
  BE: 'Sophie Dubois',
  IE: 'Aoife Byrne',
  US: 'Michael Harris',
  NATO: 'Anna Lindholm',
  EU: 'Marco Bianchi',
};

type SeedPosition = [code: string, position: string, reservation: string | null, note: string | null];

/** The starting positions of the demo (demo/framework.md, "Starting positions"). */
function demoPositions(participants: string[]): Record<number, SeedPosition[]> {
  const all = (position: string, except: SeedPosition[] = []): SeedPosition[] => [
    ...participants.filter((c) => !except.some((e) => e[0] === c)).map((c): SeedPosition => [c, position, null, null]),
    ...except,
  ];
  return {
    1: all('support'),
    3: [
      ['UA', 'support', null, 'Supports ALT 1: monitoring led by the United States.'],
      ['FR', 'support', null, 'Supports ALT 1.'],
      ['GB', 'support', null, 'Supports ALT 1.'],
      ['TR', 'reservation', 'scrutiny', 'Prefers ALT 2; instructions from Ankara pending.'],
    ],
    4: [
      ['FR', 'support', null, null],
      ['GB', 'support', null, null],
      ['DE', 'reservation', 'substantive', 'Will contribute to monitoring from bases in neighbouring countries, not on Ukrainian soil.'],
      ['PL', 'support', null, null],
      ['NL', 'support', null, null],
      ['IT', 'can_live_with', null, null],
      ['TR', 'reservation', 'scrutiny', null],
    ],
    5: all('support', [['TR', 'ad_ref', null, 'Agrees ad referendum, pending confirmation from capital.']]),
    6: [
      ['RO', 'support', null, 'Supports the first bracket: bases in Poland and Romania.'],
      ['PL', 'support', null, 'Supports the first bracket.'],
      ['UA', 'can_live_with', null, 'Prefers the second bracket: bases in Ukraine and neighbouring states.'],
    ],
    7: all('support', [['AU', 'none', null, null]]),
    12: [
      ['UA', 'support', null, 'Supports "use".'],
      ['PL', 'support', null, 'Supports "use".'],
      ['EE', 'support', null, 'Supports "use".'],
      ['LV', 'support', null, 'Supports "use".'],
      ['LT', 'support', null, 'Supports "use".'],
      ['BE', 'reservation', 'substantive', 'Legal risk to the custodian of the immobilised assets.'],
      ['DE', 'reservation', 'substantive', 'Legal risk; prefers "explore the use of".'],
      ['FR', 'can_live_with', null, 'Can live with "explore the use of".'],
    ],
    13: [
      ['UA', 'support', null, null],
      ['FR', 'support', null, null],
      ['GB', 'support', null, null],
      ['IE', 'interpretative_statement', null, 'EU accession is itself an important security guarantee for Ukraine.'],
    ],
    15: all('support'),
  };
}

export interface SeedResult {
  seeded: boolean;
  draftId?: string;
  password?: string;
  passwordGenerated?: boolean;
  accounts: Array<{ email: string; role: string; delegation: string | null }>;
}

/** Whether the database already holds any draft (then the demo is not seeded). */
export async function hasAnyDraft(db: Database): Promise<boolean> {
  const rows = await db.select({ id: drafts.id }).from(drafts).limit(1);
  return rows.length > 0;
}

function generatePassword(): string {
  // Four groups of four characters from an alphabet without look-alikes: easy to type, ~80 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export async function seedDemo(db: Database, options: { password?: string }): Promise<SeedResult> {
  if (await hasAnyDraft(db)) return { seeded: false, accounts: [] };
  const demo = parseDemoContent(fs.readFileSync(DEMO_FILE, 'utf8'));
  const password = options.password ?? generatePassword();
  const allCodes = [...demo.participants, ...demo.observers];

  const accounts: SeedResult['accounts'] = [
    { email: 'secretariat@accord.test', role: 'secretariat', delegation: null },
    ...demo.participants.map((code) => ({ email: `${code.toLowerCase()}@accord.test`, role: 'delegate', delegation: code })),
    ...demo.observers.map((code) => ({ email: `${code.toLowerCase()}@accord.test`, role: 'observer', delegation: code })),
    { email: 'observer@accord.test', role: 'observer', delegation: null },
  ];
  // The demo accounts share one password, so they share its hash: hashing it once per
  // account (scrypt, memory-hard) took seconds of a first start and hid nothing more.
  // A password set later through the app gets its own salt.
  const passwordHash = await hashPassword(password);

  const draftId = await db.transaction(async (tx) => {
    await tx
      .insert(delegations)
      .values(allCodes.map((code, i) => ({ code, name: DELEGATION_NAMES[code] ?? code, color: DELEGATION_PALETTE[i % DELEGATION_PALETTE.length] })))
      .onConflictDoNothing();

    const insertedUsers = await tx
      .insert(users)
      .values(
        accounts.map((a) => ({
          email: a.email,
          name:
            a.role === 'secretariat'
              ? 'Hélène Marchand'
              : a.delegation
                ? (DEMO_PEOPLE[a.delegation] ?? `Delegate of ${DELEGATION_NAMES[a.delegation] ?? a.delegation}`)
                : 'Sam Okafor',
          passwordHash,
          role: a.role as 'secretariat' | 'delegate' | 'observer',
          delegationCode: a.delegation,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email });
    const secretariat =
      insertedUsers.find((u) => u.email === 'secretariat@accord.test') ??
      (await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, 'secretariat@accord.test')))[0];
    const observer = insertedUsers.find((u) => u.email === 'observer@accord.test');

    const [draft] = await tx
      .insert(drafts)
      .values({ title: demo.title, description: demo.description, createdBy: secretariat?.id })
      .returning({ id: drafts.id });

    await tx
      .insert(draftDelegations)
      .values([
        ...demo.participants.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'participant' as const })),
        ...demo.observers.map((code) => ({ draftId: draft.id, delegationCode: code, participation: 'observer' as const })),
      ]);
    if (observer) await tx.insert(draftInvitations).values({ draftId: draft.id, userId: observer.id });

    const clauseRows = await tx
      .insert(clauses)
      .values(
        demo.clauses.map((c) => ({
          draftId: draft.id,
          ordinal: c.number * 1000,
          number: c.number,
          title: c.title,
          status: 'negotiating' as const,
        })),
      )
      .returning({ id: clauses.id, number: clauses.number });

    // The clause bodies: one paragraph each, as Tiptap's Collaboration binding stores it.
    const doc = new Y.Doc();
    for (const row of clauseRows) {
      const text = demo.clauses.find((c) => c.number === row.number)?.text ?? '';
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment(clauseField(row.id)).insert(0, [paragraph]);
    }
    const [seededText] = await tx
      .insert(yjsUpdates)
      .values({
        draftId: draft.id,
        update: Y.encodeStateAsUpdate(doc),
        userId: secretariat?.id ?? null,
        delegationCode: null,
        clauseIds: clauseRows.map((r) => r.id),
      })
      .returning({ id: yjsUpdates.id });
    doc.destroy();

    // Starting positions, each recorded on the seeded text (its update is their history point) and in the position history.
    const people = await tx.select({ id: users.id, name: users.name, code: users.delegationCode }).from(users);
    const byCode = new Map(people.filter((p) => p.code).map((p) => [p.code!, p]));
    const seedPositions = demoPositions(demo.participants);
    const positionRows: Array<typeof positions.$inferInsert> = [];
    for (const row of clauseRows) {
      const text = demo.clauses.find((c) => c.number === row.number)?.text ?? '';
      const textHash = hashClauseText(text);
      for (const [code, position, reservation, note] of seedPositions[row.number ?? 0] ?? []) {
        if (position === 'none' || !byCode.has(code)) continue;
        positionRows.push({
          draftId: draft.id,
          clauseId: row.id,
          delegationCode: code,
          position,
          reservation,
          note,
          textHash,
          logId: seededText.id,
          updatedBy: byCode.get(code)!.id,
        });
      }
    }
    if (positionRows.length > 0) {
      await tx.insert(positions).values(positionRows);
      await tx.insert(positionHistory).values(
        positionRows.map((p) => ({
          draftId: p.draftId,
          clauseId: p.clauseId,
          delegationCode: p.delegationCode,
          toPosition: p.position,
          toReservation: p.reservation,
          note: p.note,
          textHash: p.textHash,
          byUserId: p.updatedBy,
          byName: byCode.get(p.delegationCode)?.name ?? null,
        })),
      );
    }

    await writeAudit(tx, {
      actor: null,
      action: 'draft.seeded',
      draftId: draft.id,
      subject: demo.title,
      details: { clauses: clauseRows.length, delegations: allCodes.length, accounts: accounts.length },
    });
    await tx.insert(settings).values({ key: 'demo_seeded_at', value: new Date().toISOString() }).onConflictDoNothing();
    return draft.id;
  });

  return { seeded: true, draftId, password, passwordGenerated: !options.password, accounts };
}

/** The demo-credentials.txt text: who can sign in, with which password. */
export function formatDemoCredentials(result: SeedResult, baseUrl: string): string {
  const lines = [
    'Accord demo accounts',
    `Sign in at ${baseUrl}/signin`,
    '',
    `Password for every demo account: ${result.password}`,
    '',
    ...result.accounts.map((a) => `  ${a.email.padEnd(28)} ${a.role}${a.delegation ? ` (${a.delegation})` : ''}`),
    '',
  ];
  return lines.join('\n');
}

/**
 * The demo framework (demo/framework.md) as export input, for tests: 16 clauses with
 * brackets, nested brackets and ALT wordings, varied statuses, typographic characters
 * and a positions annex large enough to run over several pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { DELEGATION_NAMES, parseDemoContent } from '@/server/seed/demo-content';
import type { ExportAnnexClause, ExportDraft } from '@/server/export/types';

const DEMO_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo/framework.md');

const STATUSES: ClauseStatus[] = ['agreed', 'negotiating', 'negotiating', 'drafting', 'agreed_ad_ref', 'silence', 'agreed', 'negotiating'];

export function demoExportDraft(withAnnex = false): ExportDraft {
  const demo = parseDemoContent(fs.readFileSync(DEMO_FILE, 'utf8'));
  const clauses = demo.clauses.map((c, i) => ({
    number: c.number,
    title: c.title,
    status: STATUSES[i % STATUSES.length],
    // A second paragraph with characters outside Latin-1 on some clauses.
    paragraphs: i % 5 === 1 ? [c.text, 'Note – the “monitoring mechanism” (Моніторинговий механізм) reports monthly.'] : [c.text],
  }));
  const annex: ExportAnnexClause[] = demo.clauses.map((c, i) => ({
    number: c.number,
    title: c.title,
    consensus: i === 3 ? 'Blocked by DE (substantive reservation)' : 'Pending: no position yet from 19 delegations; 2 open brackets or alternatives',
    positions: demo.participants.map((code, j) => ({
      delegation: code,
      delegationName: DELEGATION_NAMES[code],
      position: (['support', 'can_live_with', 'reservation', 'ad_ref', 'none', 'oppose', 'abstain', 'interpretative_statement'] as const)[(i + j) % 8],
      reservation: (i + j) % 8 === 2 ? 'scrutiny' : null,
      stale: (i + j) % 7 === 0,
      note: j % 4 === 0 ? `Instructions from ${DELEGATION_NAMES[code]} pending; prefers ALT 2 – see non-paper of 12 November.` : null,
    })),
  }));
  return {
    title: demo.title,
    subtitle: 'Working text as of 29 November 2026, 14:05 UTC',
    clauses,
    ...(withAnnex ? { annex } : {}),
  };
}

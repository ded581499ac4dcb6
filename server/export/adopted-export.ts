/**
 * The adopted text as circulated: the clauses' final wording without status flags or
 * disputes, a cover with the date and the participating delegations, and an annex of the
 * interpretative statements and reservations delegations recorded against the agreed
 * clauses, each attributed. Pure: the export service reads and authorises.
 */
import { isNumbered } from '@/lib/domain/clause-number';
import type { DraftDetail, PositionDto } from '@/lib/api/types';
import { POSITION_LABELS, RESERVATION_LABELS } from '@/lib/domain/vocabulary';
import { longDateUtc } from './labels';
import type { ExportDraft, ExportStatement } from './types';

/**
 * The statements and reservations on the adopted clauses, in clause then delegation
 * order: the agreed ones, or, when the draft was closed as adopted, every clause that is
 * not withdrawn.
 */
export function adoptedStatements(
  detail: Pick<DraftDetail, 'clauses' | 'delegations'> & { state?: DraftDetail['state'] },
  positions: PositionDto[],
): ExportStatement[] {
  const adopted = (status: string) => (detail.state === 'closed' ? status !== 'withdrawn' : status === 'agreed');
  const clauses = new Map(
    detail.clauses
      .filter(isNumbered)
      .filter((c) => adopted(c.status))
      .map((c) => [c.id, c]),
  );
  const names = new Map(detail.delegations.map((d) => [d.code, d.name]));
  return positions
    .filter((p) => clauses.has(p.clauseId) && (p.position === 'interpretative_statement' || p.position === 'reservation'))
    .map((p) => {
      const clause = clauses.get(p.clauseId)!;
      const kind =
        p.position === 'reservation'
          ? p.reservation
            ? RESERVATION_LABELS[p.reservation]
            : POSITION_LABELS.reservation.label
          : POSITION_LABELS.interpretative_statement.label;
      const name = names.get(p.delegation);
      return {
        clauseNumber: clause.number,
        clauseTitle: clause.title,
        delegation: p.delegation,
        ...(name ? { delegationName: name } : {}),
        kind,
        text: p.note ?? null,
      };
    })
    .sort((a, b) => a.clauseNumber - b.clauseNumber || a.delegation.localeCompare(b.delegation));
}

/** The export input of the adopted text. */
export function adoptedDraft(detail: DraftDetail, paragraphs: Map<string, string[]>, positions: PositionDto[], at: Date): ExportDraft {
  const date = longDateUtc(at);
  return {
    title: detail.title,
    subtitle: `Adopted text — ${date}`,
    clauses: detail.clauses
      .filter(isNumbered)
      .filter((c) => c.status !== 'withdrawn')
      .map((c) => ({ number: c.number, title: c.title, status: c.status, paragraphs: paragraphs.get(c.id) ?? [] })),
    adopted: {
      date,
      delegations: detail.delegations
        .filter((d) => d.participation === 'participant')
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((d) => `${d.code} — ${d.name}`),
      statements: adoptedStatements(detail, positions),
    },
  };
}

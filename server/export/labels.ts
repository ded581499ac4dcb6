/**
 * The words printed in exported texts, taken from the vocabulary of lib/ so that a
 * circulated copy says exactly what the screens say.
 */
import {
  CLAUSE_STATUS_LABELS,
  POSITION_LABELS,
  POSITIONS,
  RESERVATION_LABELS,
  type ClauseStatus,
  type Position,
  type Reservation,
} from '@/lib/domain/vocabulary';
import type { ExportAlternative, ExportAnnexPosition } from './types';

/** The marking on every page of a circulated working text. */
export const DRAFT_MARKING = 'DRAFT — FOR NEGOTIATION';

/** The reading note printed under the title. */
export const BRACKETS_NOTE =
  'Square brackets [ ] mark text that is not yet agreed; a superscript code after a bracket names the delegation(s) that recorded it. ALT 1, ALT 2 mark alternative wordings; ALT 2, ALT 3 … listed under a clause are open alternatives, with the words they would replace and their backers.';

/** The marking on every page of the adopted text. */
export const ADOPTED_MARKING = 'ADOPTED TEXT';

/** What a withdrawn clause shows in place of its text. */
export const WITHDRAWN_MARK = '[withdrawn]';

/** The line introducing an open alternative: "ALT 2, replacing “six months”:" or "ALT 3, for the whole clause:". */
export function alternativeLead(alt: ExportAlternative): string {
  return alt.replaces === null ? `${alt.label}, for the whole clause:` : `${alt.label}, replacing “${alt.replaces}”:`;
}

/** "Proposed by DE; backed by DE, PL." (or "backed by no delegation yet"). */
export function alternativeSupport(alt: ExportAlternative): string {
  const backers = alt.backers.length > 0 ? `backed by ${alt.backers.join(', ')}` : 'backed by no delegation yet';
  return `Proposed by ${alt.proposer}; ${backers}.`;
}

/** The mark printed beside positions given on earlier text. */
export const STALE_MARK = '†';

/** How a clause's status is shown beside its title; null for agreed clauses (nothing to flag). */
export function statusMark(status: ClauseStatus | null): string | null {
  return status === null || status === 'agreed' ? null : CLAUSE_STATUS_LABELS[status];
}

function isPosition(value: string): value is Position {
  return (POSITIONS as readonly string[]).includes(value);
}

function isReservation(value: string): value is Reservation {
  return value in RESERVATION_LABELS;
}

/** The letter of a position ("S", "Ab", "–"), readable without colour. */
export function positionLetter(position: string): string {
  return isPosition(position) ? POSITION_LABELS[position].letter : '?';
}

/** A position in words: "Support", "Reservation: Scrutiny reservation", "No position yet". */
export function positionWords(entry: Pick<ExportAnnexPosition, 'position' | 'reservation'>): string {
  const label = isPosition(entry.position) ? POSITION_LABELS[entry.position].label : entry.position;
  if (entry.position === 'reservation' && entry.reservation) {
    return isReservation(entry.reservation) ? RESERVATION_LABELS[entry.reservation] : `${label} (${entry.reservation})`;
  }
  return label;
}

/** The legend of the annex: every position's letter and words. */
export function positionLegend(): Array<{ letter: string; label: string }> {
  return POSITIONS.map((p) => ({ letter: POSITION_LABELS[p].letter, label: POSITION_LABELS[p].label }));
}

/** "FR" or "FR — France". */
export function delegationLabel(entry: Pick<ExportAnnexPosition, 'delegation' | 'delegationName'>): string {
  return entry.delegationName ? `${entry.delegation} — ${entry.delegationName}` : entry.delegation;
}

/** A file name for a download: the title and a date, without characters file systems refuse. */
export function exportFileName(title: string, date: string, extension: 'docx' | 'pdf'): string {
  const clean = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .trim();
  return `${clean || 'Draft'} ${date}.${extension}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** "29 November 2026" (UTC), as dates are written on circulated texts. */
export function longDateUtc(date: Date): string {
  return LONG_DATE.format(date);
}

/** "29 November 2026, 14:05 UTC". */
export function longDateTimeUtc(date: Date): string {
  return `${LONG_DATE.format(date)}, ${TIME.format(date)} UTC`;
}

/** The subtitle of the live text exported at `date`. */
export function workingTextSubtitle(date: Date): string {
  return `Working text as of ${longDateTimeUtc(date)}`;
}

/**
 * A Content-Disposition header for a download: `filename` in plain ASCII for old
 * clients, and `filename*` (RFC 6266 / 5987) with the exact UTF-8 name.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

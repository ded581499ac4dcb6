/**
 * What the export functions take: a draft, a revision or a comparison already read and
 * authorised by the caller. The functions in server/export/ never touch the database.
 */
import type { ClauseStatus, Position, Reservation } from '@/lib/domain/vocabulary';

export interface ExportClause {
  /** The clause number as people cite it; null for a withdrawn clause (out of the numbering). */
  number: number | null;
  title: string;
  /** Flagged beside the title unless agreed; null when not recorded (a revision keeps its text only). */
  status: ClauseStatus | null;
  /** The clause body, one string per paragraph, brackets and ALT wordings verbatim (recorded brackets drawn in as `[ … ]`). */
  paragraphs: string[];
  /** Superscript notes per paragraph (same order): the delegations that recorded a bracket, after its `]`. */
  notes?: ExportNote[][];
  /** Open alternative wordings, printed under the clause. */
  alternatives?: ExportAlternative[];
}

/** A superscript note inside a paragraph, e.g. the code of the delegation that bracketed the words before it. */
export interface ExportNote {
  /** Character offset in the paragraph where the note goes (before the character at that offset). */
  at: number;
  text: string;
}

/** An open alternative wording as printed under its clause. */
export interface ExportAlternative {
  /** `ALT 2`, `ALT 3`, … */
  label: string;
  scope: 'clause' | 'span';
  /** The proposed wording (in full for a whole-clause alternative). */
  body: string;
  /** For a span: the words it would replace; null for the whole clause. */
  replaces: string | null;
  /** Delegation code of the proposer (or the secretariat's mark). */
  proposer: string;
  /** Delegations backing it, in code order. */
  backers: string[];
}

/** An interpretative statement or reservation recorded against an agreed clause (the adopted text's annex). */
export interface ExportStatement {
  clauseNumber: number;
  clauseTitle: string;
  delegation: string;
  delegationName?: string;
  /** "Interpretative statement", "Scrutiny reservation", … */
  kind: string;
  text: string | null;
}

/** The adopted text: no status flags, no disputes; a cover and the statements annex. */
export interface ExportAdopted {
  /** "29 November 2026". */
  date: string;
  /** Participating delegations, "FR — France". */
  delegations: string[];
  statements: ExportStatement[];
}

export interface ExportAnnexPosition {
  /** Delegation code, e.g. `FR`. */
  delegation: string;
  /** Its name, e.g. `France`, when known. */
  delegationName?: string;
  /** A position of the vocabulary (`support`, `ad_ref`, ... or `none`). */
  position: Position | string;
  reservation: Reservation | string | null;
  /** Given on earlier text: the clause changed since and the delegation has not confirmed. */
  stale: boolean;
  note: string | null;
  /** The delegation that stated it under a mandate: shown as "PL for HU". */
  statedBy?: string | null;
}

export interface ExportAnnexClause {
  number: number;
  title: string;
  /** One line on where consensus stands, e.g. "Pending: no position yet from DE, IT". */
  consensus: string;
  positions: ExportAnnexPosition[];
}

export interface ExportDraft {
  title: string;
  /** E.g. "Rev.2 — 29 November 2026" or "Working text as of 29 November 2026, 14:05 UTC". */
  subtitle: string;
  /** A line under the subtitle, e.g. the secretariat's note on a revision. */
  note?: string;
  clauses: ExportClause[];
  /** The positions of delegations per clause, printed as an annex when given. */
  annex?: ExportAnnexClause[];
  /** Render as the adopted text (see ExportAdopted). */
  adopted?: ExportAdopted;
}

/** "3. Title", or the title alone for a withdrawn clause (it has no number). */
export function numberedTitle(clause: { number: number | null; title: string }): string {
  return clause.number === null ? clause.title : `${clause.number}. ${clause.title}`;
}

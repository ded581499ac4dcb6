/**
 * What the export functions take: a draft, a revision or a comparison already read and
 * authorised by the caller. The functions in server/export/ never touch the database.
 */
import type { ClauseStatus, Position, Reservation } from '@/lib/domain/vocabulary';

export interface ExportClause {
  /** The clause number as people cite it (kept when clauses are withdrawn). */
  number: number;
  title: string;
  /** Flagged beside the title unless agreed; null when not recorded (a revision keeps its text only). */
  status: ClauseStatus | null;
  /** The clause body, one string per paragraph, brackets and ALT wordings verbatim. */
  paragraphs: string[];
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
}

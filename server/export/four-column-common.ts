/**
 * What the DOCX and PDF of the four-column document share: its input, the column
 * headings, the reading note, and the changed text split into paragraphs of runs.
 */
import type { DiffSegment } from '@/lib/history/types';
import type { FourColumnPositionDto, FourColumnRowDto } from '@/lib/history/four-column';
import { STALE_MARK, positionWords } from './labels';

export interface FourColumnExport {
  title: string;
  /** E.g. "Rev.1 (12 November 2026)". */
  fromLabel: string;
  toLabel: string;
  rows: FourColumnRowDto[];
}

export const FOUR_COLUMN_NOTE =
  'In the third column, inserted words are underlined and deleted words struck through, each change followed by the code of the delegation that made it in superscript. ' +
  `Positions are those at the second point; ${STALE_MARK} marks a position given on earlier text.`;

export function columnHeadings(input: FourColumnExport): string[] {
  const headings = ['Clause', `Text at ${input.fromLabel}`, `Text at ${input.toLabel}, changes marked`, `Positions and reservations at ${input.toLabel}`];
  return hasComments(input) ? [...headings, "Secretariat's comment"] : headings;
}

/** The fifth column is printed when any clause has a comment. */
export function hasComments(input: FourColumnExport): boolean {
  return input.rows.some((r) => Boolean(r.comment));
}

export interface ChangeRun {
  text: string;
  kind: DiffSegment['kind'];
  /** After the last run of a change: who made it. */
  author?: string;
}

/** The changed text as paragraphs of runs (a newline in a segment starts a new paragraph). */
export function changeParagraphs(segments: DiffSegment[]): ChangeRun[][] {
  const out: ChangeRun[][] = [[]];
  for (const s of segments) {
    const lines = s.text.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out.push([]);
      if (line.length > 0) out[out.length - 1].push({ text: line, kind: s.kind });
    });
    const last = out[out.length - 1][out[out.length - 1].length - 1];
    if (s.kind !== 'equal' && last && last.kind === s.kind) last.author = s.delegation ?? s.userName ?? undefined;
  }
  return out.filter((p) => p.length > 0);
}

/** "FR — Support", "DE — Substantive reservation: note †". */
export function positionLine(p: FourColumnPositionDto): string {
  const words = positionWords({ position: p.position, reservation: p.reservation ?? null });
  return `${p.delegation} — ${words}${p.note ? `: ${p.note}` : ''}${p.stale ? ` ${STALE_MARK}` : ''}`;
}

export const textParagraphsOf = (text: string) => text.split('\n').filter((l) => l.trim().length > 0);

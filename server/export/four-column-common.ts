/**
 * What the DOCX and PDF of the four-column document share: its input, the column
 * headings, the reading note, and the changed text split into paragraphs of runs.
 */
import type { DiffSegment } from '@/lib/history/types';
import type { FourColumnPositionDto, FourColumnRowDto } from '@/lib/history/four-column';
import { bracketPieces, type FourColumnBracketDto } from '@/lib/history/four-column-marks';
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
  'Recorded brackets open at each point are shown as [ … ] in bold, followed by the proposing delegations in superscript. ' +
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
  /** A recorded bracket's `[` or `]`, or the delegations that recorded it (superscript after `]`). */
  mark?: 'bracket' | 'note';
  /** Inside a recorded bracket. */
  bracketed?: boolean;
}

type Segmentish = Pick<DiffSegment, 'text' | 'kind'> & Partial<Pick<DiffSegment, 'delegation' | 'userName'>>;

/**
 * The text of a column as paragraphs of runs (a newline in a segment starts a new
 * paragraph), with the recorded brackets open at that column's point drawn in: `side`
 * A for the text at A, B for the text at B with its changes.
 */
export function changeParagraphs(segments: readonly Segmentish[], brackets: readonly FourColumnBracketDto[] = [], side: 'A' | 'B' = 'B'): ChangeRun[][] {
  const out: ChangeRun[][] = [[]];
  const push = (run: ChangeRun) => out[out.length - 1].push(run);
  let depth = 0;
  for (const piece of bracketPieces(segments, brackets, side)) {
    if (piece.type === 'open') {
      push({ text: '[', kind: 'equal', mark: 'bracket' });
      depth += 1;
      continue;
    }
    if (piece.type === 'close') {
      push({ text: ']', kind: 'equal', mark: 'bracket' });
      push({ text: piece.delegations.join(', '), kind: 'equal', mark: 'note' });
      depth = Math.max(0, depth - 1);
      continue;
    }
    const s = segments[piece.segment];
    piece.text.split('\n').forEach((line, i) => {
      if (i > 0) out.push([]);
      if (line.length > 0) push({ text: line, kind: s.kind, ...(depth > 0 ? { bracketed: true } : {}) });
    });
    const para = out[out.length - 1];
    const last = para[para.length - 1];
    if (piece.last && s.kind !== 'equal' && last && last.kind === s.kind && !last.mark) last.author = s.delegation ?? s.userName ?? undefined;
  }
  return out.filter((p) => p.some((r) => r.mark !== 'note' && r.text.trim().length > 0));
}

/** The text at A with its brackets, as paragraphs of runs. */
export function textAParagraphs(row: Pick<FourColumnRowDto, 'textA' | 'bracketsA'>): ChangeRun[][] {
  return changeParagraphs([{ text: row.textA, kind: 'equal' }], row.bracketsA ?? [], 'A');
}

/** A row's first cell: "2. Title", or "[withdrawn] Title" for a clause out of the numbering. */
export function clauseHeading(row: Pick<FourColumnRowDto, 'number' | 'title'>): string {
  return `${row.number === null ? '[withdrawn]' : `${row.number}.`} ${row.title}`;
}

/** "FR — Support", "DE — Substantive reservation: note †". */
export function positionLine(p: FourColumnPositionDto): string {
  const words = positionWords({ position: p.position, reservation: p.reservation ?? null });
  return `${p.delegation} — ${words}${p.note ? `: ${p.note}` : ''}${p.stale ? ` ${STALE_MARK}` : ''}`;
}

export const textParagraphsOf = (text: string) => text.split('\n').filter((l) => l.trim().length > 0);

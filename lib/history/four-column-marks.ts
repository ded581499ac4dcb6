/**
 * Recorded brackets drawn into the text columns of the four-column document, the way the
 * exported draft draws them: `[` before the bracketed words, `]` after them, then the
 * proposing delegations (superscript in files, a small tag on screen). Pure: the screen,
 * the DOCX and the PDF all walk the same pieces.
 */
import type { DiffSegment } from './types';

/** A recorded bracket open at a point: `from`/`to` are offsets in the clause's plain text at that point. */
export interface FourColumnBracketDto {
  from: number;
  to: number;
  /** Proposing delegations, in code order (`Secr.` for the secretariat). */
  delegations: string[];
}

export type BracketPiece =
  /** Words of segment `segment` (a change may be cut in several pieces by brackets). */
  { type: 'text'; segment: number; text: string; first: boolean; last: boolean } | { type: 'open' } | { type: 'close'; delegations: string[] };

/**
 * The segments of a clause with the brackets open at one side put in. Side `A` counts
 * the text at A (equal and deleted words), side `B` the text at B (equal and inserted
 * words); the other side's words pass through untouched. A bracket opens just before its
 * first character and closes right after its last; brackets on the same words, or one
 * inside another, nest.
 */
export function bracketPieces(
  segments: ReadonlyArray<Pick<DiffSegment, 'text' | 'kind'>>,
  brackets: readonly FourColumnBracketDto[],
  side: 'A' | 'B',
): BracketPiece[] {
  const counted = (kind: DiffSegment['kind']) => kind === 'equal' || kind === (side === 'A' ? 'delete' : 'insert');
  const spans = brackets.filter((b) => b.to > b.from);
  // Outer brackets open first and close last.
  const opensAt = (offset: number) => spans.filter((b) => b.from === offset).sort((a, b) => b.to - a.to);
  const closesAt = (offset: number) => spans.filter((b) => b.to === offset).sort((a, b) => b.from - a.from);
  const out: BracketPiece[] = [];
  let offset = 0;
  segments.forEach((s, segment) => {
    const pieces: Array<{ type: 'text'; segment: number; text: string; first: boolean; last: boolean }> = [];
    const flush = (text: string) => {
      if (!text) return;
      const piece = { type: 'text' as const, segment, text, first: pieces.length === 0, last: false };
      pieces.push(piece);
      out.push(piece);
    };
    if (!counted(s.kind)) flush(s.text);
    else {
      let run = '';
      for (const ch of s.text) {
        const opens = opensAt(offset);
        if (opens.length > 0) {
          flush(run);
          run = '';
          for (let i = 0; i < opens.length; i += 1) out.push({ type: 'open' });
        }
        run += ch;
        offset += ch.length;
        const closes = closesAt(offset);
        if (closes.length > 0) {
          flush(run);
          run = '';
          for (const b of closes) out.push({ type: 'close', delegations: b.delegations });
        }
      }
      flush(run);
    }
    if (pieces.length > 0) pieces[pieces.length - 1].last = true;
  });
  // A bracket running past the end of the text (it should not) still closes.
  for (const b of spans.filter((x) => x.from < offset && x.to > offset).sort((a, c) => c.from - a.from))
    out.push({ type: 'close', delegations: b.delegations });
  return out;
}

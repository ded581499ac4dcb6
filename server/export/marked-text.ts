/**
 * Splits a paragraph of negotiating text into runs for a printed copy: plain wording,
 * bracketed (disputed) wording and `ALT n` markers. Nothing is added or removed: the
 * runs joined give the paragraph back verbatim, so brackets survive every export.
 */
import { findAltMarkers, findBracketRanges } from '@/lib/ui/bracket-ranges';

export type MarkKind = 'plain' | 'bracket' | 'alt';

export interface MarkedRun {
  text: string;
  kind: MarkKind;
}

/**
 * Runs of a paragraph, in order. A character inside any bracket pair (brackets
 * included, also an unclosed `[` that runs to the end) is `bracket`; an `ALT n` marker
 * is `alt` even inside brackets, so it stands out in both.
 */
export function markText(text: string): MarkedRun[] {
  if (text.length === 0) return [];
  const kinds: MarkKind[] = new Array<MarkKind>(text.length).fill('plain');
  for (const range of findBracketRanges(text)) {
    for (let i = range.from; i < range.to; i += 1) kinds[i] = 'bracket';
  }
  for (const range of findAltMarkers(text)) {
    for (let i = range.from; i < range.to; i += 1) kinds[i] = 'alt';
  }
  const runs: MarkedRun[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i += 1) {
    if (i === text.length || kinds[i] !== kinds[start]) {
      runs.push({ text: text.slice(start, i), kind: kinds[start] });
      start = i;
    }
  }
  return runs;
}

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

/** A marked run, or a superscript note between runs. */
export type NotedRun = MarkedRun | { text: string; kind: 'note' };

/**
 * The runs of a paragraph with superscript notes put in at their offsets (a note at
 * offset n goes before the character at n; a note at the end follows the last run).
 */
export function markTextWithNotes(text: string, notes: ReadonlyArray<{ at: number; text: string }> = []): NotedRun[] {
  if (notes.length === 0) return markText(text);
  const sorted = [...notes].sort((a, b) => a.at - b.at);
  const out: NotedRun[] = [];
  let pos = 0;
  let n = 0;
  for (const run of markText(text)) {
    let start = 0;
    while (n < sorted.length && sorted[n].at < pos + run.text.length) {
      const cut = Math.max(sorted[n].at - pos, start);
      if (cut > start) out.push({ text: run.text.slice(start, cut), kind: run.kind });
      out.push({ text: sorted[n].text, kind: 'note' });
      start = cut;
      n += 1;
    }
    if (start < run.text.length) out.push({ text: run.text.slice(start), kind: run.kind });
    pos += run.text.length;
  }
  for (; n < sorted.length; n += 1) out.push({ text: sorted[n].text, kind: 'note' });
  return out;
}

/**
 * Disputed wording in a negotiating text is marked with square brackets, possibly
 * nested (`[within [30] [60] days]`), and competing wordings start with `ALT 1`,
 * `ALT 2`. The editor highlights both; this finds where they are in a run of text.
 */
export interface TextRange {
  from: number;
  to: number;
  /** Nesting depth of a bracket range, 1 for the outermost. */
  depth: number;
}

/**
 * Ranges of bracketed text, brackets included, outermost first. An opening bracket
 * with no partner runs to the end of the text (it is still open, which matters: a
 * clause with open brackets cannot be agreed); a stray closing bracket is ignored.
 */
export function findBracketRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '[') {
      open.push(i);
    } else if (ch === ']' && open.length > 0) {
      const from = open.pop() as number;
      ranges.push({ from, to: i + 1, depth: open.length + 1 });
    }
  }
  while (open.length > 0) {
    const from = open.pop() as number;
    ranges.push({ from, to: text.length, depth: open.length + 1 });
  }
  return ranges.sort((a, b) => a.from - b.from || a.depth - b.depth);
}

/** Ranges of `ALT 1`, `ALT 2`, ... markers (with an optional trailing colon). */
export function findAltMarkers(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const re = /\bALT\s?\d+:?/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    ranges.push({ from: m.index, to: m.index + m[0].length, depth: 0 });
  }
  return ranges;
}

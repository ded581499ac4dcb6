/**
 * Disputed wording in a clause: square-bracketed spans `[like this]` (nested ones
 * count too, as each is a separate dispute) and alternative wordings `ALT 1`,
 * `ALT 2`. A clause with any of them cannot be agreed.
 */
export interface BracketCount {
  /** Matched `[`…`]` pairs, nested ones included. */
  spans: number;
  /** `[` without a closing `]`, or `]` without an opening one: still disputed text. */
  unmatched: number;
  /** `ALT n` markers. */
  alternatives: number;
  /** Everything that keeps the clause open: spans + unmatched + alternatives. */
  open: number;
}

const ALT_MARKER = /\bALT\s*\d+\b/g;

export function countBrackets(text: string): BracketCount {
  let depth = 0;
  let spans = 0;
  let strayClosing = 0;
  for (const ch of text) {
    if (ch === '[') depth += 1;
    else if (ch === ']') {
      if (depth > 0) {
        depth -= 1;
        spans += 1;
      } else strayClosing += 1;
    }
  }
  const unmatched = depth + strayClosing;
  const alternatives = (text.match(ALT_MARKER) ?? []).length;
  return { spans, unmatched, alternatives, open: spans + unmatched + alternatives };
}

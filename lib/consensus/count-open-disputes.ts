/**
 * How many disputes keep a clause open, counting typed brackets and the brackets and
 * alternatives that delegations recorded on the text, each dispute once.
 *
 * The rule (README, "Brackets and alternatives"):
 * - typed: everything `countBrackets` counts in the text (`[…]` spans, nested ones
 *   included, unmatched brackets, `ALT n` markers);
 * - recorded brackets: each open recorded bracket whose span is still in the text
 *   (a detached one, whose words were deleted, no longer counts), except when its
 *   whole span already lies within a typed `[…]` range (that dispute is already
 *   counted), and two recorded brackets on exactly the same words count once;
 * - alternatives: each open alternative wording (`ALT 2`, `ALT 3`, …) whose text is
 *   still there (a whole-clause alternative always is; a span alternative is detached
 *   when its words were deleted).
 */
import { findBracketRanges } from '../ui/bracket-ranges';
import { countBrackets } from './count-brackets';

export interface DisputeCount {
  typed: number;
  recorded: number;
  alternatives: number;
  /** typed + recorded + alternatives: what consensus calls open brackets. */
  open: number;
}

export interface SpanOffsets {
  from: number;
  to: number;
}

export function countOpenDisputes(text: string, recordedSpans: readonly SpanOffsets[], openAlternatives: number): DisputeCount {
  const typed = countBrackets(text).open;
  const typedRanges = findBracketRanges(text);
  const seen = new Set<string>();
  let recorded = 0;
  for (const span of recordedSpans) {
    if (span.from >= span.to) continue;
    const key = `${span.from}:${span.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (typedRanges.some((r) => r.from <= span.from && span.to <= r.to)) continue;
    recorded += 1;
  }
  const alternatives = Math.max(0, openAlternatives);
  return { typed, recorded, alternatives, open: typed + recorded + alternatives };
}

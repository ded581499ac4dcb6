/**
 * How many disputes keep a clause open, counting typed brackets and the brackets and
 * alternatives that delegations recorded on the text, each dispute once. Consensus, the
 * dashboard and the exports (through consensus) and the clause's brackets panel all
 * count with this file, so that they give the same numbers.
 *
 * The rule (docs/design.md, "Brackets and alternatives"):
 * - typed: everything `countBrackets` counts in the text (`[…]` spans, nested ones
 *   included, unmatched brackets, `ALT n` markers);
 * - recorded brackets: each open recorded bracket whose span is still in the text,
 *   except when its whole span already lies within a typed `[…]` range (that dispute is
 *   already counted), and two recorded brackets on exactly the same words count once.
 *   A *detached* one (its words were deleted by an edit) does not count: nothing in the
 *   text is disputed any more; it stays listed, marked detached, until its proposer or
 *   the secretariat removes it. (A bracket whose words an adopted alternative replaced
 *   is not detached but closed, as resolved by the adoption: server/brackets.)
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

/**
 * Whether a recorded bracket counts as a dispute of its own: `counted`; `detached` (its
 * words were deleted); `within_typed` (inside a typed `[…]`, counted there); `duplicate`
 * (the same words as an earlier bracket, counted once).
 */
export type RecordedBracketCount = 'counted' | 'detached' | 'within_typed' | 'duplicate';

/** How each open recorded bracket counts, in input order; `null` or an empty span is a detached bracket. */
export function classifyRecordedBrackets(text: string, spans: ReadonlyArray<SpanOffsets | null>): RecordedBracketCount[] {
  const typedRanges = findBracketRanges(text);
  const seen = new Set<string>();
  return spans.map((span) => {
    if (!span || span.from >= span.to) return 'detached';
    const key = `${span.from}:${span.to}`;
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
    if (typedRanges.some((r) => r.from <= span.from && span.to <= r.to)) return 'within_typed';
    return 'counted';
  });
}

export function countOpenDisputes(text: string, recordedSpans: ReadonlyArray<SpanOffsets | null>, openAlternatives: number): DisputeCount {
  const typed = countBrackets(text).open;
  const recorded = classifyRecordedBrackets(text, recordedSpans).filter((c) => c === 'counted').length;
  const alternatives = Math.max(0, openAlternatives);
  return { typed, recorded, alternatives, open: typed + recorded + alternatives };
}

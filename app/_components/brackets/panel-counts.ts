import type { AlternativeDto, AnchorDto, BracketDto } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import { decodeAnchor, indexFragment, resolveSpan, type ResolvedSpan } from '@/lib/collab/text-anchor';
import { classifyRecordedBrackets, type RecordedBracketCount } from '@/lib/consensus/count-open-disputes';
import type * as Y from 'yjs';

export interface PanelBracket {
  bracket: BracketDto;
  /** The words it covers in this browser's copy of the text now; null when detached. */
  text: string | null;
  /** Whether it counts as a dispute of its own, as consensus counts it. */
  count: RecordedBracketCount;
}

export interface PanelCounts {
  brackets: PanelBracket[];
  /** Open recorded brackets consensus counts (its `recorded`). */
  countedBrackets: number;
  /** Open brackets whose words were deleted: listed, not counted. */
  detachedBrackets: number;
  /** Open alternatives whose words are still there (consensus's `alternatives`). */
  countedAlternatives: number;
  /** Open span alternatives whose words were deleted. */
  detachedAlternatives: Set<string>;
}

function live(doc: Y.Doc, clauseId: string, anchor: AnchorDto, index: ReturnType<typeof indexFragment>): ResolvedSpan | null {
  const start = decodeAnchor(anchor.start);
  const end = decodeAnchor(anchor.end);
  if (!start || !end) return null;
  return resolveSpan(doc, clauseId, { start, end }, index);
}

/**
 * What the clause's brackets panel counts, with the same rule as consensus
 * (lib/consensus/count-open-disputes.ts) applied to this browser's copy of the text, so
 * that the panel, the consensus line, the dashboard and the exports give the same
 * numbers. Without the document (not loaded yet), the server's view of each span is used.
 */
export function panelCounts(
  doc: Y.Doc | null,
  clauseId: string,
  openBrackets: readonly BracketDto[],
  openAlternatives: readonly AlternativeDto[],
): PanelCounts {
  const index = doc ? indexFragment(doc.getXmlFragment(clauseField(clauseId))) : null;
  const spans = openBrackets.map((b) => (doc && index ? live(doc, clauseId, b.anchor, index) : b.current));
  const classes = classifyRecordedBrackets(index?.text ?? '', spans);
  const brackets = openBrackets.map((bracket, i) => ({ bracket, text: spans[i]?.text ?? null, count: classes[i] }));
  const detachedAlternatives = new Set<string>();
  for (const a of openAlternatives) {
    if (a.scope !== 'span') continue;
    const attached = doc && index && a.anchor ? live(doc, clauseId, a.anchor, index) !== null : a.current != null;
    if (!attached) detachedAlternatives.add(a.id);
  }
  return {
    brackets,
    countedBrackets: classes.filter((c) => c === 'counted').length,
    detachedBrackets: classes.filter((c) => c === 'detached').length,
    countedAlternatives: openAlternatives.length - detachedAlternatives.size,
    detachedAlternatives,
  };
}

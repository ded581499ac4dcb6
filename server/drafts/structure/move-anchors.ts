/**
 * Annotations anchored to words that a split or a merge moves to another clause follow
 * them. Blocks are moved as copies (a Yjs item cannot change parent), so an anchor is
 * re-made in the copy: the same path of child indexes from the moved block down to the
 * text, the same index in that text, the same association. Spans that are not wholly in
 * the moved blocks keep their anchors; the part that was moved away no longer resolves,
 * so they show as detached.
 */
import * as Y from 'yjs';

type Parent = Y.XmlFragment | Y.XmlElement;

interface Located {
  path: number[];
  index: number;
  assoc: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function pathOf(fragment: Y.XmlFragment, type: AnyType): number[] | null {
  const path: number[] = [];
  let t: AnyType = type;
  while (t !== (fragment as AnyType)) {
    const parent: unknown = t._item?.parent;
    if (!(parent instanceof Y.XmlFragment || parent instanceof Y.XmlElement)) return null;
    const at = (parent.toArray() as unknown[]).indexOf(t);
    if (at < 0) return null;
    path.unshift(at);
    t = parent as AnyType;
  }
  return path;
}

function typeAt(fragment: Y.XmlFragment, path: readonly number[]): AnyType | null {
  let t: unknown = fragment;
  for (const i of path) {
    if (!(t instanceof Y.XmlFragment || t instanceof Y.XmlElement)) return null;
    const child: unknown = (t as Parent).get(i);
    if (!child) return null;
    t = child;
  }
  return t as AnyType;
}

function locate(doc: Y.Doc, fragment: Y.XmlFragment, rel: Y.RelativePosition | null): Located | null {
  if (!rel) return null;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs) return null;
  const path = pathOf(fragment, abs.type);
  return path && path.length > 0 ? { path, index: abs.index, assoc: rel.assoc } : null;
}

/** Where a span sits in the source fragment before the edit, when it lies wholly in blocks `from` and later. */
export interface PlannedMove {
  start: Located;
  end: Located;
}

/** Plan the move of a span (its two relative positions) out of `fragment`, when both ends are in blocks at or after `fromBlock`. */
export function planMove(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  start: Y.RelativePosition | null,
  end: Y.RelativePosition | null,
  fromBlock: number,
): PlannedMove | null {
  const s = locate(doc, fragment, start);
  const e = locate(doc, fragment, end);
  if (!s || !e || s.path[0] < fromBlock || e.path[0] < fromBlock) return null;
  return { start: s, end: e };
}

/** The span's relative positions in `target` after the move, its blocks shifted by `shift` (target index = source index + shift). */
export function applyMove(target: Y.XmlFragment, plan: PlannedMove, shift: number): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  const make = (l: Located) => {
    const type = typeAt(target, [l.path[0] + shift, ...l.path.slice(1)]);
    return type ? Y.createRelativePositionFromTypeIndex(type, l.index, l.assoc) : null;
  };
  const start = make(plan.start);
  const end = make(plan.end);
  return start && end ? { start, end } : null;
}

/** Copies of `fragment`'s top-level blocks from `from` on (to insert elsewhere). */
export function copyBlocks(fragment: Y.XmlFragment, from = 0): Array<Y.XmlElement | Y.XmlText> {
  return (fragment.toArray() as Array<Y.XmlElement | Y.XmlText | Y.XmlHook>)
    .slice(from)
    .filter((n): n is Y.XmlElement | Y.XmlText => n instanceof Y.XmlElement || n instanceof Y.XmlText)
    .map((n) => n.clone());
}

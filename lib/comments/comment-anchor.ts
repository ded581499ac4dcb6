/**
 * Comment anchors: a span of a clause is remembered as two Yjs relative positions in
 * the clause's Y.XmlFragment, so that it keeps pointing at the same words whatever
 * others insert or delete around it, on every replica and after a reload. The start
 * sticks to the first character of the span (assoc 0: text typed just before the span
 * stays outside), the end to its last character (assoc -1: text typed just after stays
 * outside). When every character of the span is deleted both ends meet: the comment is
 * *detached* and shows the words it was made on.
 */
import * as Y from 'yjs';
import { clauseField } from '../collab/clause-field';

export interface EncodedAnchor {
  /** base64 of `Y.encodeRelativePosition` */
  start: string;
  end: string;
}

/** Upper bound for one encoded relative position (they are a few dozen bytes). */
export const MAX_ENCODED_ANCHOR_CHARS = 512;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length > MAX_ENCODED_ANCHOR_CHARS) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function encodeRelativePosition(pos: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(pos));
}

/** The relative position in an encoded anchor end, or null when it is not one. */
export function decodeRelativePosition(text: string): Y.RelativePosition | null {
  const bytes = fromBase64(text);
  if (!bytes || bytes.length === 0) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** Re-anchor a relative position with the given association (y-prosemirror always uses -1). */
export function withAssoc(doc: Y.Doc, pos: Y.RelativePosition, assoc: 0 | -1): Y.RelativePosition {
  const abs = Y.createAbsolutePositionFromRelativePosition(pos, doc);
  if (!abs) return pos;
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc);
}

/** An anchor for `length` characters from `index` of one XmlText (used by tests and scripts). */
export function anchorInText(text: Y.XmlText, index: number, length: number): EncodedAnchor {
  return {
    start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, 0)),
    end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index + length, -1)),
  };
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y's type classes differ in their event type parameter
type AnyType = Y.AbstractType<any>;

/**
 * The clause's plain text (as `fragmentText` builds it: blocks joined by newlines) with
 * a way to turn an absolute Yjs position inside the fragment into an offset in that text.
 */
function indexFragment(fragment: Y.XmlFragment): { text: string; offsetOf(type: AnyType, index: number): number | null } {
  const starts = new Map<AnyType, number>();
  const childStarts = new Map<AnyType, number[]>();
  const ends = new Map<AnyType, number>();
  let text = '';

  const walkChildren = (parent: Y.XmlFragment | Y.XmlElement, separator: string) => {
    const children = parent.toArray() as Node[];
    const offsets: number[] = [];
    starts.set(parent as AnyType, text.length);
    children.forEach((child, i) => {
      if (i > 0) text += separator;
      offsets.push(text.length);
      walk(child);
    });
    childStarts.set(parent as AnyType, offsets);
    ends.set(parent as AnyType, text.length);
  };
  const walk = (node: Node) => {
    if (node instanceof Y.XmlText) {
      starts.set(node, text.length);
      text += (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      ends.set(node, text.length);
    } else if (node instanceof Y.XmlElement) {
      const blocks = (node.toArray() as Node[]).some((c) => c instanceof Y.XmlElement);
      walkChildren(node, blocks ? '\n' : '');
    }
  };
  walkChildren(fragment, '\n');

  return {
    text,
    offsetOf(type, index) {
      const start = starts.get(type);
      if (start === undefined) return null;
      if (type instanceof Y.XmlText) return Math.min(start + index, ends.get(type) ?? start);
      const offsets = childStarts.get(type) ?? [];
      return index < offsets.length ? offsets[index] : (ends.get(type) ?? start);
    },
  };
}

export interface ResolvedAnchor {
  /** The words the anchor covers now ('' when detached). */
  text: string;
  /** Offsets in the clause's plain text. */
  from: number;
  to: number;
  /** The words were deleted: the comment no longer points at any text. */
  detached: boolean;
}

export type AnchorResolution =
  | { ok: true; anchor: ResolvedAnchor }
  /** `foreign`: the positions belong to another part of the document; `unknown`: they name edits this replica has not seen (yet); `invalid`: undecodable. */
  | { ok: false; reason: 'invalid' | 'foreign' | 'unknown' };

function inFragment(fragment: Y.XmlFragment, type: AnyType): boolean {
  if (type === fragment) return true;
  return type._item !== null && Y.isParentOf(fragment, type._item);
}

function isDeleted(type: AnyType, fragment: Y.XmlFragment): boolean {
  let t: AnyType | null = type;
  while (t && t !== fragment) {
    if (t._item?.deleted) return true;
    t = (t._item?.parent as AnyType | undefined) ?? null;
  }
  return false;
}

/** Where an anchor points now in a clause of a document. */
export function resolveAnchor(doc: Y.Doc, clauseId: string, anchor: EncodedAnchor): AnchorResolution {
  const start = decodeRelativePosition(anchor.start);
  const end = decodeRelativePosition(anchor.end);
  if (!start || !end) return { ok: false, reason: 'invalid' };
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  let absStart: Y.AbsolutePosition | null;
  let absEnd: Y.AbsolutePosition | null;
  try {
    absStart = Y.createAbsolutePositionFromRelativePosition(start, doc);
    absEnd = Y.createAbsolutePositionFromRelativePosition(end, doc);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!absStart || !absEnd) {
    const named = [start, end].some((p) => p.tname !== null && p.tname !== clauseField(clauseId));
    if (named) return { ok: false, reason: 'foreign' };
    const unseen = [start, end].some((p) => p.item !== null && Y.getState(doc.store, p.item.client) <= p.item.clock);
    if (unseen) return { ok: false, reason: 'unknown' };
    // Known edits that resolve to nothing: their paragraph was deleted as a whole and collected.
    return { ok: true, anchor: { text: '', from: 0, to: 0, detached: true } };
  }
  if (!inFragment(fragment, absStart.type) || !inFragment(fragment, absEnd.type)) return { ok: false, reason: 'foreign' };
  const index = indexFragment(fragment);
  const from = isDeleted(absStart.type, fragment) ? null : index.offsetOf(absStart.type, absStart.index);
  const to = isDeleted(absEnd.type, fragment) ? null : index.offsetOf(absEnd.type, absEnd.index);
  if (from === null || to === null || to <= from) return { ok: true, anchor: { text: '', from: from ?? 0, to: from ?? 0, detached: true } };
  const text = index.text.slice(from, to);
  return { ok: true, anchor: { text, from, to, detached: text.trim() === '' } };
}

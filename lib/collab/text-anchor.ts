/**
 * Anchors on clause text that survive concurrent editing: a span is stored as two Yjs
 * relative positions (start sticks to its first character, end to its last), so that
 * text inserted before, after or inside the span moves it with the words it marks.
 * Offsets here are offsets into the clause's plain text exactly as `clauseText`
 * (./clause-text.ts) produces it: blocks joined by newlines, formatting dropped.
 */
import * as Y from 'yjs';
import { clauseField } from './clause-field';

/** One run of text in the clause and where it starts in the clause's plain text. */
interface TextRun {
  node: Y.XmlText;
  /** Offset of the run's first character in the clause's plain text. */
  offset: number;
}

export interface ClauseTextIndex {
  text: string;
  runs: TextRun[];
}

/** The plain text of a fragment with the place of every XmlText in it (mirrors `fragmentText`). */
export function indexFragment(fragment: Y.XmlFragment): ClauseTextIndex {
  const runs: TextRun[] = [];
  let text = '';
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): void => {
    if (node instanceof Y.XmlText) {
      runs.push({ node, offset: text.length });
      text += stringsOf(node);
      return;
    }
    if (node instanceof Y.XmlElement) {
      const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
      const blocks = children.some((c) => c instanceof Y.XmlElement);
      children.forEach((child, i) => {
        if (i > 0 && blocks) text += '\n';
        visit(child);
      });
    }
  };
  (fragment.toArray() as Array<Y.XmlElement | Y.XmlText>).forEach((node, i) => {
    if (i > 0) text += '\n';
    visit(node);
  });
  return { text, runs };
}

function stringsOf(node: Y.XmlText): string {
  return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Index in the XmlText (embeds count one) of a character offset within its string content. */
function typeIndexOf(node: Y.XmlText, charOffset: number): number {
  let index = 0;
  let chars = 0;
  for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
    if (typeof op.insert === 'string') {
      if (chars + op.insert.length >= charOffset) return index + (charOffset - chars);
      chars += op.insert.length;
      index += op.insert.length;
    } else index += 1;
  }
  return index;
}

/** Character offset within the string content of an XmlText for an index in it (embeds count one). */
function charOffsetOf(node: Y.XmlText, typeIndex: number): number {
  let index = 0;
  let chars = 0;
  for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
    if (typeof op.insert === 'string') {
      if (index + op.insert.length >= typeIndex) return chars + (typeIndex - index);
      chars += op.insert.length;
      index += op.insert.length;
    } else {
      if (index + 1 > typeIndex) return chars;
      index += 1;
    }
  }
  return chars;
}

export interface SpanAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * Anchors for the plain-text span [from, to) of a clause. Returns null when the span is
 * empty, out of range, or does not start and end inside text (e.g. it starts on a line break).
 */
export function anchorSpan(doc: Y.Doc, clauseId: string, from: number, to: number): SpanAnchor | null {
  const { text, runs } = indexFragment(doc.getXmlFragment(clauseField(clauseId)));
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > text.length || from >= to) return null;
  const runAt = (offset: number, last: boolean) =>
    runs.find((r) => {
      const len = stringsOf(r.node).length;
      return last ? offset > r.offset && offset <= r.offset + len : offset >= r.offset && offset < r.offset + len;
    });
  const first = runAt(from, false);
  const lastRun = runAt(to, true);
  if (!first || !lastRun) return null;
  return {
    // The start sticks to the span's first character, the end to its last: text typed at either edge stays outside.
    start: Y.createRelativePositionFromTypeIndex(first.node, typeIndexOf(first.node, from - first.offset), 0),
    end: Y.createRelativePositionFromTypeIndex(lastRun.node, typeIndexOf(lastRun.node, to - lastRun.offset), -1),
  };
}

/** Where a relative position is now, as an offset in the clause's plain text; null when it is not in the clause's live text. */
export function resolveOffset(doc: Y.Doc, index: ClauseTextIndex, rel: Y.RelativePosition): { offset: number; node: Y.XmlText; typeIndex: number } | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return null;
  const run = index.runs.find((r) => r.node === abs.type);
  if (!run) return null;
  return { offset: run.offset + charOffsetOf(run.node, abs.index), node: run.node, typeIndex: abs.index };
}

export interface ResolvedSpan {
  from: number;
  to: number;
  /** The words the span covers now. */
  text: string;
}

/**
 * Where an anchored span is now in the clause's plain text, or null when it is detached:
 * its words were deleted, or the anchors are not in this clause.
 */
export function resolveSpan(doc: Y.Doc, clauseId: string, anchor: SpanAnchor, index?: ClauseTextIndex): ResolvedSpan | null {
  const idx = index ?? indexFragment(doc.getXmlFragment(clauseField(clauseId)));
  const start = resolveOffset(doc, idx, anchor.start);
  const end = resolveOffset(doc, idx, anchor.end);
  if (!start || !end || start.offset >= end.offset) return null;
  return { from: start.offset, to: end.offset, text: idx.text.slice(start.offset, end.offset) };
}

/** Relative positions travel as base64 of Yjs's binary encoding. */
export function encodeAnchor(rel: Y.RelativePosition): string {
  return bytesToBase64(Y.encodeRelativePosition(rel));
}

/** Decodes an anchor; null when it is not a valid encoded relative position. */
export function decodeAnchor(value: string): Y.RelativePosition | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length > 200) return null;
  try {
    const rel = Y.decodeRelativePosition(base64ToBytes(value));
    return rel.item || rel.type || rel.tname ? rel : null;
  } catch {
    return null;
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function base64ToBytes(value: string): Uint8Array {
  const s = atob(value);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}

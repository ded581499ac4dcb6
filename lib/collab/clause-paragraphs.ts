/**
 * The paragraphs of a clause body as Tiptap stores it in Yjs: one string per leaf block
 * (paragraph, heading, list item's paragraph), in document order, for exports and
 * circulated texts. Items of a bullet list start with "• ", those of an ordered list
 * with their number; a hard break inside a paragraph becomes a newline; formatting is
 * dropped and empty paragraphs are left out.
 *
 * `clauseParagraphsWithOffsets` also says where each character is in the clause's plain
 * text (`clauseText`, the offsets anchors resolve to), so that recorded brackets can be
 * drawn on the printed paragraphs.
 */
import * as Y from 'yjs';
import { clauseField } from './clause-field';
import { indexFragment } from './text-anchor';

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** A printed paragraph and, per character, its offset in the clause's plain text (-1: added, e.g. a list marker). */
export interface OffsetParagraph {
  text: string;
  offsets: number[];
}

type Starts = Map<Y.XmlText, number>;

function inline(node: Node, starts: Starts, out: OffsetParagraph): void {
  if (node instanceof Y.XmlText) {
    const start = starts.get(node) ?? -1;
    let i = 0;
    for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
      if (typeof op.insert !== 'string') continue;
      out.text += op.insert;
      for (let k = 0; k < op.insert.length; k += 1) out.offsets.push(start < 0 ? -1 : start + i + k);
      i += op.insert.length;
    }
    return;
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') {
      out.text += '\n';
      out.offsets.push(-1);
      return;
    }
    for (const child of node.toArray() as Node[]) inline(child, starts, out);
  }
}

function isBlock(node: Node): node is Y.XmlElement {
  return node instanceof Y.XmlElement && node.nodeName !== 'hardBreak';
}

function leaf(node: Node, prefix: string, starts: Starts, out: OffsetParagraph[]): void {
  const p: OffsetParagraph = { text: prefix, offsets: new Array<number>(prefix.length).fill(-1) };
  inline(node, starts, p);
  if (p.text.slice(prefix.length).trim()) out.push(p);
}

function collect(node: Node, prefix: string, starts: Starts, out: OffsetParagraph[]): void {
  if (!(node instanceof Y.XmlElement)) {
    leaf(node, prefix, starts, out);
    return;
  }
  const children = node.toArray() as Node[];
  if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
    const startAttr = Number(node.getAttribute('start') ?? 1);
    let n = Number.isFinite(startAttr) ? startAttr : 1;
    for (const item of children) {
      collect(item, node.nodeName === 'bulletList' ? '• ' : `${n}. `, starts, out);
      n += 1;
    }
    return;
  }
  if (children.some(isBlock)) {
    // A container (list item, blockquote): its first block carries the list marker.
    let first = true;
    for (const child of children) {
      collect(child, first ? prefix : '', starts, out);
      first = false;
    }
    return;
  }
  leaf(node, prefix, starts, out);
}

/** Paragraphs of a clause body fragment, with the plain-text offset of each character. */
export function fragmentParagraphsWithOffsets(fragment: Y.XmlFragment): OffsetParagraph[] {
  const starts: Starts = new Map(indexFragment(fragment).runs.map((r) => [r.node, r.offset]));
  const out: OffsetParagraph[] = [];
  for (const node of fragment.toArray() as Node[]) collect(node, '', starts, out);
  return out;
}

/** Paragraphs of a clause body fragment. */
export function fragmentParagraphs(fragment: Y.XmlFragment): string[] {
  return fragmentParagraphsWithOffsets(fragment).map((p) => p.text);
}

/** Paragraphs of the clause `clauseId` in a draft's Y.Doc (empty when it has no body). */
export function clauseParagraphs(doc: Y.Doc, clauseId: string): string[] {
  return fragmentParagraphs(doc.getXmlFragment(clauseField(clauseId)));
}

/** Paragraphs of a clause with the plain-text offset of each character. */
export function clauseParagraphsWithOffsets(doc: Y.Doc, clauseId: string): OffsetParagraph[] {
  return fragmentParagraphsWithOffsets(doc.getXmlFragment(clauseField(clauseId)));
}

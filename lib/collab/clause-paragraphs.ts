/**
 * The paragraphs of a clause body as Tiptap stores it in Yjs: one string per leaf block
 * (paragraph, heading, list item's paragraph), in document order, for exports and
 * circulated texts. Items of a bullet list start with "• ", those of an ordered list
 * with their number; a hard break inside a paragraph becomes a newline; formatting is
 * dropped and empty paragraphs are left out.
 */
import * as Y from 'yjs';
import { clauseField } from './clause-field';

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inlineText(node: Node): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    return (node.toArray() as Node[]).map(inlineText).join('');
  }
  return '';
}

function isBlock(node: Node): node is Y.XmlElement {
  return node instanceof Y.XmlElement && node.nodeName !== 'hardBreak';
}

function collect(node: Node, prefix: string, out: string[]): void {
  if (!(node instanceof Y.XmlElement)) {
    const text = inlineText(node);
    if (text.trim()) out.push(prefix + text);
    return;
  }
  const children = node.toArray() as Node[];
  if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
    const startAttr = Number(node.getAttribute('start') ?? 1);
    let n = Number.isFinite(startAttr) ? startAttr : 1;
    for (const item of children) {
      collect(item, node.nodeName === 'bulletList' ? '• ' : `${n}. `, out);
      n += 1;
    }
    return;
  }
  if (children.some(isBlock)) {
    // A container (list item, blockquote): its first block carries the list marker.
    let first = true;
    for (const child of children) {
      collect(child, first ? prefix : '', out);
      first = false;
    }
    return;
  }
  const text = inlineText(node);
  if (text.trim()) out.push(prefix + text);
}

/** Paragraphs of a clause body fragment. */
export function fragmentParagraphs(fragment: Y.XmlFragment): string[] {
  const out: string[] = [];
  for (const node of fragment.toArray() as Node[]) collect(node, '', out);
  return out;
}

/** Paragraphs of the clause `clauseId` in a draft's Y.Doc (empty when it has no body). */
export function clauseParagraphs(doc: Y.Doc, clauseId: string): string[] {
  return fragmentParagraphs(doc.getXmlFragment(clauseField(clauseId)));
}

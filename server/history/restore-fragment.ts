/**
 * Restoring earlier text into a live clause as a forward edit: the live fragment is
 * changed until it holds the target's content, with as small an edit as practical.
 */
import * as Y from 'yjs';
import { diffWords } from '@/lib/history/diff-words';

/** Blocks of a fragment as (element name, plain text) pairs, or null when the structure is not simple paragraphs. */
function simpleBlocks(fragment: Y.XmlFragment): Array<{ name: string; text: Y.XmlText | null; value: string }> | null {
  const blocks: Array<{ name: string; text: Y.XmlText | null; value: string }> = [];
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) return null;
    const children = node.toArray();
    if (children.length > 1 || (children.length === 1 && !(children[0] instanceof Y.XmlText))) return null;
    const text = (children[0] as Y.XmlText | undefined) ?? null;
    blocks.push({ name: node.nodeName, text, value: text ? plainText(text) : '' });
  }
  return blocks;
}

/** The characters of an XmlText (formatting dropped), indexed as XmlText positions count them. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Whether two fragments hold the same content (elements, attributes, text and marks). */
export function sameContent(a: Y.XmlFragment, b: Y.XmlFragment): boolean {
  return a.toString() === b.toString();
}

/**
 * Make `live` hold the content of `target` as a forward edit. When both are plain
 * paragraphs of the same shape, only the words that differ are deleted and inserted
 * (unchanged text keeps its authors); otherwise the blocks are replaced by copies.
 */
export function restoreFragment(live: Y.XmlFragment, target: Y.XmlFragment): void {
  const a = simpleBlocks(live);
  const b = simpleBlocks(target);
  if (a && b && a.length === b.length && a.every((block, i) => block.name === b[i].name && (block.text !== null || b[i].value === ''))) {
    a.forEach((block, i) => {
      if (block.value === b[i].value || !block.text) return;
      let pos = 0;
      for (const op of diffWords(block.value, b[i].value)) {
        if (op.kind === 'equal') pos += op.newEnd - op.newStart;
        else if (op.kind === 'delete') block.text.delete(pos, op.oldEnd - op.oldStart);
        else {
          const inserted = b[i].value.slice(op.newStart, op.newEnd);
          block.text.insert(pos, inserted);
          pos += inserted.length;
        }
      }
    });
    return;
  }
  if (live.length > 0) live.delete(0, live.length);
  const copies = target.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  if (copies.length > 0) live.insert(0, copies);
}

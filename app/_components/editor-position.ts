import { relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** What is needed of y-tiptap's binding to turn Yjs positions into editor positions. */
export interface YEditorBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof relativePositionToAbsolutePosition>[3];
}

/**
 * The editor (ProseMirror) position of a Yjs relative position in the bound fragment,
 * or null when it is not in it (or names edits this copy has not seen).
 *
 * y-tiptap refuses every item-based text position that resolves to 1 or less (its guard
 * against positions misresolved to the document start after blocks are reordered),
 * which also refuses the clause's very first character: a comment or bracket on the
 * first word would never be drawn. When Yjs itself places the position at the start of
 * a text, this asks again with a position anchored to that text rather than to an item.
 */
export function editorPosition(binding: YEditorBinding, rel: Y.RelativePosition): number | null {
  const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
  if (pos !== null) return pos;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  if (!abs || !(abs.type instanceof Y.XmlText) || abs.index !== 0) return null;
  return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(abs.type, 0, -1), binding.mapping);
}

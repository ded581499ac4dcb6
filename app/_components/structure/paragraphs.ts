import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';

/** The plain text of a block of a clause (a paragraph, a list, …), its nested blocks joined by spaces. */
function blockText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText)
    return node
      .toDelta()
      .map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
      .join('');
  if (node instanceof Y.XmlElement)
    return node
      .toArray()
      .map((child) => blockText(child as Y.XmlElement | Y.XmlText))
      .filter(Boolean)
      .join(' ');
  return '';
}

/** The top-level blocks of a clause as the server counts them for a split, each as plain text. */
export function clauseParagraphs(doc: Y.Doc | null, clauseId: string): string[] {
  if (!doc) return [];
  return doc
    .getXmlFragment(clauseField(clauseId))
    .toArray()
    .map((node) => blockText(node as Y.XmlElement | Y.XmlText));
}

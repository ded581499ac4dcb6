/**
 * Plain text of a clause body as Tiptap stores it in Yjs (block elements containing
 * XmlText). Blocks are separated by newlines; formatting is dropped.
 */
import * as Y from 'yjs';
import { clauseField } from './clause-field';

function textOfNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
    const blocks = children.some((c) => c instanceof Y.XmlElement);
    return children.map(textOfNode).join(blocks ? '\n' : '');
  }
  return '';
}

export function fragmentText(fragment: Y.XmlFragment): string {
  return (fragment.toArray() as Array<Y.XmlElement | Y.XmlText>).map(textOfNode).join('\n');
}

export function clauseText(doc: Y.Doc, clauseId: string): string {
  return fragmentText(doc.getXmlFragment(clauseField(clauseId)));
}

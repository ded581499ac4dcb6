/**
 * A clause's text as Tiptap stores it in Yjs (a Y.XmlFragment of ProseMirror nodes),
 * turned into plain data that renders as the same HTML the editor shows: for painting
 * the text before the editors exist (server-rendered, read-only), and for the UI bench's
 * static baseline. Only the StarterKit's nodes and marks are mapped to tags (see
 * static-nodes.ts); anything else renders as its children (an unknown block as a
 * paragraph). Text is never interpreted: React escapes it, and `staticTextHtml`
 * escapes every character that HTML gives a meaning to. Runs in the custom server
 * (the services' copy of Yjs): pages receive the plain nodes.
 */
import * as Y from 'yjs';
import { MARK_TAGS, type StaticBlockTag, type StaticNode, type StaticTextRun } from './static-nodes';

export type { StaticNode } from './static-nodes';

const BLOCK_TAGS: Record<string, StaticBlockTag> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  codeBlock: 'pre',
  horizontalRule: 'hr',
  hardBreak: 'br',
};

function headingTag(level: unknown): StaticBlockTag {
  const n = Math.min(6, Math.max(1, Math.round(Number(level) || 1)));
  return `h${n}` as StaticBlockTag;
}

function textRuns(text: Y.XmlText): StaticTextRun[] {
  const runs: StaticTextRun[] = [];
  for (const op of text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const attributes = op.attributes ?? {};
    runs.push({ kind: 'text', text: op.insert, marks: MARK_TAGS.filter(([name]) => attributes[name] !== undefined).map(([, tag]) => tag) });
  }
  return runs;
}

function toNodes(children: Array<Y.XmlElement | Y.XmlText | Y.XmlHook>, inBlock: boolean): StaticNode[] {
  const out: StaticNode[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) out.push(...textRuns(child));
    else if (child instanceof Y.XmlElement) {
      const name = child.nodeName;
      const tag = name === 'heading' ? headingTag(child.getAttribute('level')) : (BLOCK_TAGS[name] ?? (inBlock ? null : 'p'));
      const inner = toNodes(child.toArray() as Array<Y.XmlElement | Y.XmlText>, true);
      if (tag === null) out.push(...inner);
      else out.push({ kind: 'element', tag, children: tag === 'hr' || tag === 'br' ? [] : inner });
    }
  }
  return out;
}

/** The fragment's content as static nodes (reads the document; call it where the document is not being changed). */
export function staticClauseNodes(fragment: Y.XmlFragment): StaticNode[] {
  return toNodes(fragment.toArray() as Array<Y.XmlElement | Y.XmlText>, false);
}

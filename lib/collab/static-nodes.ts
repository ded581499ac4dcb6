/**
 * A clause's text as plain data (what lib/collab/static-text.ts reads out of the Yjs
 * fragment) and its HTML: the same tags the editor renders, every text escaped. No Yjs
 * here, so that pages and route handlers can import it without a second copy of Yjs.
 */
/** The marks shown, outermost first, and their tags. */
export const MARK_TAGS = [
  ['link', 'a'],
  ['bold', 'strong'],
  ['italic', 'em'],
  ['underline', 'u'],
  ['strike', 's'],
  ['code', 'code'],
] as const;

export type StaticMarkTag = (typeof MARK_TAGS)[number][1];

export interface StaticTextRun {
  kind: 'text';
  text: string;
  /** Tags to wrap the text in, outermost first. */
  marks: StaticMarkTag[];
}

export type StaticBlockTag = 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'ul' | 'ol' | 'li' | 'blockquote' | 'pre' | 'hr' | 'br';

export interface StaticElement {
  kind: 'element';
  tag: StaticBlockTag;
  children: StaticNode[];
}

export type StaticNode = StaticTextRun | StaticElement;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The nodes as an HTML string: tags from the fixed lists above, every text escaped. */
export function staticTextHtml(nodes: readonly StaticNode[]): string {
  let html = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      html +=
        node.marks.map((tag) => `<${tag}>`).join('') +
        escapeHtml(node.text) +
        [...node.marks]
          .reverse()
          .map((tag) => `</${tag}>`)
          .join('');
    } else if (node.tag === 'hr' || node.tag === 'br') html += `<${node.tag}>`;
    else html += `<${node.tag}>${staticTextHtml(node.children)}</${node.tag}>`;
  }
  return html;
}

/**
 * mammoth's HTML to import units. mammoth writes a small, regular HTML (escaped text,
 * quoted attributes, a known set of tags), so a tokenizer and a tree of that set are
 * enough; anything outside it keeps its text. Kept: paragraphs, headings, lists (nested),
 * bold, italic, underline, strike, line breaks. Left out and counted: tables, links
 * (their text is kept), footnote and endnote references and bodies. Images are counted
 * by the reader (mammoth's image converter) and left out here.
 */
import type { Block, ImportUnit, InlineNode, ListItemNode, MarkType } from '@/lib/drafts/import-content';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr']);
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z:-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([a-zA-Z:-]+)(?:="([^"]*)")?/g;
const MARKS: Record<string, MarkType> = { strong: 'bold', b: 'bold', em: 'italic', i: 'italic', u: 'underline', s: 'strike', del: 'strike', strike: 'strike' };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[name.toLowerCase()] ?? m;
  });
}

export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const m of html.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.children.push(decode(m[5]));
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs[a[1].toLowerCase()] = decode(a[2] ?? '');
    const element: Element = { tag, attrs, children: [] };
    top.children.push(element);
    if (!VOID.has(tag) && !m[4]) stack.push(element);
  }
  return root;
}

export interface HtmlCounts {
  table: number;
  link: number;
}

const isNote = (e: Element) => /^#?(footnote|endnote)-/.test(e.attrs.href ?? e.attrs.id ?? '');
const isBlock = (n: Node): n is Element => typeof n !== 'string' && /^(p|h[1-6]|ul|ol|table)$/.test(n.tag);

function inline(nodes: readonly Node[], marks: MarkType[], counts: HtmlCounts, out: InlineNode[]): InlineNode[] {
  for (const node of nodes) {
    if (typeof node === 'string') {
      if (node) out.push(marks.length > 0 ? { type: 'text', text: node, marks: marks.map((type) => ({ type })) } : { type: 'text', text: node });
      continue;
    }
    if (node.tag === 'br') out.push({ type: 'hardBreak' });
    else if (node.tag === 'img' || node.tag === 'table') continue;
    else if (node.tag === 'a' && isNote(node)) continue;
    else {
      if (node.tag === 'a' && node.attrs.href && !node.attrs.href.startsWith('#')) counts.link += 1;
      const mark = MARKS[node.tag];
      inline(node.children, mark && !marks.includes(mark) ? [...marks, mark] : marks, counts, out);
    }
  }
  return out;
}

/** Inline content without leading/trailing whitespace or breaks, adjacent runs of equal marks joined. */
function tidy(content: InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of content) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      out[out.length - 1] = { ...last, text: last.text + node.text };
    } else out.push(node);
  }
  while (out[0] && (out[0].type === 'hardBreak' || !out[0].text.trim())) out.shift();
  while (out.length > 0 && (out[out.length - 1].type === 'hardBreak' || !(out[out.length - 1] as { text: string }).text.trim())) out.pop();
  if (out[0]?.type === 'text') out[0] = { ...out[0], text: out[0].text.trimStart() };
  const end = out[out.length - 1];
  if (end?.type === 'text') out[out.length - 1] = { ...end, text: end.text.trimEnd() };
  return out;
}

/** A list item's own text (before its first block) and its blocks (nested lists, paragraphs). */
function itemParts(li: Element, counts: HtmlCounts): { content: InlineNode[]; children: Block[] } {
  const firstBlock = li.children.findIndex(isBlock);
  const head = firstBlock === -1 ? li.children : li.children.slice(0, firstBlock);
  const rest = firstBlock === -1 ? [] : li.children.slice(firstBlock);
  return { content: tidy(inline(head, [], counts, [])), children: blocks(rest, counts) };
}

function listBlock(list: Element, counts: HtmlCounts): Block[] {
  const items: ListItemNode[] = list.children
    .filter((c): c is Element => typeof c !== 'string' && c.tag === 'li' && !isNote(c))
    .map((li) => itemParts(li, counts))
    .map(({ content, children }) => ({
      type: 'listItem' as const,
      content: [...(content.length > 0 ? [{ type: 'paragraph' as const, content }] : []), ...children],
    }))
    .filter((item) => item.content.length > 0);
  if (items.length === 0) return [];
  return [list.tag === 'ol' ? { type: 'orderedList', attrs: { start: 1 }, content: items } : { type: 'bulletList', content: items }];
}

/** Blocks of mixed nodes: text and inline elements between blocks become paragraphs of their own. */
function blocks(nodes: readonly Node[], counts: HtmlCounts): Block[] {
  const out: Block[] = [];
  let loose: Node[] = [];
  const paragraph = (children: readonly Node[], marks: MarkType[] = []) => {
    const content = tidy(inline(children, marks, counts, []));
    if (content.length > 0) out.push({ type: 'paragraph', content });
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      loose.push(node);
      continue;
    }
    paragraph(loose);
    loose = [];
    if (node.tag === 'table') counts.table += 1;
    else if (node.tag === 'ul' || node.tag === 'ol') out.push(...listBlock(node, counts));
    else paragraph(node.children, /^h[1-6]$/.test(node.tag) ? ['bold'] : []);
  }
  paragraph(loose);
  return out;
}

/** The units of mammoth's HTML; `counts` receives the tables and links left out. */
export function htmlToUnits(html: string, counts: HtmlCounts): ImportUnit[] {
  const units: ImportUnit[] = [];
  let listId = 0;
  const push = (unit: Omit<ImportUnit, 'n'>) => {
    if (unit.content.length > 0 || (unit.children?.length ?? 0) > 0) units.push({ n: units.length, ...unit });
  };
  for (const node of parseHtml(html).children) {
    if (typeof node === 'string') continue;
    if (node.tag === 'table') counts.table += 1;
    else if (node.tag === 'ul' || node.tag === 'ol') {
      const items = node.children.filter((c): c is Element => typeof c !== 'string' && c.tag === 'li' && !isNote(c));
      listId += 1;
      items.forEach((li, index) =>
        push({ type: 'item', list: { kind: node.tag === 'ol' ? 'ordered' : 'bullet', id: listId, index }, ...itemParts(li, counts) }),
      );
    } else if (/^h[1-6]$/.test(node.tag)) push({ type: 'heading', level: Number(node.tag[1]), content: tidy(inline(node.children, [], counts, [])) });
    else if (node.tag === 'p') push({ type: node.attrs.class === 'title' ? 'title' : 'paragraph', content: tidy(inline(node.children, [], counts, [])) });
    // Anything else mammoth might write at the top keeps its text as paragraphs.
    else for (const block of blocks([node], counts)) if (block.type === 'paragraph') push({ type: 'paragraph', content: block.content ?? [] });
  }
  return units;
}

/**
 * The content of an imported text, before it becomes a draft: the source's top-level
 * paragraphs ("units") in order, and the clause-body blocks they render to.
 *
 * Blocks are Tiptap/ProseMirror JSON in the schema of the clause editor (StarterKit):
 * `paragraph`, `bulletList`/`orderedList` of `listItem`, `text` with the marks `bold`,
 * `italic`, `underline` and `strike`, and `hardBreak`. So `{ type: 'doc', content: blocks }`
 * goes straight into a clause's Y.XmlFragment with y-tiptap's `prosemirrorJSONToYXmlFragment`.
 */
import { z } from 'zod';

export const MARK_TYPES = ['bold', 'italic', 'underline', 'strike'] as const;
export type MarkType = (typeof MARK_TYPES)[number];

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Array<{ type: MarkType }>;
}
export interface HardBreakNode {
  type: 'hardBreak';
}
export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphBlock {
  type: 'paragraph';
  content?: InlineNode[];
}
export interface ListItemNode {
  type: 'listItem';
  content: Block[];
}
export interface ListBlock {
  type: 'bulletList' | 'orderedList';
  attrs?: { start: number };
  content: ListItemNode[];
}
export type Block = ParagraphBlock | ListBlock;

/**
 * One top-level paragraph of the source: a paragraph, a heading (Word heading style or
 * Markdown `#`), a top-level list item (with its nested blocks in `children`), or a
 * paragraph in Word's Title/Subtitle style (`title`: never a clause start).
 * `n` is its position in the source, by which a plan refers to it.
 */
export interface ImportUnit {
  n: number;
  type: 'paragraph' | 'heading' | 'item' | 'title';
  /** Heading level 1-6 (headings only). */
  level?: number;
  /** The list of a list item: its kind, an id shared by the items of one list, and the item's index in it. */
  list?: { kind: 'bullet' | 'ordered'; id: number; index: number };
  content: InlineNode[];
  /** Blocks nested in a list item (sub-lists, further paragraphs). */
  children?: Block[];
}

const MAX_TEXT = 100_000;
const markSchema = z.object({ type: z.enum(MARK_TYPES) }).strict();
export const inlineSchema: z.ZodType<InlineNode> = z.union([
  z.object({ type: z.literal('text'), text: z.string().min(1).max(MAX_TEXT), marks: z.array(markSchema).max(4).optional() }).strict(),
  z.object({ type: z.literal('hardBreak') }).strict(),
]);
export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), content: z.array(inlineSchema).max(10_000).optional() }).strict(),
    z
      .object({
        type: z.enum(['bulletList', 'orderedList']),
        attrs: z
          .object({ start: z.number().int().min(0) })
          .strict()
          .optional(),
        content: z.array(z.object({ type: z.literal('listItem'), content: z.array(blockSchema).max(1000) }).strict()).max(10_000),
      })
      .strict(),
  ]),
);
export const unitSchema: z.ZodType<ImportUnit> = z
  .object({
    n: z.number().int().min(0),
    type: z.enum(['paragraph', 'heading', 'item', 'title']),
    level: z.number().int().min(1).max(6).optional(),
    list: z
      .object({ kind: z.enum(['bullet', 'ordered']), id: z.number().int().min(0), index: z.number().int().min(0) })
      .strict()
      .optional(),
    content: z.array(inlineSchema).max(10_000),
    children: z.array(blockSchema).max(10_000).optional(),
  })
  .strict();

/** The text of inline content; a hard break is a newline. */
export function inlineText(content: readonly InlineNode[] | undefined): string {
  return (content ?? []).map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

/** The content without its first `count` characters (a hard break counts as one). */
export function dropLeadingChars(content: readonly InlineNode[], count: number): InlineNode[] {
  let left = count;
  const out: InlineNode[] = [];
  for (const node of content) {
    if (left <= 0) out.push(node);
    else if (node.type === 'hardBreak') left -= 1;
    else if (node.text.length <= left) left -= node.text.length;
    else {
      out.push({ ...node, text: node.text.slice(left) });
      left = 0;
    }
  }
  return trimLeading(out);
}

function trimLeading(content: InlineNode[]): InlineNode[] {
  while (content.length > 0) {
    const first = content[0];
    if (first.type === 'hardBreak') content.shift();
    else {
      const text = first.text.replace(/^\s+/, '');
      if (text) {
        content[0] = { ...first, text };
        break;
      }
      content.shift();
    }
  }
  return content;
}

/** The content with every text run carrying `mark` too (a heading kept in a body reads as bold). */
export function withMark(content: readonly InlineNode[], mark: MarkType): InlineNode[] {
  return content.map((node) =>
    node.type === 'text' && !node.marks?.some((m) => m.type === mark) ? { ...node, marks: [...(node.marks ?? []), { type: mark }] } : node,
  );
}

/** Whether the content has text other than whitespace. */
export function hasText(content: readonly InlineNode[] | undefined): boolean {
  return inlineText(content).trim().length > 0;
}

/**
 * The lines of blocks as plain text, as `fragmentParagraphs` reads a clause body: one line
 * per paragraph, bullets as "• ", ordered items by their number; empty paragraphs left out.
 */
export function blocksLines(blocks: readonly Block[], prefix = ''): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const text = inlineText(block.content);
      if (text.trim()) out.push(prefix + text);
      continue;
    }
    let n = block.attrs?.start ?? 1;
    for (const item of block.content) {
      const marker = block.type === 'bulletList' ? '• ' : `${n}. `;
      item.content.forEach((child, i) => out.push(...blocksLines([child], i === 0 ? marker : '')));
      n += 1;
    }
  }
  return out;
}

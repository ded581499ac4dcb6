/**
 * Inline Markdown to Tiptap inline nodes: `**bold**`/`__bold__`, `*italic*`/`_italic_`,
 * `<u>underline</u>`, `~~strike~~` and backslash escapes. A link keeps its text; an
 * image is left out; both are counted so the preview can list them. A delimiter without
 * its partner stays as written.
 */
import { MARK_TYPES as MARK_ORDER, type InlineNode, type MarkType, type TextNode } from './import-content';

export interface InlineCounts {
  image: number;
  link: number;
}

type Token = { text: string } | { mark: MarkType; delim: string };

const DELIMS: Array<[string, MarkType]> = [
  ['<u>', 'underline'],
  ['</u>', 'underline'],
  ['**', 'bold'],
  ['__', 'bold'],
  ['~~', 'strike'],
  ['*', 'italic'],
  ['_', 'italic'],
];

function tokenize(source: string, counts: InlineCounts): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let i = 0;
  const push = () => {
    if (text) tokens.push({ text });
    text = '';
  };
  while (i < source.length) {
    const rest = source.slice(i);
    if (rest[0] === '\\' && rest.length > 1 && /[\\`*_{}[\]()#+\-.!~<>|]/.test(rest[1])) {
      text += rest[1];
      i += 2;
      continue;
    }
    const image = /^!\[([^\]]*)\]\([^)]*\)/.exec(rest);
    if (image) {
      counts.image += 1;
      i += image[0].length;
      continue;
    }
    const link = /^\[([^\]]+)\]\([^)]*\)/.exec(rest);
    if (link) {
      counts.link += 1;
      text += link[1];
      i += link[0].length;
      continue;
    }
    const delim = DELIMS.find(([d]) => rest.startsWith(d));
    // "_" inside a word (snake_case) is a character, not emphasis.
    if (delim && !(delim[0].startsWith('_') && /\w/.test(source[i - 1] ?? '') && /\w/.test(source[i + delim[0].length] ?? ''))) {
      push();
      tokens.push({ mark: delim[1], delim: delim[0] });
      i += delim[0].length;
      continue;
    }
    text += rest[0];
    i += 1;
  }
  push();
  return tokens;
}

/** The delimiter tokens that pair up, as openers and closers; the others are literal text. */
function pairs(tokens: Token[]): Map<number, 1 | -1> {
  const paired = new Map<number, 1 | -1>();
  const open = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (!('mark' in t)) return;
    const key = t.mark === 'underline' ? 'u' : t.delim;
    const opener = open.get(key);
    const closes = t.mark !== 'underline' || t.delim === '</u>';
    if (opener !== undefined && closes) {
      paired.set(opener, 1).set(i, -1);
      open.delete(key);
    } else if (t.delim !== '</u>') open.set(key, i);
  });
  return paired;
}

/** The inline nodes of one Markdown line or paragraph (soft line breaks already joined). */
export function parseInlineMarkdown(source: string, counts: InlineCounts): InlineNode[] {
  const tokens = tokenize(source, counts);
  const paired = pairs(tokens);
  const active = new Map<MarkType, number>();
  const out: TextNode[] = [];
  tokens.forEach((t, i) => {
    let text: string;
    if ('mark' in t) {
      const step = paired.get(i);
      if (step) {
        active.set(t.mark, (active.get(t.mark) ?? 0) + step);
        return;
      }
      text = t.delim;
    } else text = t.text;
    const marks = MARK_ORDER.filter((m) => (active.get(m) ?? 0) > 0).map((type) => ({ type }));
    const last = out[out.length - 1];
    if (last && JSON.stringify(last.marks ?? []) === JSON.stringify(marks)) last.text += text;
    else out.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
  });
  return out.filter((n) => n.text.length > 0);
}

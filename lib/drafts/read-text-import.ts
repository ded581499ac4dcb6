/**
 * Pasted text or Markdown to an import preview, by the same clause detection as a DOCX
 * (detect-clauses.ts). Isomorphic: the browser can preview a paste without the server.
 *
 * Markdown: `#`..`######` headings; paragraphs separated by blank lines (a single line
 * break joins lines); `-`/`*`/`+` bullet items (indented ones nest under the item
 * before); a line that opens an article ("Article 3 — Scope") is a paragraph of its own;
 * a line starting "N." or "(N)" starts a paragraph and keeps its number as text; inline
 * bold, italic, underline (`<u>`) and strike. Tables and images are dropped and counted,
 * links keep their text. Plain text: every non-blank line is a paragraph, taken as written.
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { opensArticle } from './clause-opening';
import { detectClauses } from './detect-clauses';
import { hasText, type ImportUnit } from './import-content';
import type { DroppedItem, ImportPreview } from './import-plan';
import { parseInlineMarkdown, type InlineCounts } from './markdown-inline';

export const MAX_TEXT_IMPORT_CHARS = 2_000_000;

/** The `text` field of `POST /api/drafts`. */
export const textImportSchema = z
  .object({
    format: z.enum(['markdown', 'text']),
    content: z.string().max(MAX_TEXT_IMPORT_CHARS, `Pasted text is limited to ${MAX_TEXT_IMPORT_CHARS.toLocaleString('en')} characters`),
  })
  .strict();
export type TextImport = z.infer<typeof textImportSchema>;

interface Pending {
  type: 'paragraph' | 'item';
  lines: string[];
}

/** The units of a Markdown text and what it dropped. */
export function markdownUnits(markdown: string): { units: ImportUnit[]; dropped: DroppedItem[] } {
  const counts: InlineCounts = { image: 0, link: 0 };
  let tables = 0;
  const units: ImportUnit[] = [];
  let pending: Pending | null = null;
  let listId = -1;
  let listIndex = 0;
  let inTable = false;
  let fence = false;

  const unit = (u: Omit<ImportUnit, 'n'>) => {
    if (hasText(u.content) || (u.children?.length ?? 0) > 0) units.push({ n: units.length, ...u });
  };
  const flush = () => {
    if (!pending) return;
    const content = parseInlineMarkdown(pending.lines.join(' '), counts);
    if (pending.type === 'item') unit({ type: 'item', list: { kind: 'bullet', id: listId, index: listIndex++ }, content });
    else unit({ type: 'paragraph', content });
    pending = null;
  };

  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) {
      unit({ type: 'paragraph', content: line.trim() ? [{ type: 'text', text: line }] : [] });
      continue;
    }
    const tableRow = /^\s*\|.*\|$/.test(line);
    if (tableRow || inTable) {
      if (tableRow && !inTable) {
        flush();
        tables += 1;
      }
      inTable = tableRow;
      if (tableRow) continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line);
    if (heading) {
      flush();
      unit({ type: 'heading', level: heading[1].length, content: parseInlineMarkdown(heading[2], counts) });
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet && !/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      if (bullet[1].length >= 2 && (pending as Pending | null)?.type === 'item') flush();
      const last = units[units.length - 1];
      if (bullet[1].length >= 2 && !pending && last?.type === 'item') {
        const nested = last.children?.[0];
        const item = { type: 'listItem' as const, content: [{ type: 'paragraph' as const, content: parseInlineMarkdown(bullet[2], counts) }] };
        if (nested?.type === 'bulletList') nested.content.push(item);
        else last.children = [{ type: 'bulletList', content: [item] }];
        continue;
      }
      const continuing = (pending as Pending | null)?.type === 'item' || (!pending && last?.type === 'item');
      flush();
      if (!continuing) {
        listId += 1;
        listIndex = 0;
      }
      pending = { type: 'item', lines: [bullet[2]] };
      continue;
    }
    const text = line.trim().replace(/^>\s?/, '');
    const lineUnit: ImportUnit = { n: 0, type: 'paragraph', content: parseInlineMarkdown(text, { image: 0, link: 0 }) };
    if (opensArticle(lineUnit)) {
      flush();
      unit({ type: 'paragraph', content: parseInlineMarkdown(text, counts) });
      continue;
    }
    if (/^(\d{1,3}\.|\(\d{1,3}\))(\s|$)/.test(text)) flush();
    if (!pending) pending = { type: 'paragraph', lines: [] };
    (pending as Pending).lines.push(text);
  }
  flush();
  const dropped: DroppedItem[] = [
    { kind: 'table', count: tables },
    { kind: 'image', count: counts.image },
    { kind: 'link', count: counts.link },
  ];
  return { units, dropped: dropped.filter((d) => d.count > 0) };
}

/** The units of plain text: one paragraph per non-blank line. */
export function plainTextUnits(text: string): ImportUnit[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, n) => ({ n, type: 'paragraph' as const, content: [{ type: 'text' as const, text: line.trim() }] }));
}

/**
 * The preview of pasted text or Markdown.
 * @throws AppError bad_request when the text is blank (nothing would be created).
 */
export function readTextImport(input: TextImport): ImportPreview {
  const { units, dropped } = input.format === 'markdown' ? markdownUnits(input.content) : { units: plainTextUnits(input.content), dropped: [] };
  if (units.length === 0) {
    throw new AppError('bad_request', {
      message: 'The pasted text is empty. Paste the draft’s text, or start from an empty draft.',
      issues: [{ path: 'text.content', message: 'is empty' }],
    });
  }
  return detectClauses(units, dropped);
}

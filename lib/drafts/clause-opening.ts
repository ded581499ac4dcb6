/**
 * How a clause opens: the marker that numbers it in the source ("Article 3", "Art. 3",
 * "3.", "(3)"), the title its first paragraph carries, and how much of that paragraph the
 * title takes. The draft numbers clauses itself, so source numbers are never kept in a title.
 */
import { inlineText, type ImportUnit, type InlineNode } from './import-content';

/** "Article 3", "ARTICLE IV", "Art. 3", "Art 12bis": a keyword and a number (digits or Roman). */
const ARTICLE = /^\s*(?:(?:Article|ARTICLE|article)\s+|(?:Art|ART|art)\.\s*|(?:Art|ART)\s+)(\d{1,4}[a-z]{0,6}|[IVXLCDM]{1,8})(?![\p{L}\p{N}])/u;
/** "3." or "(3)" followed by a space or the end of the paragraph. */
const NUMBERED = /^\s*(?:(\d{1,3})\.|\((\d{1,3})\))(?=\s|$)/;
/** What may separate a marker from its title: "Article 3 — Scope", "Article 3: Scope", "3. Scope". */
const SEPARATOR = /^\s*(?:[.:)\u2014\u2013-]\s*)?/;

export interface Marker {
  /** How the source numbered the clause: "Article 3", "3.", "(3)". */
  label: string;
  kind: 'article' | 'dot' | 'paren';
  /** The number as written ("3", "IV", "12bis"), and as an integer when it is decimal. */
  number: string;
  value: number | null;
  /** Characters the marker and its separator take at the start of the text. */
  length: number;
}

/** The marker at the start of a paragraph's text, or null. */
export function matchMarker(text: string): Marker | null {
  const article = ARTICLE.exec(text);
  if (article) {
    const length = article[0].length + SEPARATOR.exec(text.slice(article[0].length))![0].length;
    const value = /^\d+$/.test(article[1]) ? Number(article[1]) : null;
    return { label: `Article ${article[1]}`, kind: 'article', number: article[1], value, length };
  }
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const number = numbered[1] ?? numbered[2];
    const length = numbered[0].length + /^\s*/.exec(text.slice(numbered[0].length))![0].length;
    return { label: numbered[1] ? `${number}.` : `(${number})`, kind: numbered[1] ? 'dot' : 'paren', number, value: Number(number), length };
  }
  return null;
}

/**
 * Whether text reads as a title rather than a sentence: one line of at most 80 characters,
 * not starting with a lower-case letter and not ending in sentence punctuation.
 */
export function isTitleLike(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 80 && !t.includes('\n') && !/^\p{Ll}/u.test(t) && !/[.;:,!?]$/.test(t);
}

/**
 * Whether a paragraph starting "Article N" opens an article rather than citing one
 * ("Article 3 of the Convention applies."): the marker stands alone, is followed by a
 * separator or a line break, the paragraph is a heading, or what follows is title-like
 * or bold.
 */
export function opensArticle(unit: ImportUnit): boolean {
  const text = inlineText(unit.content);
  const marker = matchMarker(text);
  if (!marker || marker.kind !== 'article') return false;
  if (unit.type === 'heading') return true;
  const after = text.slice(ARTICLE.exec(text)![0].length);
  if (/^\s*($|\n|[.:)\u2014\u2013-])/.test(after)) return true;
  const rest = text.slice(marker.length);
  return isTitleLike(rest) || boldPrefixEnd(unit.content, marker.length) > marker.length;
}

/** Where the bold run that starts at `from` ends (whitespace between bold runs counts as bold); `from` when there is none. */
export function boldPrefixEnd(content: readonly InlineNode[], from: number): number {
  let at = 0;
  let end = from;
  for (const node of content) {
    const text = node.type === 'text' ? node.text : '\n';
    const start = at;
    at += text.length;
    if (at <= from) continue;
    const bold = node.type === 'text' && node.marks?.some((m) => m.type === 'bold');
    const visible = text.slice(Math.max(0, from - start));
    if (bold) end = at;
    else if (visible.trim() === '' && node.type === 'text') continue;
    else break;
  }
  return end;
}

export interface Opening {
  /** The title found in the source, cleaned; empty when it has none (then it is derived from the body). */
  title: string;
  /** What the title took of the first paragraph: all of it ('line') or its first characters. */
  consumed: 'line' | number;
  /** The source's marker ("Article 3"), a last-resort title. */
  label: string | null;
}

/** A title as shown: one line, no leading separator, no trailing punctuation, at most 200 characters. */
export function cleanTitle(text: string): string {
  const t = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s.:)\u2014\u2013-]+/, '')
    .replace(/[\s.:;,]+$/, '');
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

/**
 * How the clause that starts at `unit` opens. In order: a heading is all title; a marker
 * alone ("Article 3") leaves the title to be derived; a title-like first line before a
 * line break ("Article 3 — Scope⏎The parties…") or a bold lead-in ("1. **Scope.** The
 * parties…") is the title and the rest stays in the body; a title-like paragraph is all
 * title; otherwise only the marker is removed and the title is derived from the body.
 */
export function openClause(unit: ImportUnit): Opening {
  const text = inlineText(unit.content);
  const marker = matchMarker(text);
  const offset = marker?.length ?? 0;
  const label = marker?.label ?? null;
  const rest = text.slice(offset);
  if (unit.type === 'heading' || unit.type === 'title' || rest.trim() === '') return { title: cleanTitle(rest), consumed: 'line', label };

  const firstLine = rest.split('\n')[0];
  if (marker && rest.includes('\n') && isTitleLike(firstLine)) {
    return { title: cleanTitle(firstLine), consumed: offset + firstLine.length + 1, label };
  }
  const boldEnd = boldPrefixEnd(unit.content, offset);
  if (boldEnd > offset && text.slice(offset, boldEnd).trim()) {
    if (text.slice(boldEnd).trim() === '') return { title: cleanTitle(rest), consumed: 'line', label };
    if (boldEnd - offset <= 150) return { title: cleanTitle(text.slice(offset, boldEnd)), consumed: boldEnd, label };
  }
  if (isTitleLike(rest)) return { title: cleanTitle(rest), consumed: 'line', label };
  return { title: '', consumed: offset, label };
}

/**
 * A title derived from a clause's body: the first sentence of its first line, cut to
 * eight words (with "…" when cut); empty when the body is empty.
 */
export function deriveTitle(lines: readonly string[]): string {
  const first = (lines.find((l) => l.trim()) ?? '').replace(/^\s*(?:•|\d+\.)\s+/, '');
  const sentence = first.split(/[.;:!?](?:\s|$)/)[0];
  const words = sentence.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const cut = words.length > 8;
  const title = cleanTitle(words.slice(0, 8).join(' '));
  return cut ? `${title}…` : title;
}

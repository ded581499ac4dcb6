/**
 * A comment body is plain text. For display it is cut into segments (text, links,
 * mentions) that the UI renders as React text and elements: nothing in a body is ever
 * interpreted as HTML. Only http(s) URLs become links.
 */
import { findMentions } from './mentions';

export type CommentSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string } | { type: 'mention'; text: string; code: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"»]+$/;

function linkRanges(body: string): Array<{ index: number; length: number; href: string }> {
  const out: Array<{ index: number; length: number; href: string }> = [];
  for (const m of body.matchAll(URL_PATTERN)) {
    let raw = m[0];
    // Keep a closing parenthesis that has its opening one inside the URL (Wikipedia style).
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    if (trailing && !(trailing.startsWith(')') && raw.includes('('))) raw = raw.slice(0, raw.length - trailing.length);
    let href: string;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      href = url.href;
    } catch {
      continue;
    }
    out.push({ index: m.index ?? 0, length: raw.length, href });
  }
  return out;
}

/** Cut a plain-text body into text, link and mention segments, in order. */
export function commentSegments(body: string, knownDelegations?: ReadonlySet<string>): CommentSegment[] {
  const links = linkRanges(body);
  const insideLink = (i: number) => links.some((l) => i >= l.index && i < l.index + l.length);
  const mentions = findMentions(body).filter((m) => !insideLink(m.index) && (!knownDelegations || knownDelegations.has(m.code)));
  const marks = [
    ...links.map((l) => ({ ...l, kind: 'link' as const, code: '' })),
    ...mentions.map((m) => ({ index: m.index, length: m.length, href: '', kind: 'mention' as const, code: m.code })),
  ].sort((a, b) => a.index - b.index);
  const out: CommentSegment[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.index > at) out.push({ type: 'text', text: body.slice(at, mark.index) });
    const text = body.slice(mark.index, mark.index + mark.length);
    out.push(mark.kind === 'link' ? { type: 'link', text, href: mark.href } : { type: 'mention', text, code: mark.code });
    at = mark.index + mark.length;
  }
  if (at < body.length) out.push({ type: 'text', text: body.slice(at) });
  return out;
}

/**
 * Mentions of delegations in comment bodies: `@FR`, `@NATO`. A mention is an `@`
 * followed by a delegation code (2 to 6 capital letters) that does not continue a word
 * (so `fr@accord.test` is no mention) and is not followed by another letter or digit.
 */

const MENTION = /(^|[^\p{L}\p{N}_@.])@([A-Z]{2,6})(?![\p{L}\p{N}_])/gu;

/** Where a mention sits in the body, for rendering. */
export interface MentionMatch {
  code: string;
  /** Index of the `@`. */
  index: number;
  /** Length including the `@`. */
  length: number;
}

/** Every mention-shaped token in order (known or not). */
export function findMentions(body: string): MentionMatch[] {
  const out: MentionMatch[] = [];
  for (const m of body.matchAll(MENTION)) {
    const index = (m.index ?? 0) + m[1].length;
    out.push({ code: m[2], index, length: m[2].length + 1 });
  }
  return out;
}

export interface ParsedMentions {
  /** Mentioned delegations of the draft, each once, in order of first mention. */
  codes: string[];
  /** Mention-shaped tokens naming no delegation of the draft. */
  unknown: string[];
}

/** Mentions in a body, split into delegations of the draft and unknown codes. */
export function parseMentions(body: string, delegations: Iterable<string>): ParsedMentions {
  const known = new Set(delegations);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const { code } of findMentions(body)) {
    const list = known.has(code) ? codes : unknown;
    if (!list.includes(code)) list.push(code);
  }
  return { codes, unknown };
}

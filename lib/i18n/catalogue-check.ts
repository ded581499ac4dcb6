/**
 * Pure helpers for checking catalogues against English: every key of a nested
 * catalogue as a dotted path, and the arguments an ICU message uses ({name},
 * {count, plural, …}, <tag>…</tag>), so that a translation cannot drop or rename one.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** "a.b.c" → value, for every leaf of a nested catalogue. */
export function flattenCatalogue(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of flattenCatalogue(value, path)) out.set(k, v);
      else out.set(path, value);
    }
  }
  return out;
}

function collect(elements: MessageFormatElement[], into: Set<string>): void {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
    if (el.type === TYPE.tag) collect(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) collect(option.value, into);
  }
}

/** The sorted argument and tag names of an ICU message; throws when it is not valid ICU. */
export function icuArguments(message: string): string[] {
  const names = new Set<string>();
  collect(parse(message), names);
  return [...names].sort();
}

/** The literal text of an ICU message with its arguments and plural branches left out (for looking for leftovers on a page). */
export function icuLiterals(message: string): string[] {
  const parts: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) parts.push(el.value);
      else if (el.type === TYPE.tag) walk(el.children);
      else parts.push('\u0000');
    }
  };
  walk(parse(message));
  return parts
    .join('')
    .split('\u0000')
    .map((s) => s.trim())
    .filter(Boolean);
}

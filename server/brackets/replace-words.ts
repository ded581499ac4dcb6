/**
 * The edit an adoption makes: an alternative's wording replaces the words it was proposed
 * for (or the whole clause body), computed from the live document so that it applies
 * synchronously, with no other edit in between.
 */
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { indexFragment, resolveOffset } from '@/lib/collab/text-anchor';
import { conflict } from './annotation-context';
import { fromBytes } from './annotation-dtos';
import type { AlternativeRow } from './annotation-types';

export interface Replacement {
  /** The words the edit replaces, as they are now. */
  replaced: string;
  /** Where those words are in the clause's plain text now: [from, to). */
  from: number;
  to: number;
  /** Makes the edit (call inside a Y.transact). */
  apply: () => void;
}

type Adoptable = Pick<AlternativeRow, 'clauseId' | 'number' | 'scope' | 'anchorStart' | 'anchorEnd' | 'body'>;

/** What adopting `alt` replaces in `doc` right now, and the edit that does it; a conflict when the words are gone. */
export function planReplacement(doc: Y.Doc, alt: Adoptable): Replacement {
  const fragment = doc.getXmlFragment(clauseField(alt.clauseId));
  const index = indexFragment(fragment);
  if (alt.scope === 'clause') {
    return {
      replaced: index.text,
      from: 0,
      to: index.text.length,
      apply: () => {
        fragment.delete(0, fragment.length);
        fragment.insert(0, paragraphsOf(alt.body));
      },
    };
  }
  const start = alt.anchorStart && resolveOffset(doc, index, fromBytes(alt.anchorStart));
  const end = alt.anchorEnd && resolveOffset(doc, index, fromBytes(alt.anchorEnd));
  if (!start || !end || start.offset >= end.offset) {
    throw conflict(`The words ALT ${alt.number} replaces have been deleted from the text; it cannot be adopted.`);
  }
  if (start.node !== end.node) {
    throw conflict(`The words ALT ${alt.number} replaces now run across paragraphs; adopt a whole-clause alternative instead.`);
  }
  const node = start.node;
  // The wording is stored trimmed: spaces selected at either edge of the words stay in the
  // text, or adopting " 800,000" as "up to 800,000" would glue it to the word before.
  const { lead, trail } = edgeSpaces(node, start.typeIndex, end.typeIndex);
  const from = start.typeIndex + lead;
  const to = end.typeIndex - trail;
  // Keep the formatting of the first replaced character (bold, italic…).
  const attributes = formatAt(node, from);
  return {
    replaced: index.text.slice(start.offset + lead, end.offset - trail),
    from: start.offset + lead,
    to: end.offset - trail,
    apply: () => {
      node.delete(from, to - from);
      node.insert(from, alt.body, attributes);
    },
  };
}

/**
 * How many whitespace characters open and close the run [from, to) of an XmlText (an
 * embed stops the count). A run of spaces only keeps them all before the new wording.
 */
function edgeSpaces(node: Y.XmlText, from: number, to: number): { lead: number; trail: number } {
  const chars: Array<string | null> = [];
  for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
    // Type indexes count UTF-16 units, as split('') does.
    if (typeof op.insert === 'string') chars.push(...op.insert.split(''));
    else chars.push(null);
  }
  const space = (i: number) => {
    const ch = chars[i];
    return typeof ch === 'string' && /\s/.test(ch);
  };
  let lead = 0;
  while (from + lead < to && space(from + lead)) lead += 1;
  let trail = 0;
  while (to - trail > from + lead && space(to - trail - 1)) trail += 1;
  return { lead, trail };
}

/**
 * Whether an adoption replacing [range.from, range.to) of `text` replaces the words of a
 * recorded bracket on `span`: every non-space character of the bracket lies in the range.
 * Such a bracket is resolved by the adoption; one that only overlaps keeps marking the
 * words of it that remain.
 */
export function replacesBracket(text: string, span: { from: number; to: number } | null, range: { from: number; to: number }): boolean {
  if (!span || span.from >= span.to) return false;
  let from = span.from;
  let to = span.to;
  while (from < to && /\s/.test(text[from])) from += 1;
  while (to > from && /\s/.test(text[to - 1])) to -= 1;
  if (from === to) return span.from >= range.from && span.to <= range.to;
  return from >= range.from && to <= range.to;
}

/** A whole-clause wording as paragraphs, one per non-empty line. */
function paragraphsOf(body: string): Y.XmlElement[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    });
}

/** Formatting attributes of the character at `index` of an XmlText, so replaced words keep it. */
function formatAt(node: Y.XmlText, index: number): Record<string, unknown> | undefined {
  let i = 0;
  for (const op of node.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
    const len = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < i + len) return op.attributes;
    i += len;
  }
  return undefined;
}

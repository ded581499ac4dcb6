/**
 * What a logged Yjs update did, read from its encoding without applying it (which
 * items it created, which it deleted, how many characters), and the text of a clause
 * with the id of the Yjs item behind each character.
 */
import * as Y from 'yjs';

export interface ClockSpan {
  client: number;
  clock: number;
  len: number;
}

export interface UpdateFacts {
  /** Items the update carries (contiguous spans of one client merged). */
  created: ClockSpan[];
  /** Ranges the update's delete set covers. */
  deleted: ClockSpan[];
  /** Characters of text inserted (string content only). */
  insertedChars: number;
  /** Clock units deleted (characters, plus one per deleted paragraph or mark). */
  deletedUnits: number;
}

function pushSpan(list: ClockSpan[], client: number, clock: number, len: number): void {
  if (len <= 0) return;
  const last = list[list.length - 1];
  if (last && last.client === client && last.clock + last.len === clock) last.len += len;
  else list.push({ client, clock, len });
}

/** Decode an update (v1 encoding, as logged). Throws on a malformed update. */
export function updateFacts(update: Uint8Array): UpdateFacts {
  const { structs, ds } = Y.decodeUpdate(update);
  const facts: UpdateFacts = { created: [], deleted: [], insertedChars: 0, deletedUnits: 0 };
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    pushSpan(facts.created, s.id.client, s.id.clock, s.length);
    if (s.content instanceof Y.ContentString && !s.deleted) facts.insertedChars += s.length;
  }
  for (const [client, items] of ds.clients) {
    for (const d of items) {
      pushSpan(facts.deleted, client, d.clock, d.len);
      facts.deletedUnits += d.len;
    }
  }
  return facts;
}

/**
 * The plain text of a clause with the item id of every character. Structural
 * characters (newlines between blocks) have client -1. Mirrors lib/collab/clause-text.
 */
export interface IdentifiedText {
  text: string;
  clients: number[];
  clocks: number[];
}

function textOfType(type: Y.XmlText | Y.XmlElement | Y.XmlFragment, out: { parts: string[]; clients: number[]; clocks: number[] }): void {
  if (type instanceof Y.XmlText) {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      const str = item.content.str;
      out.parts.push(str);
      for (let i = 0; i < str.length; i += 1) {
        out.clients.push(item.id.client);
        out.clocks.push(item.id.clock + i);
      }
    }
    return;
  }
  if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
    const children = type.toArray() as unknown[];
    const separator = type instanceof Y.XmlFragment || children.some((c) => c instanceof Y.XmlElement);
    children.forEach((child, index) => {
      if (index > 0 && separator) {
        out.parts.push('\n');
        out.clients.push(-1);
        out.clocks.push(-1);
      }
      if (child instanceof Y.XmlText || child instanceof Y.XmlElement) textOfType(child, out);
    });
  }
}

export function identifiedText(fragment: Y.XmlFragment): IdentifiedText {
  const out = { parts: [] as string[], clients: [] as number[], clocks: [] as number[] };
  textOfType(fragment, out);
  return { text: out.parts.join(''), clients: out.clients, clocks: out.clocks };
}

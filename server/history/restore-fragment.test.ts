import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreFragment, sameContent } from './restore-fragment';
import { identifiedText } from './yjs-facts';

const FIELD = 'clause:c1';
type Attrs = Record<string, unknown>;
type Run = string | [string, Attrs];

const AUTHOR = 1;
const EDITOR = 2;
const RESTORER = 99;

interface BlockSpec {
  name: string;
  attrs?: Attrs;
  runs?: Run[];
  children?: BlockSpec[];
}

/** A paragraph holding the runs (text with Tiptap-style marks as formatting attributes). */
const paragraph = (...runs: Run[]): BlockSpec => ({ name: 'paragraph', runs });

/** Inserts the element described by `spec` into `parent` at `index` (in a document: formatting needs one). */
function insertBlock(parent: Y.XmlFragment | Y.XmlElement, index: number, spec: BlockSpec): Y.XmlElement {
  const el = new Y.XmlElement(spec.name);
  parent.insert(index, [el]);
  for (const [k, v] of Object.entries(spec.attrs ?? {})) el.setAttribute(k, v as string);
  if (spec.runs?.length) {
    const text = new Y.XmlText();
    el.insert(0, [text]);
    let at = 0;
    for (const run of spec.runs) {
      const [str, attrs] = typeof run === 'string' ? [run, {}] : run;
      text.insert(at, str, { ...attrs });
      at += str.length;
    }
  }
  (spec.children ?? []).forEach((child, i) => insertBlock(el, i, child));
  return el;
}

/** A document whose clause holds the blocks, written by `client`. */
function docWith(client: number, ...blocks: BlockSpec[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  doc.clientID = client;
  const fragment = doc.getXmlFragment(FIELD);
  doc.transact(() => blocks.forEach((spec, i) => insertBlock(fragment, i, spec)));
  return { doc, fragment };
}

/** The document as it was: a separate replica of the current state (what loadDocAt returns for a past point). */
function snapshotOf(doc: Y.Doc): Y.XmlFragment {
  const past = new Y.Doc();
  Y.applyUpdate(past, Y.encodeStateAsUpdate(doc));
  return past.getXmlFragment(FIELD);
}

/** Runs `fn` as `client` in one transaction. */
function as(doc: Y.Doc, client: number, fn: () => void): void {
  const previous = doc.clientID;
  doc.clientID = client;
  doc.transact(fn);
  doc.clientID = previous;
}

function restore(live: Y.XmlFragment, target: Y.XmlFragment): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const doc = live.doc!;
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('update', onUpdate);
  as(doc, RESTORER, () => restoreFragment(live, target));
  doc.off('update', onUpdate);
  return updates;
}

const block = (fragment: Y.XmlFragment, i: number) => fragment.get(i) as Y.XmlElement;
const textOf = (fragment: Y.XmlFragment, i: number) => block(fragment, i).get(0) as Y.XmlText;
const deltaOf = (fragment: Y.XmlFragment, i: number) => textOf(fragment, i).toDelta() as Array<{ insert: string; attributes?: Attrs }>;

/** The client that created each character of the clause's text ('\n' between blocks: -1). */
function clientsOf(fragment: Y.XmlFragment): { text: string; clients: number[] } {
  const t = identifiedText(fragment);
  return { text: t.text, clients: t.clients };
}

/** Clients of the characters of `part` (its first occurrence) in the clause text. */
function clientsOfPart(fragment: Y.XmlFragment, part: string): Set<number> {
  const { text, clients } = clientsOf(fragment);
  const at = text.indexOf(part);
  expect(at, `"${part}" in "${text}"`).toBeGreaterThanOrEqual(0);
  return new Set(clients.slice(at, at + part.length));
}

const BOLD = { bold: {} };
const ITALIC = { italic: {} };
const LINK = { link: { href: 'https://www.osce.org', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } };

describe('restoreFragment', () => {
  it('changes only the words that differ, so unchanged text keeps its items (and authors)', () => {
    const live = docWith(AUTHOR, paragraph('The Parties may closely cooperate.'));
    const target = docWith(AUTHOR, paragraph('The Parties shall cooperate.'));
    const before = identifiedText(live.fragment);
    const keptId = `${before.clients[0]}:${before.clocks[0]}`;
    restore(live.fragment, target.fragment);
    const after = identifiedText(live.fragment);
    expect(after.text).toBe('The Parties shall cooperate.');
    expect(`${after.clients[0]}:${after.clocks[0]}`).toBe(keptId);
    expect(sameContent(live.fragment, target.fragment)).toBe(true);
  });

  it('restores bold, italic and links of deleted words exactly, and re-formats kept words without re-typing them', () => {
    const live = docWith(
      AUTHOR,
      paragraph('The Parties shall ', ['promptly', BOLD], ' consult ', ['the OSCE', LINK], ' and ', ['in good faith', ITALIC], ' cooperate.'),
    );
    const past = snapshotOf(live.doc);
    // Another delegation deletes the bold word and the link, un-italicises a phrase and adds words.
    as(live.doc, EDITOR, () => {
      const text = textOf(live.fragment, 0);
      const plain = () => (text.toDelta() as Array<{ insert: string }>).map((d) => d.insert).join('');
      text.delete(plain().indexOf('promptly '), 'promptly '.length);
      text.delete(plain().indexOf('the OSCE'), 'the OSCE'.length);
      text.insert(plain().indexOf(' and'), 'partners', {});
      text.format(plain().indexOf('in good faith'), 'in good faith'.length, { italic: null });
      text.insert(plain().length - 1, ' without delay', { bold: {} });
    });
    expect(sameContent(live.fragment, past)).toBe(false);

    restore(live.fragment, past);

    expect(sameContent(live.fragment, past)).toBe(true);
    expect(deltaOf(live.fragment, 0)).toEqual([
      { insert: 'The Parties shall ' },
      { insert: 'promptly', attributes: BOLD },
      { insert: ' consult ' },
      { insert: 'the OSCE', attributes: LINK },
      { insert: ' and ' },
      { insert: 'in good faith', attributes: ITALIC },
      { insert: ' cooperate.' },
    ]);
    // The re-inserted words are the restorer's; the re-italicised phrase is still its author's.
    expect(clientsOfPart(live.fragment, 'promptly')).toEqual(new Set([RESTORER]));
    expect(clientsOfPart(live.fragment, 'OSCE')).toEqual(new Set([RESTORER]));
    expect(clientsOfPart(live.fragment, 'in good faith')).toEqual(new Set([AUTHOR]));
    expect(clientsOfPart(live.fragment, 'The Parties shall ')).toEqual(new Set([AUTHOR]));
  });

  it('merges a split paragraph back: the kept part and the other paragraphs keep their items', () => {
    const live = docWith(
      AUTHOR,
      paragraph('Preamble stays as it is.'),
      paragraph('The Parties shall cooperate. Monitoring starts at once.'),
      paragraph('Final clause.'),
    );
    const past = snapshotOf(live.doc);
    const untouched = [block(live.fragment, 0), block(live.fragment, 2)].map((el) => el._item!.id);
    const untouchedText = identifiedText(live.fragment);
    // The editor splits the middle paragraph after the first sentence (as Tiptap does on Enter).
    as(live.doc, EDITOR, () => {
      const text = textOf(live.fragment, 1);
      const cut = 'The Parties shall cooperate.'.length;
      text.delete(cut, text.length - cut);
      insertBlock(live.fragment, 2, paragraph('Monitoring starts at once.'));
    });
    expect(identifiedText(live.fragment).text).toBe('Preamble stays as it is.\nThe Parties shall cooperate.\nMonitoring starts at once.\nFinal clause.');

    restore(live.fragment, past);

    expect(sameContent(live.fragment, past)).toBe(true);
    expect(identifiedText(live.fragment).text).toBe('Preamble stays as it is.\nThe Parties shall cooperate. Monitoring starts at once.\nFinal clause.');
    // Untouched paragraphs are the same Yjs items, their characters too.
    expect([block(live.fragment, 0), block(live.fragment, 2)].map((el) => el._item!.id)).toEqual(untouched);
    const after = identifiedText(live.fragment);
    const first = 'Preamble stays as it is.'.length;
    expect(after.clocks.slice(0, first)).toEqual(untouchedText.clocks.slice(0, first));
    expect(clientsOfPart(live.fragment, 'Final clause.')).toEqual(new Set([AUTHOR]));
    // The first half of the split paragraph was never deleted: still the author's.
    expect(clientsOfPart(live.fragment, 'The Parties shall cooperate.')).toEqual(new Set([AUTHOR]));
    // The second half had to move back into it: necessarily new items, the restorer's.
    expect(clientsOfPart(live.fragment, ' Monitoring starts at once.')).toEqual(new Set([RESTORER]));
  });

  it('splits a merged paragraph back: the larger part is kept in place', () => {
    const live = docWith(AUTHOR, paragraph('Short one.'), paragraph('A much longer paragraph that the editor merged into the one before.'));
    const past = snapshotOf(live.doc);
    // The editor merges the two paragraphs (Backspace at the start of the second).
    as(live.doc, EDITOR, () => {
      const second = textOf(live.fragment, 1);
      const moved = (second.toDelta() as Array<{ insert: string }>).map((d) => d.insert).join('');
      live.fragment.delete(1, 1);
      const first = textOf(live.fragment, 0);
      first.insert(first.length, ` ${moved}`);
    });
    expect(identifiedText(live.fragment).text).toBe('Short one. A much longer paragraph that the editor merged into the one before.');

    restore(live.fragment, past);

    expect(sameContent(live.fragment, past)).toBe(true);
    // The short paragraph is re-created, the long one is what the merged paragraph held (minus the short head).
    expect(clientsOfPart(live.fragment, 'A much longer paragraph that the editor merged into the one before.')).toEqual(new Set([EDITOR]));
    expect(clientsOfPart(live.fragment, 'Short one.')).toEqual(new Set([RESTORER]));
  });

  it('inserts and deletes whole paragraphs without touching the others, and restores element attributes of any type', () => {
    const live = docWith(
      AUTHOR,
      { name: 'heading', attrs: { level: 2 }, runs: ['Guarantees'] },
      paragraph('First.'),
      { name: 'bulletList', children: [{ name: 'listItem', children: [paragraph('Item one.')] }] },
      paragraph('Last.'),
    );
    const past = snapshotOf(live.doc);
    const ids = () => live.fragment.toArray().map((n) => (n as Y.XmlElement)._item!.id);
    const [, first, , last] = ids();
    as(live.doc, EDITOR, () => {
      live.fragment.delete(0, 1); // the heading
      insertBlock(live.fragment, 1, paragraph()); // an empty paragraph after "First."
      (block(live.fragment, 2).get(0) as Y.XmlElement).delete(0, 1); // the paragraph of the list item
    });

    restore(live.fragment, past);

    expect(sameContent(live.fragment, past)).toBe(true);
    expect(block(live.fragment, 0).getAttribute('level')).toBe(2);
    expect(block(live.fragment, 0).nodeName).toBe('heading');
    const now = ids();
    expect(now[1]).toEqual(first);
    expect(now[3]).toEqual(last);
    expect(identifiedText(live.fragment).text).toBe('Guarantees\nFirst.\nItem one.\nLast.');
  });

  it('converges with an edit made concurrently in another replica', () => {
    const server = docWith(AUTHOR, paragraph('Alpha beta gamma.'), paragraph('Second paragraph.'));
    const past = snapshotOf(server.doc);
    as(server.doc, EDITOR, () => {
      const text = textOf(server.fragment, 0);
      text.delete(0, 'Alpha '.length);
      text.insert(text.length, ' delta', BOLD);
    });
    const client = new Y.Doc();
    client.clientID = 7;
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));
    const clientFragment = client.getXmlFragment(FIELD);
    // The client types in both paragraphs while the server restores the first.
    client.transact(() => {
      textOf(clientFragment, 1).insert(0, 'New ');
      textOf(clientFragment, 0).insert(0, 'Zeta ');
    });
    const restoreUpdates = restore(server.fragment, past);
    expect(restoreUpdates).toHaveLength(1);

    Y.applyUpdate(client, restoreUpdates[0]);
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server.doc)));

    expect(sameContent(server.fragment, clientFragment)).toBe(true);
    expect(server.fragment.toJSON()).toBe(clientFragment.toJSON());
    expect(identifiedText(server.fragment).text).toContain('New Second paragraph.');
    expect(identifiedText(server.fragment).text).toContain('Zeta');
    expect(identifiedText(server.fragment).text).toContain('Alpha beta gamma.');
    expect(deltaOf(server.fragment, 0).some((d) => d.insert.includes('delta'))).toBe(false);
  });

  it('reaches the exact earlier content from random edits (marks, splits, merges, line breaks, attributes, insertions, deletions)', () => {
    let seed = 20251203;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const WORDS = ['the', 'Parties', 'shall', 'cooperate', 'in', 'good', 'faith', 'monitoring', 'ceasefire', 'guarantees'];
    const MARKS: Attrs[] = [{}, {}, BOLD, ITALIC, LINK, { ...BOLD, ...ITALIC }];
    const sentence = () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ');

    for (let round = 0; round < 150; round += 1) {
      const blocks = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        paragraph(...Array.from({ length: 1 + Math.floor(random() * 3) }, (): Run => [`${sentence()} `, pick(MARKS)])),
      );
      const live = docWith(AUTHOR, ...blocks);
      const past = snapshotOf(live.doc);
      const edits = 1 + Math.floor(random() * 6);
      for (let e = 0; e < edits; e += 1) {
        as(live.doc, EDITOR + (e % 3), () => {
          const n = live.fragment.length;
          const choice = random();
          if (n === 0 || choice < 0.1) {
            insertBlock(live.fragment, Math.floor(random() * (n + 1)), paragraph([sentence(), pick(MARKS)]));
            return;
          }
          const i = Math.floor(random() * n);
          const el = block(live.fragment, i);
          const text = el.get(0) as Y.XmlText | undefined;
          if (!text) return;
          const len = text.length;
          if (choice < 0.3) text.insert(Math.floor(random() * (len + 1)), ` ${pick(WORDS)}`, { ...pick(MARKS) });
          else if (choice < 0.5 && len > 0) {
            const at = Math.floor(random() * len);
            text.delete(at, Math.min(len - at, 1 + Math.floor(random() * 12)));
          } else if (choice < 0.65 && len > 0) {
            const at = Math.floor(random() * len);
            text.format(at, Math.min(len - at, 1 + Math.floor(random() * 12)), pick([{ bold: null }, { italic: {} }, { link: null }, BOLD]));
          } else if (choice < 0.8 && len > 1) {
            // Split at a random point.
            const at = 1 + Math.floor(random() * (len - 1));
            const tail = (text.toDelta() as Array<{ insert: string; attributes?: Attrs }>)
              .map((d) => d.insert)
              .join('')
              .slice(at);
            text.delete(at, len - at);
            insertBlock(live.fragment, i + 1, paragraph(tail));
          } else if (choice < 0.9 && i + 1 < n) {
            // Merge with the next paragraph.
            const next = block(live.fragment, i + 1).get(0) as Y.XmlText | undefined;
            const moved = next ? (next.toDelta() as Array<{ insert: string; attributes?: Attrs }>) : [];
            live.fragment.delete(i + 1, 1);
            let at = text.length;
            for (const d of moved) {
              text.insert(at, d.insert, { ...(d.attributes ?? {}) });
              at += d.insert.length;
            }
          } else if (choice < 0.93) {
            // A line break and more text in the paragraph (inline nodes are elements between texts).
            el.insert(el.length, [new Y.XmlElement('hardBreak'), new Y.XmlText(sentence())]);
          } else if (choice < 0.96) el.setAttribute('textAlign', pick(['left', 'center', 'justify']));
          else live.fragment.delete(i, 1);
        });
      }
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(live.doc));
      const updates = restore(live.fragment, past);
      expect(
        sameContent(live.fragment, past),
        `round ${round}: ${JSON.stringify(live.fragment.toArray().map((b) => ((b as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toDelta()))} vs ${JSON.stringify(past.toArray().map((b) => ((b as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toDelta()))}`,
      ).toBe(true);
      for (const u of updates) Y.applyUpdate(replica, u);
      expect(sameContent(replica.getXmlFragment(FIELD), past), `round ${round} (replica)`).toBe(true);
      // Restoring again changes nothing.
      expect(restore(live.fragment, past)).toHaveLength(0);
    }
  }, 30_000);

  it('empties a clause restored to a point where it had no text, and fills an empty one', () => {
    const live = docWith(AUTHOR, paragraph('Some text.'));
    const empty = new Y.Doc().getXmlFragment(FIELD);
    restore(live.fragment, empty);
    expect(live.fragment.length).toBe(0);
    restore(live.fragment, docWith(AUTHOR, paragraph('Back again.')).fragment);
    expect(identifiedText(live.fragment).text).toBe('Back again.');
  });

  it('produces one update another replica applies to the same text', () => {
    const live = docWith(AUTHOR, paragraph('Alpha beta gamma.'));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live.doc));
    const updates = restore(live.fragment, docWith(AUTHOR, paragraph('Alpha delta gamma epsilon.')).fragment);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(replica, updates[0]);
    expect(identifiedText(replica.getXmlFragment(FIELD)).text).toBe('Alpha delta gamma epsilon.');
  });

  it('compares content including marks and their attributes', () => {
    const a = docWith(AUTHOR, paragraph('Bold here.'));
    const b = docWith(AUTHOR, paragraph('Bold here.'));
    expect(sameContent(a.fragment, b.fragment)).toBe(true);
    textOf(b.fragment, 0).format(0, 4, { bold: {} });
    expect(sameContent(a.fragment, b.fragment)).toBe(false);
    textOf(a.fragment, 0).format(0, 4, { bold: {} });
    expect(sameContent(a.fragment, b.fragment)).toBe(true);
    textOf(a.fragment, 0).format(5, 4, { link: { href: 'https://a.example' } });
    textOf(b.fragment, 0).format(5, 4, { link: { href: 'https://b.example' } });
    expect(sameContent(a.fragment, b.fragment)).toBe(false);
  });
});

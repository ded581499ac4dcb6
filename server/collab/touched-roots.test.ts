import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchedRoots } from './touched-roots';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A server doc and a client doc in sync, each with two clause fragments. */
function pair() {
  const server = new Y.Doc();
  server.getXmlFragment('clause:a').insert(0, [paragraph('Alpha text')]);
  server.getXmlFragment('clause:b').insert(0, [paragraph('Bravo text')]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const handler = (u: Uint8Array) => updates.push(u);
  doc.on('update', handler);
  change();
  doc.off('update', handler);
  return Y.mergeUpdates(updates);
}

function textOf(doc: Y.Doc, field: string): Y.XmlText {
  return (doc.getXmlFragment(field).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('touchedRoots', () => {
  it('finds the clause of a typed insertion deep inside a paragraph', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () => textOf(client, 'clause:b').insert(5, ' inserted'));
    expect(touchedRoots(server, update)).toEqual({ roots: new Set(['clause:b']), unresolved: false, novel: true, malformed: false });
  });

  it('finds the clause of a deletion of existing text', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () => textOf(client, 'clause:a').delete(0, 3));
    expect(touchedRoots(server, update).roots).toEqual(new Set(['clause:a']));
  });

  it('finds a new paragraph with text inserted at the start of a fragment (right origin only)', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () => client.getXmlFragment('clause:a').insert(0, [paragraph('New first')]));
    expect(touchedRoots(server, update).roots).toEqual(new Set(['clause:a']));
  });

  it('lists every clause an update touches', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () =>
      client.transact(() => {
        textOf(client, 'clause:a').insert(0, 'x');
        textOf(client, 'clause:b').delete(0, 1);
      }),
    );
    expect(touchedRoots(server, update).roots).toEqual(new Set(['clause:a', 'clause:b']));
  });

  it('names roots that are not clauses so that the caller can refuse them', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () => client.getMap('sneaky').set('k', 1));
    expect(touchedRoots(server, update).roots).toEqual(new Set(['sneaky']));
  });

  it('resolves content that an update both inserts and deletes', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () =>
      client.transact(() => {
        textOf(client, 'clause:b').insert(0, 'temp');
      }),
    );
    const later = captureUpdate(client, () => textOf(client, 'clause:b').delete(0, 4));
    const merged = Y.mergeUpdates([update, later]);
    expect(touchedRoots(server, merged).roots).toEqual(new Set(['clause:b']));
  });

  it('reports an already-applied or empty update as not novel', () => {
    const { server, client } = pair();
    const update = captureUpdate(client, () => textOf(client, 'clause:a').insert(0, 'x'));
    Y.applyUpdate(server, update);
    expect(touchedRoots(server, update).novel).toBe(false);
    expect(touchedRoots(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))).novel).toBe(false);
    expect(touchedRoots(server, Y.encodeStateAsUpdate(server)).novel).toBe(false);
  });

  it('flags content that depends on something the server has never seen', () => {
    const { server, client } = pair();
    captureUpdate(client, () => textOf(client, 'clause:a').insert(0, 'first'));
    const second = captureUpdate(client, () => textOf(client, 'clause:a').insert(5, ' second'));
    const touched = touchedRoots(server, second);
    expect(touched.unresolved).toBe(true);
    expect(touched.novel).toBe(true);
  });

  it('flags edits that start beyond what the server has of their client (a gap Yjs would keep pending)', () => {
    const { server, client } = pair();
    const first = captureUpdate(client, () => textOf(client, 'clause:a').insert(0, 'first'));
    // Its own root, no origin: only the clock (5, where the server has 0) gives the gap away.
    const later = captureUpdate(client, () => textOf(client, 'clause:b').insert(0, 'later'));
    const touched = touchedRoots(server, later);
    expect(touched.roots).toEqual(new Set(['clause:b']));
    expect(touched.unresolved).toBe(true);
    // With the first edit applied there is no gap.
    Y.applyUpdate(server, first);
    expect(touchedRoots(server, later)).toMatchObject({ unresolved: false, novel: true });
  });

  it('throws on bytes that are not an update', () => {
    const { server } = pair();
    expect(() => touchedRoots(server, new Uint8Array([255, 255, 255, 255, 1, 2, 3]))).toThrow();
  });

  it('flags an item that refers to a later item of its own client (Yjs would fail half-way through applying it)', () => {
    const author = new Y.Doc();
    author.clientID = 1;
    const text = author.getText('t');
    text.insert(0, 'a');
    text.insert(0, 'b'); // its right origin is (1, 0): the "a" before it
    const honest = Y.encodeStateAsUpdate(author);
    // Byte layout (update v1): 1 client, 2 structs of client 1 from clock 0; "a" under root
    // "t"; then "b": info 0x44 (string, right origin), right origin client 1, clock 0.
    expect(Array.from(honest.slice(10, 15))).toEqual([68, 1, 0, 1, 98]);
    const forged = honest.slice();
    forged[12] = 5; // "b" now refers to (1, 5), which comes after it
    expect(touchedRoots(new Y.Doc(), honest).malformed).toBe(false);
    expect(touchedRoots(new Y.Doc(), forged).malformed).toBe(true);
    expect(() => Y.applyUpdate(new Y.Doc(), forged)).toThrow();
  });

  it('flags an update whose already-known item names content the server has never seen (Yjs would keep the rest pending)', () => {
    // The server knows client 1's paragraph, its text node and "abc" (clocks 0-4).
    const honest = new Y.Doc();
    honest.clientID = 1;
    honest.getXmlFragment('clause:a').insert(0, [paragraph('abc')]);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(honest));
    // A forged update of client 1 repeats clock 0 with another parent (an item of client 2
    // the server never saw), followed by text the server does not have yet (clocks 5-6).
    const other = new Y.Doc();
    other.clientID = 2;
    other.getXmlFragment('clause:a').insert(0, [new Y.XmlElement('paragraph')]);
    const forger = new Y.Doc();
    forger.clientID = 1;
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(other));
    const node = new Y.XmlText();
    (forger.getXmlFragment('clause:a').get(0) as Y.XmlElement).insert(0, [node]);
    node.insert(0, 'abcdef');
    const forged = Y.diffUpdate(Y.encodeStateAsUpdate(forger), Y.encodeStateVector(other));

    expect(touchedRoots(server, forged)).toMatchObject({ unresolved: true, novel: true, malformed: false });
    // What accepting it would do: nothing integrates, the rest waits in the document and a
    // copy made from it (a fresh client's sync, a checkpoint) would contain it.
    const accepted = new Y.Doc();
    Y.applyUpdate(accepted, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(accepted, forged);
    expect(accepted.store.pendingStructs).not.toBeNull();
  });

  it('flags an item the server has in part when the part it has was garbage-collected (Yjs would fail half-way)', () => {
    const author = new Y.Doc();
    author.clientID = 1;
    const server = new Y.Doc();
    author.getXmlFragment('clause:a').insert(0, [paragraph('abcdef')]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
    // The server deletes the paragraph: its text is garbage-collected there.
    server.getXmlFragment('clause:a').delete(0, 1);
    // The author typed on meanwhile; its whole state holds "abcdefgh" as one item.
    textOf(author, 'clause:a').insert(6, 'gh');
    const resent = Y.encodeStateAsUpdate(author);
    expect(touchedRoots(server, resent)).toMatchObject({ malformed: true });
    // What a client sends after syncing (its state beyond the server's) starts where the server's ends.
    expect(touchedRoots(server, Y.diffUpdate(resent, Y.encodeStateVector(server)))).toMatchObject({ malformed: false });
  });

  it('passes only updates that integrate completely: a copy of the document always equals it (seeded mutations)', () => {
    let seed = 20261204;
    const random = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return Math.floor(((seed >>> 0) / 2 ** 32) * n);
    };
    let accepted = 0;
    for (let round = 0; round < 400; round += 1) {
      // The server has what a delegate wrote so far; the message repeats it, adds a new
      // edit, and has one or two bytes changed (client ids, clocks, lengths, content).
      const author = new Y.Doc();
      for (const field of ['clause:a', 'clause:b']) author.getXmlFragment(field).insert(0, [paragraph('fuzz seed text')]);
      const server = new Y.Doc();
      Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
      textOf(author, random(2) ? 'clause:a' : 'clause:b').insert(random(14), 'new words');
      const message = Y.encodeStateAsUpdate(author);
      for (let n = 1 + random(2); n > 0; n -= 1) message[random(message.length)] = random(256);
      let touched: ReturnType<typeof touchedRoots>;
      try {
        touched = touchedRoots(server, message);
      } catch {
        continue;
      }
      if (touched.malformed || touched.unresolved || !touched.novel) continue;
      if ([...touched.roots].some((r) => r !== 'clause:a' && r !== 'clause:b')) continue;
      Y.applyUpdate(server, message);
      accepted += 1;
      expect(server.store.pendingStructs).toBeNull();
      expect(server.store.pendingDs).toBeNull();
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      for (const field of ['clause:a', 'clause:b']) expect(copy.getXmlFragment(field).toString()).toBe(server.getXmlFragment(field).toString());
    }
    expect(accepted).toBeGreaterThan(50);
  });
});

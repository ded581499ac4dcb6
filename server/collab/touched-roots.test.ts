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
});

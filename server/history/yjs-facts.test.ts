import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseText } from '@/lib/collab/clause-text';
import { clauseField } from '@/lib/collab/clause-field';
import { identifiedText, updateFacts } from './yjs-facts';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

describe('updateFacts', () => {
  it('reports created spans, inserted characters and deletions of an update', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const fragment = doc.getXmlFragment(clauseField('c1'));
    fragment.insert(0, [paragraph('Hello world')]);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(5, 6);
    text.insert(5, ', all');

    const first = updateFacts(updates[0]);
    expect(first.insertedChars).toBe(11);
    expect(first.created).toEqual([{ client: 7, clock: 0, len: 13 }]);
    expect(first.deleted).toEqual([]);

    const deletion = updateFacts(updates[1]);
    expect(deletion.created).toEqual([]);
    expect(deletion.deleted).toEqual([{ client: 7, clock: 7, len: 6 }]);
    expect(deletion.deletedUnits).toBe(6);

    const insertion = updateFacts(updates[2]);
    expect(insertion.insertedChars).toBe(5);
    expect(insertion.created).toEqual([{ client: 7, clock: 13, len: 5 }]);
  });

  it('throws on bytes that are not an update', () => {
    expect(() => updateFacts(new Uint8Array([200, 1, 2, 3]))).toThrow();
  });
});

describe('identifiedText', () => {
  it('gives the same text as clauseText, with the item id of every character', () => {
    const a = new Y.Doc();
    a.clientID = 1;
    const b = new Y.Doc();
    b.clientID = 2;
    const fa = a.getXmlFragment(clauseField('c1'));
    fa.insert(0, [paragraph('First.'), paragraph('Second.')]);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const tb = (b.getXmlFragment(clauseField('c1')).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    tb.insert(0, 'The ');
    tb.format(0, 3, { bold: true });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));

    const result = identifiedText(fa);
    expect(result.text).toBe(clauseText(a, 'c1'));
    expect(result.text).toBe('First.\nThe Second.');
    expect(result.clients.length).toBe(result.text.length);
    expect(result.clients[0]).toBe(1);
    expect(result.clients[6]).toBe(-1);
    expect(result.clients.slice(7, 11)).toEqual([2, 2, 2, 2]);
    expect(result.clients[11]).toBe(1);
    // Consecutive characters of one insertion have consecutive clocks.
    expect(result.clocks[8] - result.clocks[7]).toBe(1);
  });

  it('gives an empty text for an empty clause', () => {
    expect(identifiedText(new Y.Doc().getXmlFragment('x'))).toEqual({ text: '', clients: [], clocks: [] });
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from './clause-field';
import { clauseOfCursor, clausesOfCollaborators } from './cursor-clause';

function draft(): { doc: Y.Doc; text: (id: string) => Y.XmlText } {
  const doc = new Y.Doc();
  const texts = new Map<string, Y.XmlText>();
  for (const id of ['c1', 'c2']) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText(`Text of ${id}`);
    paragraph.insert(0, [text]);
    doc.getXmlFragment(clauseField(id)).insert(0, [paragraph]);
    texts.set(id, text);
  }
  doc.getMap('meta').set('x', 1);
  return { doc, text: (id) => texts.get(id)! };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type (text, fragment, map)
const anchorIn = (type: Y.AbstractType<any>, index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(type, index));

describe('clauseOfCursor', () => {
  it('finds the clause of a caret inside a paragraph, or at the fragment level', () => {
    const { doc, text } = draft();
    expect(clauseOfCursor(doc, anchorIn(text('c2'), 3))).toBe('c2');
    expect(clauseOfCursor(doc, anchorIn(doc.getXmlFragment(clauseField('c1')), 0))).toBe('c1');
  });

  it('answers null for no caret, junk, and positions outside clauses', () => {
    const { doc } = draft();
    expect(clauseOfCursor(doc, null)).toBeNull();
    expect(clauseOfCursor(doc, { nonsense: true })).toBeNull();
    expect(clauseOfCursor(doc, anchorIn(doc.getMap('meta'), 0))).toBeNull();
  });

  it('maps each collaborator with a caret to their clause', () => {
    const { doc, text } = draft();
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { userId: 'u1' }, cursor: { anchor: anchorIn(text('c1'), 1), head: anchorIn(text('c1'), 1) } }],
      [2, { user: { userId: 'u2' }, cursor: null }],
      [3, { user: { name: 'no id' }, cursor: { anchor: anchorIn(text('c2'), 1) } }],
    ]);
    expect([...clausesOfCollaborators(doc, states)]).toEqual([['u1', 'c1']]);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from './clause-field';
import { clauseText } from './clause-text';

describe('clauseText', () => {
  it('joins paragraphs and list items with newlines and drops formatting', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(clauseField('c1'));
    const p1 = new Y.XmlElement('paragraph');
    const t1 = new Y.XmlText();
    p1.insert(0, [t1]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('second [bracketed]')]);
    item.insert(0, [p2]);
    list.insert(0, [item]);
    fragment.insert(0, [p1, list]);
    t1.insert(0, 'First ');
    t1.insert(6, 'bold', { bold: true });
    expect(clauseText(doc, 'c1')).toBe('First bold\nsecond [bracketed]');
  });

  it('is empty for a clause without a body', () => {
    expect(clauseText(new Y.Doc(), 'missing')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from './clause-field';
import { clauseParagraphs } from './clause-paragraphs';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function list(kind: 'bulletList' | 'orderedList', items: string[][]): Y.XmlElement {
  const l = new Y.XmlElement(kind);
  l.insert(
    0,
    items.map((paras) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, paras.map(paragraph));
      return item;
    }),
  );
  return l;
}

describe('clauseParagraphs', () => {
  it('gives one string per block, lists marked, empty paragraphs left out, formatting dropped', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(clauseField('c1'));
    const first = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    first.insert(0, [t]);
    fragment.insert(0, [
      first,
      paragraph(''),
      list('bulletList', [['[30] [60] days'], ['ALT 1: the United States', 'continued']]),
      list('orderedList', [['one'], ['two']]),
    ]);
    t.insert(0, 'The guarantees take ');
    t.insert(20, 'effect', { bold: true });
    expect(clauseParagraphs(doc, 'c1')).toEqual([
      'The guarantees take effect',
      '• [30] [60] days',
      '• ALT 1: the United States',
      'continued',
      '1. one',
      '2. two',
    ]);
  });

  it('turns a hard break into a newline inside the paragraph', () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('line one'), new Y.XmlElement('hardBreak'), new Y.XmlText('line two')]);
    doc.getXmlFragment(clauseField('c2')).insert(0, [p]);
    expect(clauseParagraphs(doc, 'c2')).toEqual(['line one\nline two']);
  });

  it('is empty for a clause without a body', () => {
    expect(clauseParagraphs(new Y.Doc(), 'missing')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { staticTextHtml } from './static-nodes';
import { staticClauseNodes } from './static-text';

function paragraph(...children: Array<Y.XmlText | Y.XmlElement>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, children);
  return p;
}

describe('static clause text', () => {
  it('maps paragraphs, headings, lists and marks to the tags the editor renders', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('clause:x');
    const text = new Y.XmlText();
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Scope')]);
    const item = new Y.XmlElement('listItem');
    item.insert(0, [paragraph(new Y.XmlText('one'))]);
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [item]);
    fragment.insert(0, [heading, paragraph(text, new Y.XmlElement('hardBreak')), list]);
    text.insert(0, 'The parties shall ');
    text.insert(18, 'cooperate', { bold: {}, italic: {} });
    expect(staticTextHtml(staticClauseNodes(fragment))).toBe(
      '<h2>Scope</h2><p>The parties shall <strong><em>cooperate</em></strong><br></p><ul><li><p>one</p></li></ul>',
    );
  });

  it('escapes every character HTML gives a meaning to, in text and never takes tags from the document', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('clause:x');
    const evil = new Y.XmlElement('script');
    evil.insert(0, [new Y.XmlText('alert(1)')]);
    fragment.insert(0, [paragraph(new Y.XmlText(`<img src=x onerror="a('b')"> & co`)), evil]);
    const html = staticTextHtml(staticClauseNodes(fragment));
    expect(html).toBe('<p>&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co</p><p>alert(1)</p>');
  });

  it('gives an empty clause no nodes', () => {
    expect(staticClauseNodes(new Y.Doc().getXmlFragment('clause:x'))).toEqual([]);
  });
});

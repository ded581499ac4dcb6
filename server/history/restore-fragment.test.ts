import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreFragment, sameContent } from './restore-fragment';
import { identifiedText } from './yjs-facts';

function docWith(...paragraphs: string[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('clause:c1');
  fragment.insert(
    0,
    paragraphs.map((t) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
  return { doc, fragment };
}

describe('restoreFragment', () => {
  it('changes only the words that differ, so unchanged text keeps its items (and authors)', () => {
    const live = docWith('The Parties may closely cooperate.');
    const target = docWith('The Parties shall cooperate.');
    const before = identifiedText(live.fragment);
    const keptId = `${before.clients[0]}:${before.clocks[0]}`;
    live.doc.transact(() => restoreFragment(live.fragment, target.fragment));
    const after = identifiedText(live.fragment);
    expect(after.text).toBe('The Parties shall cooperate.');
    expect(`${after.clients[0]}:${after.clocks[0]}`).toBe(keptId);
    expect(sameContent(live.fragment, target.fragment)).toBe(true);
  });

  it('replaces the blocks when the structure differs (paragraphs added or removed)', () => {
    const live = docWith('One.', 'Two.');
    const target = docWith('Only one.');
    restoreFragment(live.fragment, target.fragment);
    expect(identifiedText(live.fragment).text).toBe('Only one.');
    const three = docWith('A.', 'B.', 'C.');
    restoreFragment(live.fragment, three.fragment);
    expect(identifiedText(live.fragment).text).toBe('A.\nB.\nC.');
  });

  it('empties a clause restored to a point where it had no text, and fills an empty one', () => {
    const live = docWith('Some text.');
    const empty = new Y.Doc().getXmlFragment('clause:c1');
    restoreFragment(live.fragment, empty);
    expect(live.fragment.length).toBe(0);
    restoreFragment(live.fragment, docWith('Back again.').fragment);
    expect(identifiedText(live.fragment).text).toBe('Back again.');
  });

  it('produces one update another replica applies to the same text', () => {
    const live = docWith('Alpha beta gamma.');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live.doc));
    const updates: Uint8Array[] = [];
    live.doc.on('update', (u: Uint8Array) => updates.push(u));
    live.doc.transact(() => restoreFragment(live.fragment, docWith('Alpha delta gamma epsilon.').fragment));
    expect(updates).toHaveLength(1);
    Y.applyUpdate(replica, updates[0]);
    expect(identifiedText(replica.getXmlFragment('clause:c1')).text).toBe('Alpha delta gamma epsilon.');
  });

  it('compares content including marks', () => {
    const a = docWith('Bold here.');
    const b = docWith('Bold here.');
    expect(sameContent(a.fragment, b.fragment)).toBe(true);
    ((b.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { bold: true });
    expect(sameContent(a.fragment, b.fragment)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '../collab/clause-field';
import { anchorInText, decodeRelativePosition, resolveAnchor, type EncodedAnchor } from './comment-anchor';

const CLAUSE = '8d4f2a10-0000-4000-8000-000000000001';
const OTHER = '8d4f2a10-0000-4000-8000-000000000002';

/** A clause body the way Tiptap stores it: paragraphs of XmlText. */
function seed(doc: Y.Doc, clauseId: string, paragraphs: string[]): Y.XmlText[] {
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  const texts: Y.XmlText[] = [];
  doc.transact(() => {
    for (const p of paragraphs) {
      const el = new Y.XmlElement('paragraph');
      const text = new Y.XmlText(p);
      el.insert(0, [text]);
      fragment.insert(fragment.length, [el]);
      texts.push(text);
    }
  });
  return texts;
}

function textAt(doc: Y.Doc, clauseId: string, paragraph: number): Y.XmlText {
  return (doc.getXmlFragment(clauseField(clauseId)).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Two replicas that exchange updates only when told to, as two browsers on a slow network. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

const span = (text: Y.XmlText, words: string): EncodedAnchor => {
  const index = text.toString().indexOf(words);
  expect(index).toBeGreaterThanOrEqual(0);
  return anchorInText(text, index, words.length);
};

const resolved = (doc: Y.Doc, anchor: EncodedAnchor, clauseId = CLAUSE) => {
  const result = resolveAnchor(doc, clauseId, anchor);
  if (!result.ok) throw new Error(`not resolved: ${result.reason}`);
  return result.anchor;
};

describe('comment anchors', () => {
  it('resolve to the words they were made on', () => {
    const doc = new Y.Doc();
    const [p] = seed(doc, CLAUSE, ['The guarantor states shall consult without delay.']);
    const anchor = span(p, 'consult without delay');
    expect(resolved(doc, anchor)).toMatchObject({ text: 'consult without delay', detached: false });
  });

  it('keep pointing at the same words after concurrent edits before, inside the gap and after the span', () => {
    const { a, b, sync } = replicas();
    seed(a, CLAUSE, ['Intro paragraph.', 'The guarantor states shall consult without delay.']);
    sync();
    // A anchors on its replica while B, unaware, inserts text before and after the words.
    const anchor = span(textAt(a, CLAUSE, 1), 'consult without delay');
    textAt(b, CLAUSE, 1).insert(0, 'In the event of an armed attack, ');
    textAt(b, CLAUSE, 0).insert(0, 'Preamble. ');
    const p = textAt(b, CLAUSE, 1);
    p.insert(p.length - 1, ' and in good faith');
    // Typing right at both edges of the span stays outside it.
    const at = p.toString().indexOf('consult');
    p.insert(at, 'promptly ');
    sync();
    const q = textAt(a, CLAUSE, 1);
    q.insert(q.toString().indexOf('without delay') + 'without delay'.length, ', as a rule,');
    sync();
    for (const doc of [a, b]) {
      expect(textAt(doc, CLAUSE, 1).toString()).toBe(
        'In the event of an armed attack, The guarantor states shall promptly consult without delay, as a rule, and in good faith.',
      );
      expect(resolved(doc, anchor)).toMatchObject({ text: 'consult without delay', detached: false });
    }
  });

  it('survive a reload: an encoded anchor resolves in a document rebuilt from updates', () => {
    const doc = new Y.Doc();
    const [p] = seed(doc, CLAUSE, ['Security guarantees shall be legally binding.']);
    const anchor = span(p, 'legally binding');
    p.insert(0, 'All ');
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
    expect(resolved(reloaded, anchor).text).toBe('legally binding');
  });

  it('shrink when some of the words are deleted, and detach when all of them are', () => {
    const { a, b, sync } = replicas();
    const [p] = seed(a, CLAUSE, ['Parties shall provide military assistance promptly.']);
    sync();
    const anchor = span(p, 'military assistance');
    const q = textAt(b, CLAUSE, 0);
    q.delete(q.toString().indexOf('military '), 'military '.length);
    sync();
    expect(resolved(a, anchor)).toMatchObject({ text: 'assistance', detached: false });
    q.delete(q.toString().indexOf('assistance'), 'assistance'.length);
    sync();
    expect(resolved(a, anchor)).toMatchObject({ text: '', detached: true });
    expect(textAt(a, CLAUSE, 0).toString()).toBe('Parties shall provide  promptly.');
  });

  it('detach when the whole paragraph is deleted', () => {
    const doc = new Y.Doc();
    const [, second] = seed(doc, CLAUSE, ['Keep me.', 'Delete this whole paragraph.']);
    const anchor = span(second, 'whole paragraph');
    doc.getXmlFragment(clauseField(CLAUSE)).delete(1, 1);
    expect(resolved(doc, anchor).detached).toBe(true);
  });

  it('span paragraphs', () => {
    const doc = new Y.Doc();
    const [first, second] = seed(doc, CLAUSE, ['First ends here.', 'Second starts here.']);
    const anchor = {
      start: anchorInText(first, first.toString().indexOf('here'), 4).start,
      end: anchorInText(second, 0, 'Second'.length).end,
    };
    expect(resolved(doc, anchor).text).toBe('here.\nSecond');
  });

  it('are refused for another clause, and unknown while their edits have not arrived', () => {
    const { a, b } = replicas();
    const [p] = seed(a, CLAUSE, ['Only on replica A.']);
    const [o] = seed(a, OTHER, ['Another clause.']);
    expect(resolveAnchor(a, CLAUSE, span(o, 'Another'))).toEqual({ ok: false, reason: 'foreign' });
    expect(resolveAnchor(b, CLAUSE, span(p, 'replica'))).toEqual({ ok: false, reason: 'unknown' });
    expect(resolveAnchor(a, CLAUSE, { start: 'not base64!', end: 'AAAA' })).toEqual({ ok: false, reason: 'invalid' });
    expect(decodeRelativePosition('x'.repeat(600))).toBeNull();
  });
});

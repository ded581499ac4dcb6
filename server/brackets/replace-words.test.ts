import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { clauseText } from '@/lib/collab/clause-text';
import { anchorSpan } from '@/lib/collab/text-anchor';
import { planReplacement, replacesBracket } from './replace-words';

const CLAUSE = '00000000-0000-4000-8000-000000000001';

/** A clause of one paragraph, its text in runs of [text, attributes]. */
function clause(...runs: Array<[string, Record<string, unknown>?]>): Y.Doc {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  doc.getXmlFragment(clauseField(CLAUSE)).insert(0, [p]);
  t.applyDelta(runs.map(([insert, attributes]) => (attributes ? { insert, attributes } : { insert })));
  return doc;
}

/** An open span alternative on `words` of the clause, as stored. */
function alternativeOn(doc: Y.Doc, words: string, body: string) {
  const text = clauseText(doc, CLAUSE);
  const from = text.indexOf(words);
  const anchor = anchorSpan(doc, CLAUSE, from, from + words.length)!;
  return {
    clauseId: CLAUSE,
    number: 2,
    scope: 'span' as const,
    anchorStart: Y.encodeRelativePosition(anchor.start),
    anchorEnd: Y.encodeRelativePosition(anchor.end),
    body,
  };
}

function adopt(doc: Y.Doc, alt: Parameters<typeof planReplacement>[1]) {
  const plan = planReplacement(doc, alt);
  doc.transact(plan.apply);
  return { plan, text: clauseText(doc, CLAUSE) };
}

describe('planReplacement', () => {
  it('keeps the space before words selected with it, instead of gluing the wording to the word before', () => {
    const doc = clause(['Forces of 800,000 troops.']);
    const { plan, text } = adopt(doc, alternativeOn(doc, ' 800,000', 'up to 800,000'));
    expect(text).toBe('Forces of up to 800,000 troops.');
    expect(plan.replaced).toBe('800,000');
    expect([plan.from, plan.to]).toEqual([10, 17]);
  });

  it('keeps spaces selected after the words, and on both sides', () => {
    const after = clause(['Forces of 800,000 troops.']);
    expect(adopt(after, alternativeOn(after, '800,000 ', 'up to 800,000')).text).toBe('Forces of up to 800,000 troops.');
    const both = clause(['Forces of  800,000\ttroops.']);
    expect(adopt(both, alternativeOn(both, '  800,000\t', 'up to 800,000')).text).toBe('Forces of  up to 800,000\ttroops.');
  });

  it('replaces exactly the words when no spaces were selected, keeping their formatting', () => {
    const doc = clause(['Forces of '], ['800,000', { bold: true }], [' troops.']);
    const { plan } = adopt(doc, alternativeOn(doc, '800,000', 'up to 800,000'));
    expect(clauseText(doc, CLAUSE)).toBe('Forces of up to 800,000 troops.');
    expect(plan.replaced).toBe('800,000');
    const p = doc.getXmlFragment(clauseField(CLAUSE)).get(0) as Y.XmlElement;
    expect((p.get(0) as Y.XmlText).toDelta()).toEqual([
      { insert: 'Forces of ' },
      { insert: 'up to 800,000', attributes: { bold: true } },
      { insert: ' troops.' },
    ]);
  });

  it('refuses when the words are gone', () => {
    const doc = clause(['Forces of 800,000 troops.']);
    const alt = alternativeOn(doc, '800,000', 'up to 800,000');
    const t = (doc.getXmlFragment(clauseField(CLAUSE)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(10, 7);
    expect(() => planReplacement(doc, alt)).toThrow(/have been deleted/);
  });
});

describe('replacesBracket', () => {
  const text = 'Forces of 800,000 troops.';
  const at = (words: string) => ({ from: text.indexOf(words), to: text.indexOf(words) + words.length });
  const replaced = at('800,000');

  it('is true for a bracket on the replaced words, with or without the spaces around them', () => {
    expect(replacesBracket(text, at('800,000'), replaced)).toBe(true);
    expect(replacesBracket(text, at(' 800,000'), replaced)).toBe(true);
    expect(replacesBracket(text, at(' 800,000 '), replaced)).toBe(true);
    expect(replacesBracket(text, at('800'), replaced)).toBe(true);
  });

  it('is false for a bracket reaching beyond them, elsewhere, or detached', () => {
    expect(replacesBracket(text, at('of 800,000'), replaced)).toBe(false);
    expect(replacesBracket(text, at('troops'), replaced)).toBe(false);
    expect(replacesBracket(text, null, replaced)).toBe(false);
  });
});

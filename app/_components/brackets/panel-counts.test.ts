import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AlternativeDto, BracketDto } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';
import { anchorSpan, encodeAnchor } from '@/lib/collab/text-anchor';
import { countOpenDisputes } from '@/lib/consensus/count-open-disputes';
import { panelCounts } from './panel-counts';

const CLAUSE = '00000000-0000-4000-8000-000000000002';
const TEXT = 'Assistance begins within [30] days of a request by the host State.';

function setup() {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText(TEXT);
  p.insert(0, [t]);
  doc.getXmlFragment(clauseField(CLAUSE)).insert(0, [p]);
  const anchorOn = (words: string) => {
    const from = TEXT.indexOf(words);
    const a = anchorSpan(doc, CLAUSE, from, from + words.length)!;
    return { start: encodeAnchor(a.start), end: encodeAnchor(a.end) };
  };
  return { doc, t, anchorOn };
}

const bracket = (id: string, anchor: BracketDto['anchor']): BracketDto => ({
  id,
  draftId: 'd',
  clauseId: CLAUSE,
  anchor,
  quote: '',
  current: null,
  delegation: 'FR',
  proposedBy: 'Camille Laurent',
  proposedAt: '2026-03-02T09:05:00.000Z',
  state: 'open',
});

const alternative = (id: string, anchor?: AlternativeDto['anchor']): AlternativeDto => ({
  id,
  draftId: 'd',
  clauseId: CLAUSE,
  groupId: id,
  number: 2,
  scope: anchor ? 'span' : 'clause',
  ...(anchor ? { anchor } : {}),
  quote: '',
  body: 'other words',
  delegation: 'DE',
  proposedBy: 'Jonas Weber',
  proposedAt: '2026-03-02T10:00:00.000Z',
  state: 'open',
  backers: ['DE'],
});

describe('panelCounts', () => {
  it('does not count a bracket whose words were deleted, as consensus does not', () => {
    const { doc, t, anchorOn } = setup();
    const brackets = [bracket('host', anchorOn('host State')), bracket('request', anchorOn('request'))];
    t.delete(TEXT.indexOf('request'), 'request'.length);
    const counts = panelCounts(doc, CLAUSE, brackets, []);
    expect(counts).toMatchObject({ countedBrackets: 1, detachedBrackets: 1 });
    expect(counts.brackets.map((b) => [b.bracket.id, b.count, b.text])).toEqual([
      ['host', 'counted', 'host State'],
      ['request', 'detached', null],
    ]);
  });

  it('gives the numbers consensus gives: typed brackets and duplicates count once, detached alternatives not at all', () => {
    const { doc, t, anchorOn } = setup();
    const brackets = [
      bracket('a', anchorOn('host State')),
      bracket('b', anchorOn('host State')),
      bracket('c', anchorOn('30')),
      bracket('d', anchorOn('Assistance')),
    ];
    const alternatives = [alternative('whole'), alternative('span', anchorOn('days')), alternative('gone', anchorOn('begins'))];
    t.delete(TEXT.indexOf('begins'), 'begins'.length);
    const counts = panelCounts(doc, CLAUSE, brackets, alternatives);
    expect(counts.brackets.map((b) => b.count)).toEqual(['counted', 'duplicate', 'within_typed', 'counted']);
    expect(counts).toMatchObject({ countedBrackets: 2, detachedBrackets: 0, countedAlternatives: 2 });
    expect([...counts.detachedAlternatives]).toEqual(['gone']);

    const text = t.toString();
    const spans = ['host State', 'host State', '30', 'Assistance'].map((w) => ({ from: text.indexOf(w), to: text.indexOf(w) + w.length }));
    expect(countOpenDisputes(text, spans, 2)).toMatchObject({ recorded: counts.countedBrackets, alternatives: counts.countedAlternatives });
  });

  it('uses the server’s view of each span until the document is loaded', () => {
    const { anchorOn } = setup();
    const attached = { ...bracket('on', anchorOn('host State')), current: { from: 50, to: 60, text: 'host State' } };
    const detached = bracket('off', anchorOn('request'));
    expect(panelCounts(null, CLAUSE, [attached, detached], [])).toMatchObject({ countedBrackets: 1, detachedBrackets: 1 });
  });
});

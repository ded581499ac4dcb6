import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorSpan } from '@/lib/collab/text-anchor';
import { clauseField } from '@/lib/collab/clause-field';
import { bracketParagraphs, disputedClause } from './disputes';

function docWith(clauseId: string, paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  fragment.insert(
    0,
    paragraphs.map((p) => {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
  return doc;
}

const bytes = (rel: Y.RelativePosition) => Y.encodeRelativePosition(rel);

describe('bracketParagraphs', () => {
  it('draws nested and cross-paragraph brackets with their notes after the closing bracket', () => {
    const paras = [
      { text: 'ab cd', offsets: [0, 1, 2, 3, 4] },
      { text: 'ef', offsets: [6, 7] },
    ];
    const out = bracketParagraphs(paras, [
      { from: 0, to: 5, codes: ['FR'] },
      { from: 3, to: 8, codes: ['DE', 'PL'] },
    ]);
    expect(out.paragraphs).toEqual(['[ab [cd]', 'ef]']);
    expect(out.notes).toEqual([[{ at: 8, text: 'FR' }], [{ at: 3, text: 'DE, PL' }]]);
  });
});

describe('disputedClause', () => {
  it('brackets the recorded words of a Yjs clause and lists open alternatives with what they replace and their backers', () => {
    const doc = docWith('c1', ['The force deploys within six months.', 'It reports yearly.']);
    const span = anchorSpan(doc, 'c1', 25, 35)!;
    const out = disputedClause(doc, 'c1', {
      brackets: [
        { clauseId: 'c1', anchorStart: bytes(span.start), anchorEnd: bytes(span.end), delegationCode: 'FR' },
        { clauseId: 'c1', anchorStart: bytes(span.start), anchorEnd: bytes(span.end), delegationCode: null },
      ],
      alternatives: [
        {
          clauseId: 'c1',
          number: 3,
          scope: 'clause',
          anchorStart: null,
          anchorEnd: null,
          quote: '',
          body: 'Whole new text.',
          delegationCode: 'PL',
          backers: ['PL'],
        },
        {
          clauseId: 'c1',
          number: 2,
          scope: 'span',
          anchorStart: bytes(span.start),
          anchorEnd: bytes(span.end),
          quote: 'six months',
          body: 'one year',
          delegationCode: 'DE',
          backers: ['IT', 'DE'],
        },
      ],
    });
    expect(out.paragraphs).toEqual(['The force deploys within [six months].', 'It reports yearly.']);
    expect(out.notes[0]).toEqual([{ at: 37, text: 'FR, Secr.' }]);
    expect(out.alternatives).toEqual([
      { label: 'ALT 2', scope: 'span', body: 'one year', replaces: 'six months', proposer: 'DE', backers: ['DE', 'IT'] },
      { label: 'ALT 3', scope: 'clause', body: 'Whole new text.', replaces: null, proposer: 'PL', backers: ['PL'] },
    ]);
  });
});

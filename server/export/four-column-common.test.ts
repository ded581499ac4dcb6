import { describe, expect, it } from 'vitest';
import { changeParagraphs, clauseHeading, textAParagraphs } from './four-column-common';

describe('four-column text runs', () => {
  it('draws the brackets at A into the text at A, with the delegations as a note', () => {
    const paragraphs = textAParagraphs({ textA: 'One [typed].\nmine clearance now', bracketsA: [{ from: 13, to: 27, delegations: ['DE', 'FR'] }] });
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toEqual([{ text: 'One [typed].', kind: 'equal' }]);
    expect(paragraphs[1]).toEqual([
      { text: '[', kind: 'equal', mark: 'bracket' },
      { text: 'mine clearance', kind: 'equal', bracketed: true },
      { text: ']', kind: 'equal', mark: 'bracket' },
      { text: 'DE, FR', kind: 'equal', mark: 'note' },
      { text: ' now', kind: 'equal' },
    ]);
  });

  it('keeps the author after the last piece of a change cut by a bracket', () => {
    const runs = changeParagraphs(
      [
        { kind: 'equal', text: 'A ', delegation: null, userName: null },
        { kind: 'insert', text: 'new text', delegation: 'FR', userName: 'Marie' },
      ],
      [{ from: 2, to: 5, delegations: ['PL'] }],
      'B',
    )[0];
    expect(runs.map((r) => [r.text, r.mark ?? r.kind, r.author ?? ''])).toEqual([
      ['A ', 'equal', ''],
      ['[', 'bracket', ''],
      ['new', 'insert', ''],
      [']', 'bracket', ''],
      ['PL', 'note', ''],
      [' text', 'insert', 'FR'],
    ]);
  });

  it('heads a withdrawn clause without a number', () => {
    expect(clauseHeading({ number: 3, title: 'Funding' })).toBe('3. Funding');
    expect(clauseHeading({ number: null, title: 'Funding' })).toBe('[withdrawn] Funding');
  });
});

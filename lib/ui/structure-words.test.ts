import { describe, expect, it } from 'vitest';
import { clausesMoved, structureChangeWords } from './structure-words';

describe('structureChangeWords', () => {
  it('words an added clause, at the start or after another', () => {
    expect(structureChangeWords('added', { title: 'Preamble', afterClauseId: null, position: 1 })).toBe('Clause “Preamble” added at the start');
    expect(structureChangeWords('added', { title: 'Funding', afterClauseId: 'c1', position: 3 })).toBe('Clause “Funding” added');
  });

  it('words a rename with both titles', () => {
    expect(structureChangeWords('renamed', { from: 'Scope', to: 'Scope and purpose' })).toBe('Clause “Scope” renamed “Scope and purpose”');
  });

  it('counts one clause moved to the top as one move, not as every clause that shifted', () => {
    const details = { from: ['a', 'b', 'c', 'd', 'e'], to: ['e', 'a', 'b', 'c', 'd'], clauseIds: ['e', 'a', 'b', 'c', 'd'] };
    expect(structureChangeWords('moved', details)).toBe('Clauses reordered (1 moved)');
    expect(structureChangeWords('moved', { from: ['a', 'b', 'c', 'd'], to: ['b', 'a', 'd', 'c'] })).toBe('Clauses reordered (2 moved)');
  });

  it('falls back to the clauses whose place changed, or says nothing of a count', () => {
    expect(structureChangeWords('moved', { clauseIds: ['a', 'b'] })).toBe('Clauses reordered (2 moved)');
    expect(structureChangeWords('moved', {})).toBe('Clauses reordered');
  });

  it('words a split with the paragraph and the new title, and without them', () => {
    expect(structureChangeWords('split', { title: 'Scope', secondTitle: 'Scope (continued)', paragraph: 2 })).toBe(
      'Clause “Scope” split after paragraph 2: the rest is now “Scope (continued)”',
    );
    expect(structureChangeWords('split', { title: 'Scope' })).toBe('Clause “Scope” split: the rest is now a new clause');
  });

  it('words a merge with the number and title of the clause merged away', () => {
    expect(structureChangeWords('merged', { mergedTitle: 'Review', mergedNumber: 4, title: 'Funding' })).toBe('Clause 4 “Review” merged into “Funding”');
    expect(structureChangeWords('merged', { mergedTitle: 'Review', mergedNumber: null, title: 'Funding' })).toBe('Clause “Review” merged into “Funding”');
  });

  it('words a withdrawal and a reinstatement, and survives details that are missing or of the wrong type', () => {
    expect(structureChangeWords('withdrawn', { title: 'Funding', from: 'negotiating', to: 'withdrawn' })).toBe('Clause “Funding” withdrawn');
    expect(structureChangeWords('reinstated', { title: 'Funding' })).toBe('Clause “Funding” reinstated');
    expect(structureChangeWords('withdrawn', { title: 42 })).toBe('Clause a clause withdrawn');
    expect(structureChangeWords('renamed', {})).toBe('Clause a clause renamed a clause');
  });
});

describe('clausesMoved', () => {
  it('is zero for the same order and the fewest moves otherwise', () => {
    expect(clausesMoved({ from: ['a', 'b', 'c'], to: ['a', 'b', 'c'] })).toBe(0);
    expect(clausesMoved({ from: ['a', 'b', 'c'], to: ['c', 'b', 'a'] })).toBe(2);
    expect(clausesMoved({ from: ['a', 'b', 'c', 'd'], to: ['a', 'c', 'd', 'b'] })).toBe(1);
  });

  it('ignores orders of different lengths', () => {
    expect(clausesMoved({ from: ['a', 'b'], to: ['b'], clauseIds: ['b'] })).toBe(1);
  });
});

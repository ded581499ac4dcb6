import { describe, expect, it } from 'vitest';
import { authorRuns, authorTotals, buildClauseDiff, diffSize, type CharAuthors } from './attribute';
import type { Author } from './types';

const FR: Author = { userId: 'u-fr', userName: 'Jeanne', delegation: 'FR', at: '2026-03-04T10:00:00.000Z' };
const DE: Author = { userId: 'u-de', userName: 'Karl', delegation: 'DE', at: '2026-03-04T10:05:00.000Z' };
const PL: Author = { userId: 'u-pl', userName: 'Ola', delegation: 'PL', at: '2026-03-04T10:07:00.000Z' };
const meta = { clauseId: 'c1', number: 1, title: 'Purpose' };

/** Attribution for text pieces: [text, author] pairs, '\n' as structure. */
function attributed(...pieces: Array<[string, Author | null]>): { text: string; authors: CharAuthors } {
  let text = '';
  const authors: Array<Author | null | undefined> = [];
  for (const [t, a] of pieces) {
    for (const ch of t) {
      text += ch;
      authors.push(ch === '\n' ? undefined : a);
    }
  }
  return { text, authors };
}

describe('authorRuns', () => {
  it('merges adjacent characters of one author and keeps the order', () => {
    const { text, authors } = attributed(['The Parties ', null], ['shall', FR], [' closely', DE], [' cooperate.', null]);
    expect(authorRuns(text, authors)).toEqual([
      { text: 'The Parties ', delegation: null, userName: null, userId: null, at: null },
      { text: 'shall', delegation: 'FR', userName: 'Jeanne', userId: 'u-fr', at: FR.at },
      { text: ' closely', delegation: 'DE', userName: 'Karl', userId: 'u-de', at: DE.at },
      { text: ' cooperate.', delegation: null, userName: null, userId: null, at: null },
    ]);
  });

  it('joins paragraph breaks to the run before them, or to the first run when leading', () => {
    const { text, authors } = attributed(['\nAB', FR], ['\n', null], ['CD', FR], ['EF', DE]);
    const runs = authorRuns(text, authors);
    expect(runs.map((r) => [r.text, r.delegation])).toEqual([
      ['\nAB\nCD', 'FR'],
      ['EF', 'DE'],
    ]);
  });

  it('returns no runs for an empty text and refuses mismatched attribution', () => {
    expect(authorRuns('', [])).toEqual([]);
    expect(() => authorRuns('abc', [FR])).toThrow(/covers 1 characters/);
  });

  it('totals characters per author, most first, newlines not counted', () => {
    const { text, authors } = attributed(['abc', FR], ['\n', null], ['de', DE], ['fgh', FR], ['ij', null]);
    expect(authorTotals(authorRuns(text, authors))).toEqual([
      { delegation: 'FR', userName: 'Jeanne', chars: 6 },
      { delegation: 'DE', userName: 'Karl', chars: 2 },
      { delegation: null, userName: null, chars: 2 },
    ]);
  });
});

describe('buildClauseDiff', () => {
  it('flags an unchanged clause', () => {
    const same = attributed(['The Parties shall cooperate.', null]);
    const diff = buildClauseDiff(meta, { text: same.text, authors: same.text.split('').map(() => null) }, same);
    expect(diff).toEqual({ ...meta, changed: false, segments: [{ kind: 'equal', text: 'The Parties shall cooperate.', delegation: null, userName: null }] });
  });

  it('attributes an insertion to its author and a deletion to who deleted it', () => {
    const before = { text: 'The Parties shall cooperate.', authors: [] as Array<Author | null> };
    // "shall" was deleted by PL; nothing else was deleted.
    before.authors = before.text.split('').map((_, i) => (i >= 12 && i < 17 ? PL : null));
    const after = attributed(['The Parties ', null], ['may', PL], [' closely', DE], [' cooperate.', null]);
    const diff = buildClauseDiff(meta, before, after);
    expect(diff.changed).toBe(true);
    expect(diff.segments).toEqual([
      { kind: 'equal', text: 'The Parties ', delegation: null, userName: null },
      { kind: 'delete', text: 'shall', delegation: 'PL', userName: 'Ola' },
      { kind: 'insert', text: 'may', delegation: 'PL', userName: 'Ola' },
      { kind: 'insert', text: ' closely', delegation: 'DE', userName: 'Karl' },
      { kind: 'equal', text: ' cooperate.', delegation: null, userName: null },
    ]);
    expect(diffSize(diff)).toEqual({ inserted: 11, deleted: 5 });
  });

  it('splits one inserted stretch between two authors', () => {
    const before = { text: 'A.', authors: [null, null] };
    const after = attributed(['A', null], [' first', FR], [' second', DE], ['.', null]);
    const diff = buildClauseDiff(meta, before, after);
    expect(diff.segments.filter((s) => s.kind === 'insert')).toEqual([
      { kind: 'insert', text: ' first', delegation: 'FR', userName: 'Jeanne' },
      { kind: 'insert', text: ' second', delegation: 'DE', userName: 'Karl' },
    ]);
  });

  it('leaves deletions unattributed when nobody is known to have deleted them', () => {
    const before = { text: 'keep drop', authors: Array.from('keep drop', () => null) };
    const after = attributed(['keep', null]);
    const diff = buildClauseDiff(meta, before, after);
    expect(diff.segments).toEqual([
      { kind: 'equal', text: 'keep', delegation: null, userName: null },
      { kind: 'delete', text: ' drop', delegation: null, userName: null },
    ]);
  });

  it('handles a clause that did not exist before and one that was emptied', () => {
    const added = buildClauseDiff(meta, { text: '', authors: [] }, attributed(['New clause', FR]));
    expect(added.segments).toEqual([{ kind: 'insert', text: 'New clause', delegation: 'FR', userName: 'Jeanne' }]);
    const emptied = buildClauseDiff(meta, { text: 'Gone', authors: [DE, DE, DE, DE] }, { text: '', authors: [] });
    expect(emptied.segments).toEqual([{ kind: 'delete', text: 'Gone', delegation: 'DE', userName: 'Karl' }]);
    expect(buildClauseDiff(meta, { text: '', authors: [] }, { text: '', authors: [] })).toEqual({ ...meta, changed: false, segments: [] });
  });

  it('keeps paragraph breaks inside the segments', () => {
    const before = attributed(['One.', null], ['\n', null], ['Two.', null]);
    const after = attributed(['One.', null], ['\n', null], ['New.', FR], ['\n', null], ['Two.', null]);
    const diff = buildClauseDiff(meta, { text: before.text, authors: before.authors.map(() => null) }, after);
    expect(diff.segments).toEqual([
      { kind: 'equal', text: 'One.\n', delegation: null, userName: null },
      { kind: 'insert', text: 'New.\n', delegation: 'FR', userName: 'Jeanne' },
      { kind: 'equal', text: 'Two.', delegation: null, userName: null },
    ]);
  });

  it('refuses attribution that does not cover the texts', () => {
    expect(() => buildClauseDiff(meta, { text: 'ab', authors: [null] }, { text: '', authors: [] })).toThrow();
  });
});

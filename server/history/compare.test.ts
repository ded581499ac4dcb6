import { describe, expect, it } from 'vitest';
import { diffWords } from '@/lib/history/diff-words';
import { coarsenRuns } from './author-index';
import { authorsToLookUp } from './compare';
import type { IdentifiedText } from './yjs-facts';

/** A text whose characters are all items of one client, clocks from `clock0`. */
function identified(text: string, client: number, clock0 = 0): IdentifiedText {
  return { text, clients: Array.from(text, () => client), clocks: Array.from(text, (_, i) => clock0 + i) } as IdentifiedText;
}

describe('authorsToLookUp', () => {
  it('asks for the clients of inserted characters and the clock runs of deleted ones', () => {
    const before = identified('the old text', 1);
    const after = identified('the new text', 2);
    const ops = [diffWords(before.text, after.text)];
    const { insertedClients, deletedRuns } = authorsToLookUp(ops, [before], [after]);
    expect([...insertedClients]).toEqual([2]);
    expect(deletedRuns).toEqual([{ client: 1, start: 4, end: 7 }]);
  });

  it('skips characters with no item (client < 0)', () => {
    const before: IdentifiedText = { text: 'a b', clients: [-1, -1, -1], clocks: [0, 0, 0] } as IdentifiedText;
    const after: IdentifiedText = { text: 'a c', clients: [-1, -1, -1], clocks: [0, 0, 0] } as IdentifiedText;
    const { insertedClients, deletedRuns } = authorsToLookUp([diffWords(before.text, after.text)], [before], [after]);
    expect(insertedClients.size).toBe(0);
    expect(deletedRuns).toEqual([]);
  });
});

describe('coarsenRuns', () => {
  it('keeps few runs and folds many into one span per client', () => {
    const runs = [
      { client: 1, start: 0, end: 2 },
      { client: 1, start: 10, end: 12 },
      { client: 2, start: 5, end: 6 },
    ];
    expect(coarsenRuns(runs, 5)).toBe(runs);
    expect(coarsenRuns(runs, 2)).toEqual([
      { client: 1, start: 0, end: 12 },
      { client: 2, start: 5, end: 6 },
    ]);
  });
});

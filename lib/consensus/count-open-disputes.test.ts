import { describe, expect, it } from 'vitest';
import { classifyRecordedBrackets, countOpenDisputes } from './count-open-disputes';

const text = 'Assistance begins within [30] days of a request by the host State.';
const span = (words: string) => ({ from: text.indexOf(words), to: text.indexOf(words) + words.length });

describe('countOpenDisputes', () => {
  it('counts typed brackets alone as before', () => {
    expect(countOpenDisputes(text, [], 0)).toEqual({ typed: 1, recorded: 0, alternatives: 0, open: 1 });
  });

  it('adds a recorded bracket on words outside typed brackets', () => {
    expect(countOpenDisputes(text, [span('host State')], 0)).toEqual({ typed: 1, recorded: 1, alternatives: 0, open: 2 });
  });

  it('does not count a recorded bracket twice when its words are already inside typed brackets', () => {
    expect(countOpenDisputes(text, [span('30')], 0)).toMatchObject({ typed: 1, recorded: 0, open: 1 });
    // The typed brackets themselves included in the span: still the same dispute.
    expect(countOpenDisputes(text, [span('[30]')], 0)).toMatchObject({ recorded: 0, open: 1 });
  });

  it('counts a recorded bracket that covers more than the typed one as a dispute of its own', () => {
    expect(countOpenDisputes(text, [span('within [30] days')], 0)).toMatchObject({ typed: 1, recorded: 1, open: 2 });
  });

  it('counts two recorded brackets on exactly the same words once, and ignores detached (empty) spans', () => {
    expect(countOpenDisputes(text, [span('host State'), span('host State'), { from: 10, to: 10 }], 0)).toMatchObject({ recorded: 1, open: 2 });
  });

  it('counts each open alternative', () => {
    expect(countOpenDisputes('Plain agreed wording.', [], 2)).toEqual({ typed: 0, recorded: 0, alternatives: 2, open: 2 });
  });

  it('ignores detached brackets given as null', () => {
    expect(countOpenDisputes(text, [null, span('host State')], 0)).toMatchObject({ recorded: 1, open: 2 });
  });
});

describe('classifyRecordedBrackets', () => {
  it('says how each bracket counts, so that a list of them can show why one does not', () => {
    expect(classifyRecordedBrackets(text, [span('host State'), null, span('30'), span('host State'), { from: 4, to: 4 }, span('within [30] days')])).toEqual([
      'counted',
      'detached',
      'within_typed',
      'duplicate',
      'detached',
      'counted',
    ]);
  });
});

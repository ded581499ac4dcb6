import { describe, expect, it } from 'vitest';
import { markText, markTextWithNotes } from './marked-text';

describe('markText', () => {
  it('marks bracketed spans (nested ones inside the outer span) and keeps the text verbatim', () => {
    const text = 'in force [and verified for [30] [60] days]. Review every [six months] [year].';
    const runs = markText(text);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs).toEqual([
      { text: 'in force ', kind: 'plain' },
      { text: '[and verified for [30] [60] days]', kind: 'bracket' },
      { text: '. Review every ', kind: 'plain' },
      { text: '[six months]', kind: 'bracket' },
      { text: ' ', kind: 'plain' },
      { text: '[year]', kind: 'bracket' },
      { text: '.', kind: 'plain' },
    ]);
  });

  it('marks ALT markers, also inside brackets, and an unclosed bracket to the end', () => {
    expect(markText('ALT 1: led by X. [ALT 2: led by Y')).toEqual([
      { text: 'ALT 1:', kind: 'alt' },
      { text: ' led by X. ', kind: 'plain' },
      { text: '[', kind: 'bracket' },
      { text: 'ALT 2:', kind: 'alt' },
      { text: ' led by Y', kind: 'bracket' },
    ]);
  });

  it('gives nothing for an empty paragraph and one plain run for undisputed text', () => {
    expect(markText('')).toEqual([]);
    expect(markText('Costs lie where they fall – “common fund”.')).toEqual([{ text: 'Costs lie where they fall – “common fund”.', kind: 'plain' }]);
  });
});

describe('markTextWithNotes', () => {
  it('puts notes between runs at their offsets and keeps the text verbatim', () => {
    const runs = markTextWithNotes('The [six months] period', [{ at: 16, text: 'DE, FR' }]);
    expect(runs).toEqual([
      { text: 'The ', kind: 'plain' },
      { text: '[six months]', kind: 'bracket' },
      { text: 'DE, FR', kind: 'note' },
      { text: ' period', kind: 'plain' },
    ]);
    expect(markTextWithNotes('[a]', [{ at: 3, text: 'PL' }]).map((r) => r.text)).toEqual(['[a]', 'PL']);
  });
});

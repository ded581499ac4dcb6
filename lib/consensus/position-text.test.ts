import { describe, expect, it } from 'vitest';
import { positionWords, wordsChanged } from './position-text';

const base = 'The Parties shall consult within 24 hours, and shall inform the Council.';

describe('positionWords', () => {
  it('keeps words, digits and symbols, one space apart', () => {
    expect(positionWords('  Up to 5 %  of GDP, § 3.\n')).toBe('Up to 5 % of GDP § 3');
  });

  it('keeps square brackets as words of their own', () => {
    expect(positionWords('shall [consult] each other')).toBe('shall [ consult ] each other');
  });
});

describe('wordsChanged: what does not make a position stale', () => {
  it.each([
    ['extra spaces', 'The Parties  shall consult within 24 hours,  and shall inform the Council.'],
    ['a line break', 'The Parties shall consult within 24 hours,\nand shall inform the Council.'],
    ['a removed comma', 'The Parties shall consult within 24 hours and shall inform the Council.'],
    ['a changed full stop', 'The Parties shall consult within 24 hours, and shall inform the Council;'],
    ['added quotes', 'The “Parties” shall consult within 24 hours, and shall inform the Council.'],
    ['a dash for a comma', 'The Parties shall consult within 24 hours — and shall inform the Council.'],
    ['a parenthesis', 'The Parties shall consult (within 24 hours), and shall inform the Council.'],
  ])('%s', (_label, after) => {
    expect(wordsChanged(base, after)).toBe(false);
  });

  it('ignores a decomposed accent written the other way (NFC)', () => {
    expect(wordsChanged('Comité', 'Comite\u0301')).toBe(false);
  });
});

describe('wordsChanged: what does', () => {
  it.each([
    ['a changed word', 'The Parties may consult within 24 hours, and shall inform the Council.'],
    ['a changed number', 'The Parties shall consult within 48 hours, and shall inform the Council.'],
    ['an added word', 'The Parties shall promptly consult within 24 hours, and shall inform the Council.'],
    ['a deleted word', 'The Parties shall consult within 24 hours, and inform the Council.'],
    ['a typo fixed in a word', 'The Parties shall consult within 24 hours, and shall infrom the Council.'],
    ['a capital', 'The Parties Shall consult within 24 hours, and shall inform the Council.'],
    ['words put in brackets', 'The Parties shall consult [within 24 hours], and shall inform the Council.'],
    ['a hyphen splitting a word', 'The Parties shall con-sult within 24 hours, and shall inform the Council.'],
  ])('%s', (_label, after) => {
    expect(wordsChanged(base, after)).toBe(true);
  });

  it('a decimal point changing a number', () => {
    expect(wordsChanged('within 1.5 days', 'within 15 days')).toBe(true);
  });
});

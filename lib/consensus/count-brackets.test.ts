import { describe, expect, it } from 'vitest';
import { countBrackets } from './count-brackets';

describe('countBrackets', () => {
  it('finds nothing in agreed wording', () => {
    expect(countBrackets('The participants establish a framework.')).toEqual({ spans: 0, unmatched: 0, alternatives: 0, open: 0 });
  });

  it('counts every bracketed span, nested ones included', () => {
    const clause2 = 'take effect on the day [and is verified by the monitoring mechanism for [30] [60] consecutive days].';
    expect(countBrackets(clause2)).toMatchObject({ spans: 3, open: 3 });
  });

  it('counts ALT markers as open alternatives', () => {
    expect(countBrackets('ALT 1: it is led by the United States. ALT 2: it is led by an organisation.')).toMatchObject({ alternatives: 2, open: 2 });
    expect(countBrackets('ALTERNATIVE 1 and SALT 2 are not markers')).toMatchObject({ alternatives: 0 });
  });

  it('treats unbalanced brackets as still open', () => {
    expect(countBrackets('an [unfinished bracket')).toMatchObject({ spans: 0, unmatched: 1, open: 1 });
    expect(countBrackets('a stray] closing')).toMatchObject({ unmatched: 1, open: 1 });
  });
});

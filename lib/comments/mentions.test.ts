import { describe, expect, it } from 'vitest';
import { findMentions, parseMentions } from './mentions';

const DRAFT = ['FR', 'DE', 'UA', 'NATO'];

describe('parseMentions', () => {
  it('finds delegation codes after @, each once, in order', () => {
    expect(parseMentions('@DE and @FR, see also @DE.', DRAFT)).toEqual({ codes: ['DE', 'FR'], unknown: [] });
  });

  it('accepts mentions at the start, after punctuation and in brackets', () => {
    expect(parseMentions('(@UA) @NATO: ok;@FR', DRAFT).codes).toEqual(['UA', 'NATO', 'FR']);
  });

  it('ignores e-mail addresses, lower-case words and codes glued to more letters', () => {
    expect(parseMentions('write to fr@accord.test or @fr, @FRANCEX, @DEx, @DE_1, x.@DE', DRAFT)).toEqual({ codes: [], unknown: [] });
  });

  it('reports well-formed codes that are not delegations of the draft', () => {
    expect(parseMentions('@FR @XY @ZZZ', DRAFT)).toEqual({ codes: ['FR'], unknown: ['XY', 'ZZZ'] });
  });

  it('gives the index and length of each mention for rendering', () => {
    expect(findMentions('Hi @DE!')).toEqual([{ code: 'DE', index: 3, length: 3 }]);
  });
});

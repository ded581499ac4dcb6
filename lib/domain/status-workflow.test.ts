import { describe, expect, it } from 'vitest';
import { CLAUSE_STATUSES } from './vocabulary';
import { canEnterSilence, canTransition, needsConsensus } from './status-workflow';

describe('clause status workflow', () => {
  it('follows drafting → negotiating → agreed_ad_ref → agreed', () => {
    expect(canTransition('drafting', 'negotiating')).toBe(true);
    expect(canTransition('negotiating', 'agreed_ad_ref')).toBe(true);
    expect(canTransition('agreed_ad_ref', 'agreed')).toBe(true);
  });

  it('lets the secretariat reopen and withdraw, but not skip drafting to agreed', () => {
    expect(canTransition('agreed', 'negotiating')).toBe(true);
    expect(canTransition('negotiating', 'withdrawn')).toBe(true);
    expect(canTransition('drafting', 'agreed')).toBe(false);
  });

  it('never enters or leaves silence through a status change', () => {
    for (const s of CLAUSE_STATUSES) {
      expect(canTransition(s, 'silence')).toBe(false);
      expect(canTransition('silence', s)).toBe(false);
    }
  });

  it('requires consensus only to agree', () => {
    expect(CLAUSE_STATUSES.filter(needsConsensus)).toEqual(['agreed_ad_ref', 'agreed']);
  });

  it('puts only open or ad ref clauses under silence', () => {
    expect(CLAUSE_STATUSES.filter(canEnterSilence)).toEqual(['drafting', 'negotiating', 'agreed_ad_ref']);
  });
});

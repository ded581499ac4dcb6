import { describe, expect, it } from 'vitest';
import type { Identity } from '../domain/identity';
import { adoptionRefusal, annotationRefusal, canBackAlternatives, canRemoveBracket, canWithdrawAlternative } from './annotations';

const person = (role: Identity['role'], delegation: string | null): Identity => ({ userId: 'u', email: 'e', name: 'n', role, delegation });
const fr = person('delegate', 'FR');
const de = person('delegate', 'DE');
const secretariat = person('secretariat', null);
const observer = person('observer', null);

describe('annotation rules', () => {
  it('lets delegates bracket open clauses only, the secretariat any clause but a withdrawn one, observers none', () => {
    expect(annotationRefusal(fr, 'write', 'negotiating')).toBeNull();
    expect(annotationRefusal(fr, 'write', 'drafting')).toBeNull();
    for (const locked of ['agreed', 'agreed_ad_ref', 'silence'] as const) {
      expect(annotationRefusal(fr, 'write', locked)?.code).toBe('forbidden');
      expect(annotationRefusal(secretariat, 'write', locked)).toBeNull();
    }
    expect(annotationRefusal(secretariat, 'write', 'withdrawn')?.code).toBe('conflict');
    expect(annotationRefusal(observer, 'read', 'negotiating')?.code).toBe('forbidden');
    expect(annotationRefusal(person('delegate', 'US'), 'read', 'negotiating')?.code).toBe('forbidden');
  });

  it('lets the proposing delegation or the secretariat remove a bracket', () => {
    expect(canRemoveBracket(fr, 'FR')).toBe(true);
    expect(canRemoveBracket(de, 'FR')).toBe(false);
    expect(canRemoveBracket(secretariat, 'FR')).toBe(true);
    expect(canRemoveBracket(fr, null)).toBe(false);
    expect(canRemoveBracket(observer, 'FR')).toBe(false);
  });

  it('lets only the proposer withdraw, and only delegations back', () => {
    expect(canWithdrawAlternative(fr, 'FR')).toBe(true);
    expect(canWithdrawAlternative(de, 'FR')).toBe(false);
    expect(canWithdrawAlternative(secretariat, 'FR')).toBe(false);
    expect(canWithdrawAlternative(secretariat, null)).toBe(true);
    expect(canBackAlternatives(fr, 'write')).toBe(true);
    expect(canBackAlternatives(secretariat, 'write')).toBe(false);
    expect(canBackAlternatives(observer, 'read')).toBe(false);
  });

  it('lets only the secretariat adopt, on any clause but a withdrawn one', () => {
    for (const status of ['negotiating', 'agreed', 'silence'] as const) expect(adoptionRefusal(secretariat, status)).toBeNull();
    expect(adoptionRefusal(secretariat, 'withdrawn')?.code).toBe('conflict');
    expect(adoptionRefusal(fr, 'negotiating')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only the secretariat adopts/) });
    expect(adoptionRefusal(observer, 'negotiating')?.code).toBe('forbidden');
    // A delegate is refused for who it is before the clause's status is looked at.
    expect(adoptionRefusal(fr, 'withdrawn')?.code).toBe('forbidden');
  });
});

import { describe, expect, it } from 'vitest';
import { isAdopted, notAdoptedReason } from './adopted-text';

describe('isAdopted', () => {
  it('is adopted when every clause that is not withdrawn is agreed, or when the draft is closed', () => {
    expect(
      isAdopted({
        clauses: [
          { number: 1, status: 'agreed' },
          { number: 2, status: 'withdrawn' },
        ],
      }),
    ).toBe(true);
    expect(
      isAdopted({
        clauses: [
          { number: 1, status: 'agreed' },
          { number: 2, status: 'agreed_ad_ref' },
        ],
      }),
    ).toBe(false);
    expect(isAdopted({ closed: true, clauses: [{ number: 1, status: 'negotiating' }] })).toBe(true);
    expect(isAdopted({ clauses: [{ number: 1, status: 'withdrawn' }] })).toBe(false);
  });

  it('says which clauses are not agreed yet', () => {
    expect(notAdoptedReason({ clauses: [{ number: 1, status: 'agreed' }] })).toBeNull();
    expect(
      notAdoptedReason({
        clauses: [
          { number: 1, status: 'agreed' },
          { number: 3, status: 'silence' },
        ],
      }),
    ).toBe('The adopted text is available once every clause is agreed or the draft is closed as adopted; not agreed yet: clause 3.');
  });
});

import { describe, expect, it } from 'vitest';
import { highestTypedAlt, nextAltNumber } from './alt-numbering';

describe('ALT numbering', () => {
  it('starts at ALT 2 on a clause without typed or recorded alternatives', () => {
    expect(nextAltNumber(null, 'The Parties shall cooperate.')).toBe(2);
  });

  it('continues after the highest ALT typed in the seeded text', () => {
    const seeded = 'On land, in the air and at sea. ALT 1: it is led by the United States. ALT 2: it is led by the Parties jointly.';
    expect(highestTypedAlt(seeded)).toBe(2);
    expect(nextAltNumber(null, seeded)).toBe(3);
    expect(nextAltNumber(null, 'ALT 1: a. ALT 4: b. ALT 2: c.')).toBe(5);
  });

  it('continues after the highest recorded alternative when it is higher than the typed ones', () => {
    expect(nextAltNumber(3, 'ALT 2: typed')).toBe(4);
    expect(nextAltNumber(6, 'ALT 2: typed')).toBe(7);
  });

  it('reads only ALT in capitals followed by a number', () => {
    expect(highestTypedAlt('an alt 7 here, ALTERNATIVE 9, SALT 5 and ALT: none')).toBe(0);
    expect(highestTypedAlt('see ALT  12.')).toBe(12);
  });
});

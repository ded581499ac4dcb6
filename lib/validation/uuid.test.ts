import { describe, expect, it } from 'vitest';
import { isUuid, uuidsIn } from './uuid';

describe('UUID pattern', () => {
  it('accepts a UUID in either case and nothing around it', () => {
    expect(isUuid('3f2a9c1b-0d4e-4a5b-8c6d-7e8f9a0b1c2d')).toBe(true);
    expect(isUuid('3F2A9C1B-0D4E-4A5B-8C6D-7E8F9A0B1C2D')).toBe(true);
    expect(isUuid('3f2a9c1b-0d4e-4a5b-8c6d-7e8f9a0b1c2')).toBe(false);
    expect(isUuid(' 3f2a9c1b-0d4e-4a5b-8c6d-7e8f9a0b1c2d')).toBe(false);
    expect(isUuid('------------------------------------')).toBe(false);
  });

  it('finds every UUID in a text', () => {
    const text = 'silence 3f2a9c1b-0d4e-4a5b-8c6d-7e8f9a0b1c2d and 00000000-0000-0000-0000-000000000000';
    expect(text.match(uuidsIn())).toHaveLength(2);
  });
});

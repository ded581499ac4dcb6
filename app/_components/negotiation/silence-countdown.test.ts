import { describe, expect, it } from 'vitest';
import { formatCountdown } from './silence-countdown';

describe('formatCountdown', () => {
  it('says how long is left, to the second when it gets close', () => {
    expect(formatCountdown((64 * 60 + 5) * 1000)).toBe('ends in 1 h 04 min');
    expect(formatCountdown((4 * 60 + 7) * 1000)).toBe('ends in 4 min 07 s');
    expect(formatCountdown(42_000)).toBe('ends in 42 s');
    expect(formatCountdown(41_200)).toBe('ends in 42 s');
    expect(formatCountdown((2 * 86_400 + 3 * 3600) * 1000)).toBe('ends in 2 d 03 h');
  });

  it('says when the deadline has passed', () => {
    expect(formatCountdown(0)).toBe('deadline passed');
    expect(formatCountdown(-5_000)).toBe('deadline passed');
  });
});

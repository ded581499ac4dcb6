import { describe, expect, it } from 'vitest';
import { RangeIndex } from './range-index';

describe('RangeIndex', () => {
  it('finds the range covering a clock, per client, with exclusive ends', () => {
    const index = new RangeIndex([
      { client: 1, start: 0, end: 5, value: 'a' },
      { client: 1, start: 5, end: 9, value: 'b' },
      { client: 2, start: 0, end: 100, value: 'c' },
    ]);
    expect(index.find(1, 0)).toBe('a');
    expect(index.find(1, 4)).toBe('a');
    expect(index.find(1, 5)).toBe('b');
    expect(index.find(1, 8)).toBe('b');
    expect(index.find(1, 9)).toBeUndefined();
    expect(index.find(2, 99)).toBe('c');
    expect(index.find(3, 0)).toBeUndefined();
  });

  it('prefers the range recorded first when ranges overlap', () => {
    const index = new RangeIndex([
      { client: 1, start: 10, end: 20, value: 'first' },
      { client: 1, start: 0, end: 30, value: 'resent' },
    ]);
    expect(index.find(1, 15)).toBe('first');
    expect(index.find(1, 5)).toBe('resent');
    expect(index.find(1, 25)).toBe('resent');
  });

  it('finds a long early range behind shorter later ones and ignores empty ranges', () => {
    const index = new RangeIndex([
      { client: 1, start: 0, end: 1000, value: 'long' },
      { client: 1, start: 10, end: 12, value: 'short' },
      { client: 1, start: 50, end: 50, value: 'empty' },
    ]);
    expect(index.find(1, 500)).toBe('long');
    expect(index.find(1, 50)).toBe('long');
  });

  it('agrees with a linear scan on random ranges', () => {
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const ranges = Array.from({ length: 300 }, (_, i) => {
      const start = random(1000);
      return { client: random(3), start, end: start + 1 + random(40), value: i };
    });
    const index = new RangeIndex(ranges);
    for (let q = 0; q < 2000; q += 1) {
      const client = random(3);
      const clock = random(1100);
      const expected = ranges.find((r) => r.client === client && r.start <= clock && clock < r.end)?.value;
      expect(index.find(client, clock)).toBe(expected);
    }
  });
});

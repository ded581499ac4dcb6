import { describe, expect, it } from 'vitest';
import { pointLabel, textParagraphs } from './export-service';

describe('export service helpers', () => {
  it('splits a clause text into its non-empty paragraphs', () => {
    expect(textParagraphs('First [x].\n\nALT 1: second\n  \nthird')).toEqual(['First [x].', 'ALT 1: second', 'third']);
    expect(textParagraphs('')).toEqual([]);
  });

  it('names points of the history for a comparison', () => {
    const now = new Date('2026-11-29T14:05:00Z');
    expect(pointLabel({ spec: 'rev:2', logId: 9, at: '2026-11-12T09:00:00.000Z', label: 'Rev.2', revision: 2 }, now)).toBe('Rev.2 (12 November 2026)');
    expect(pointLabel({ spec: 'now', logId: 12, at: '2026-11-29T13:00:00.000Z', label: 'Now' }, now)).toBe(
      'the working text as of 29 November 2026, 14:05 UTC',
    );
    expect(pointLabel({ spec: 'log:5', logId: 5, at: '2026-11-20T08:30:00.000Z', label: 'Change 5' }, now)).toBe('20 November 2026, 08:30 UTC');
    expect(pointLabel({ spec: 'log:5', logId: 5, at: null, label: 'Change 5' }, now)).toBe('Change 5');
  });
});

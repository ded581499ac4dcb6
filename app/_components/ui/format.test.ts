import { describe, expect, it } from 'vitest';
import {
  changeWords,
  clauseList,
  formatDeadlineUtc,
  formatIn,
  formatInstant,
  formatInstantUtc,
  formatShortUtc,
  fromLocalInputValue,
  toLocalInputValue,
} from './format';

describe('room formatting', () => {
  it('writes a change of position as words, from none when there was nothing', () => {
    expect(
      changeWords({ id: 1, clauseId: 'c', delegation: 'FR', from: null, to: { position: 'reservation', reservation: 'parliamentary' }, at: '', by: 'x' }),
    ).toBe('none → reservation (parliamentary)');
    expect(changeWords({ id: 2, clauseId: 'c', delegation: 'FR', from: { position: 'support' }, to: { position: 'can_live_with' }, at: '', by: 'x' })).toBe(
      'support → can live with',
    );
  });

  it('gives short UTC times, with the year only when it is not this one', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(formatShortUtc('2026-11-12T14:02:33Z', now)).toBe('12 Nov 14:02');
    expect(formatShortUtc('2025-03-04T09:05:00Z', now)).toBe('4 Mar 2025 09:05');
  });

  it('shows deadline seconds only when there are some', () => {
    expect(formatDeadlineUtc(new Date('2026-11-23T05:41:00Z'))).toBe('23 Nov 2026, 05:41 UTC');
    expect(formatDeadlineUtc(new Date('2026-11-23T05:41:07Z'))).toBe('23 Nov 2026, 05:41:07 UTC');
  });

  it('round-trips datetime-local values in the local time zone, seconds included', () => {
    const at = new Date(2026, 10, 23, 7, 41, 5);
    expect(toLocalInputValue(at)).toBe('2026-11-23T07:41:05');
    expect(fromLocalInputValue('2026-11-23T07:41:05')?.getTime()).toBe(at.getTime());
    expect(fromLocalInputValue('2026-11-23T07:41')?.getTime()).toBe(new Date(2026, 10, 23, 7, 41).getTime());
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('tomorrow')).toBeNull();
  });

  it('says how far away a deadline is', () => {
    expect(formatIn(8_000)).toBe('in 8 s');
    expect(formatIn(24 * 3_600_000 - 30_000)).toBe('in 24 h');
    expect(formatIn(90 * 60_000)).toBe('in 1 h 30 min');
    expect(formatIn(7 * 24 * 3_600_000)).toBe('in 7 d');
    expect(formatIn(-1)).toBe('in the past');
  });

  it('names clauses the way a chair would', () => {
    expect(clauseList([5])).toBe('clause 5');
    expect(clauseList([7, 4])).toBe('clauses 4 and 7');
    expect(clauseList([9, 4, 7])).toBe('clauses 4, 7 and 9');
  });
});

describe('instants in the person language and zone', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('writes one format per style, in English and French', () => {
    expect(formatInstant('2026-03-04T14:05:09Z', { locale: 'en', timeZone: 'UTC', now })).toBe('4 Mar 2026, 14:05');
    expect(formatInstant('2026-03-04T14:05:09Z', { locale: 'fr', timeZone: 'Europe/Paris', now })).toBe('4 mars 2026, 15:05');
    expect(formatInstant('2026-03-04T14:05:09Z', { locale: 'fr', timeZone: 'UTC', style: 'date', now })).toBe('4 mars 2026');
    expect(formatInstant('2026-11-12T14:02:33Z', { locale: 'en', timeZone: 'UTC', style: 'short', now })).toBe('12 Nov, 14:02');
    expect(formatInstant('not a date', { locale: 'en', timeZone: 'UTC' })).toBe('not a date');
  });

  it('gives the UTC instant to the second for the hover', () => {
    expect(formatInstantUtc('2026-03-04T14:05:09Z', 'en')).toBe('4 Mar 2026, 14:05:09 UTC');
    expect(formatInstantUtc('2026-03-04T14:05:09Z', 'fr')).toBe('4 mars 2026, 14:05:09 UTC');
  });
});

/**
 * Words and dates for the negotiation controls of the draft room. Times are shown in
 * UTC like everywhere else in Accord; the one exception is the deadline input, which
 * the browser fills in the person's own time zone (and we say so next to it).
 */
import type { PositionChangeDto } from '@/lib/api/types';
import type { Position, Reservation } from '@/lib/domain/vocabulary';

const SHORT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const YEAR = new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'UTC' });

/** "12 Nov 14:02" (UTC), with the year when it is not this year's. */
export function formatShortUtc(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = SHORT.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const year = YEAR.format(date);
  const sameYear = year === YEAR.format(now);
  return `${get('day')} ${get('month')}${sameYear ? '' : ` ${year}`} ${get('hour')}:${get('minute')}`;
}

/** "23 Nov 2026, 05:41:07 UTC": a deadline to the second when it has seconds. */
export function formatDeadlineUtc(date: Date): string {
  const withSeconds = date.getUTCSeconds() !== 0;
  const text = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}

/** The words of a stated position in the history: "reservation (parliamentary)", "can live with", "none". */
export function stateWords(stated: { position: Position; reservation?: Reservation } | null): string {
  if (!stated) return 'none';
  const word = stated.position.replace(/_/g, ' ');
  return stated.position === 'reservation' && stated.reservation ? `${word} (${stated.reservation})` : word;
}

/** "none → reservation (parliamentary)" */
export function changeWords(change: PositionChangeDto): string {
  return `${stateWords(change.from)} → ${stateWords(change.to)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value ("2026-11-23T07:41:05") for an instant, in the browser's time zone. */
export function toLocalInputValue(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** The instant a `datetime-local` value names in the browser's time zone; null when empty or invalid. */
export function fromLocalInputValue(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "in 2 d 3 h", "in 47 min", "in 8 s" */
export function formatIn(ms: number): string {
  if (ms <= 0) return 'in the past';
  const s = Math.round(ms / 1000);
  if (s < 60) return `in ${s} s`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `in ${h} h ${m % 60} min` : `in ${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `in ${d} d ${h % 24} h` : `in ${d} d`;
}

/** "clause 5", "clauses 4 and 7", "clauses 4, 7 and 9" */
export function clauseList(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no clause';
  if (sorted.length === 1) return `clause ${sorted[0]}`;
  return `clauses ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

// ---------------------------------------------------------------------------------------
// Dates and times in the person's language and time zone: one format everywhere.
// Screens render <DateTime> (./date-time.tsx), which uses these with the browser's zone
// and puts the same instant in UTC in its title (shown on hover).

/** How much of an instant to show. `short` drops the year when it is this year's. */
export type InstantStyle = 'dateTime' | 'date' | 'seconds' | 'short';

/** The Intl locale of an interface language: day before month, 24-hour clock, in both. */
const INTL_LOCALE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };
export const intlLocale = (locale: string): string => INTL_LOCALE[locale] ?? 'en-GB';

function instantOptions(style: InstantStyle, sameYear: boolean): Intl.DateTimeFormatOptions {
  const day: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (style !== 'short' || !sameYear) day.year = 'numeric';
  if (style === 'date') return day;
  return { ...day, hour: '2-digit', minute: '2-digit', ...(style === 'seconds' ? { second: '2-digit' } : {}), hourCycle: 'h23' };
}

/**
 * An instant in a language and time zone: "4 Mar 2026, 14:05" (en), "4 mars 2026, 15:05"
 * (fr, Paris). The input unchanged when it is not a date.
 */
export function formatInstant(iso: string, options: { locale: string; timeZone: string; style?: InstantStyle; now?: Date }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const style = options.style ?? 'dateTime';
  const yearOf = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: options.timeZone }).format(d);
  const sameYear = yearOf(date) === yearOf(options.now ?? new Date());
  return new Intl.DateTimeFormat(intlLocale(options.locale), { ...instantOptions(style, sameYear), timeZone: options.timeZone }).format(date);
}

/** The same instant in UTC with the zone spelled out, for the title of every date: "4 mars 2026, 14:05:09 UTC". */
export function formatInstantUtc(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatInstant(iso, { locale, timeZone: 'UTC', style: 'seconds' })} UTC`;
}

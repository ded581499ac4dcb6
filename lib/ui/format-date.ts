/**
 * Dates as people across capitals read them: day, month name and year (never the
 * ambiguous 03/04), and times in UTC with the zone spelled out, because the same
 * page is read in Kyiv, Paris and Ottawa.
 */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "4 Mar 2026, 14:05 UTC"; the input unchanged when it is not a valid date. */
export function formatDateTimeUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${DATE_TIME.format(date)} UTC`;
}

/**
 * An interval as the rating buttons show it, in the largest unit that keeps it readable (as
 * Anki does): minutes under an hour, hours under a day, days under a month, months under a
 * year, then years; months and years to one decimal.
 */
export type IntervalUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Anki's month and year: 30 and 365 days. */
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export function intervalUnit(ms: number): { unit: IntervalUnit; value: number } {
  const tenths = (n: number) => Math.round(n * 10) / 10;
  if (ms < HOUR) return { unit: 'minute', value: Math.max(1, Math.round(ms / MINUTE)) };
  if (ms < DAY) return { unit: 'hour', value: Math.round(ms / HOUR) };
  if (ms < MONTH) return { unit: 'day', value: Math.round(ms / DAY) };
  if (ms < YEAR) return { unit: 'month', value: tenths(ms / MONTH) };
  return { unit: 'year', value: tenths(ms / YEAR) };
}

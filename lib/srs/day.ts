/**
 * Where a learner's day starts, in their time zone (Intl does the zone arithmetic). Daily
 * limits and streaks count days this way.
 */

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one,
 * and startOfDay's bisection formats a dozen instants.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A function giving a time zone's UTC offset (minutes, east positive) at an instant. */
export function zoneOffset(timeZone: string): (instant: Date) => number {
  const format = formatterFor(timeZone);
  return (instant) => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + zoneOffset(timeZone)(instant) * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * The instant the local day containing `instant` began: the first minute whose local date is
 * that date. Most days began at local midnight with today's offset, so that instant is tried
 * first (three formatted instants); when it does not check — a day whose clocks changed since
 * midnight, or that starts at 01:00 because they jumped over midnight (e.g. America/Santiago in
 * September) — the minute is found by bisection (a dozen).
 */
export function startOfDay(instant: Date, timeZone: string): Date {
  const MINUTE = 60_000;
  const offsetAt = zoneOffset(timeZone);
  const dateAt = (t: number, offset = offsetAt(new Date(t))) => new Date(t + offset * MINUTE).toISOString().slice(0, 10);
  const offset = offsetAt(instant);
  const date = dateAt(instant.getTime(), offset);
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const guess = midnight - offset * MINUTE;
  if (guess <= instant.getTime() && dateAt(guess) === date && dateAt(guess - MINUTE) < date) return new Date(guess);
  // Every zone's offset lies within ±15 h, so the local midnight is in this window.
  let lo = Math.floor((midnight - 15 * 3_600_000) / MINUTE);
  let hi = Math.floor(instant.getTime() / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateAt(mid * MINUTE) < date) lo = mid + 1;
    else hi = mid;
  }
  return new Date(lo * MINUTE);
}

/**
 * The instant the local day after the one starting at `dayStart` begins. Days last 23 to 25
 * hours around clock changes, so 30 hours later is always inside the next day.
 */
export function nextDayStart(dayStart: Date, timeZone: string): Date {
  return startOfDay(new Date(dayStart.getTime() + 30 * 3_600_000), timeZone);
}

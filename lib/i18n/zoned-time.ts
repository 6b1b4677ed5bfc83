/**
 * Wall-clock times in a named time zone: what an instructor types into a datetime-local field
 * (read in their zone) and what every viewer reads (shown in theirs, with the zone named).
 * Instants are stored in UTC; only entry and display know about zones. Intl does the zone
 * arithmetic, so daylight-saving rules come from the runtime's tz database.
 */
import { isValidTimeZone, zoneOffset } from '@/lib/srs/day';

export { isValidTimeZone };

/** The datetime-local format the forms send: minutes, no seconds, no zone. */
export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export type LocalTimeResult =
  | { status: 'ok'; at: Date }
  /** Not a calendar time (2026-02-30T10:00, 25:00). */
  | { status: 'invalid' }
  /** Skipped by a clock change: 02:30 on the morning clocks jump from 02:00 to 03:00. */
  | { status: 'gap' }
  /** Happens twice: 01:30 on the morning clocks fall back from 02:00 to 01:00. */
  | { status: 'ambiguous'; earlier: Date; later: Date };

const HOUR = 3_600_000;

/**
 * The instant a wall-clock time in `timeZone` names. A zone's offset changes at most once in a
 * few hours, so the offsets in force a day either side cover every reading of the time; each
 * offset that maps back onto itself is one reading. None: the time fell in a gap; two: it
 * repeats in an overlap. Both are refused rather than guessed, so a due time is never an hour off.
 */
export function localTimeToInstant(local: string, timeZone: string): LocalTimeResult {
  if (!LOCAL_TIME.test(local)) return { status: 'invalid' };
  const asUtc = new Date(`${local}:00Z`);
  if (Number.isNaN(asUtc.getTime()) || !asUtc.toISOString().startsWith(local)) return { status: 'invalid' };
  const offsetAt = zoneOffset(timeZone);
  const offsets = new Set([-24, 0, 24].map((h) => offsetAt(new Date(asUtc.getTime() + h * HOUR))));
  const readings = [...offsets]
    .map((offset) => new Date(asUtc.getTime() - offset * 60_000))
    .filter((at) => instantToLocalTime(at, timeZone) === local)
    .sort((a, b) => a.getTime() - b.getTime());
  if (readings.length === 0) return { status: 'gap' };
  const [earlier, later] = readings as [Date, ...Date[]];
  if (later && later.getTime() !== earlier.getTime()) return { status: 'ambiguous', earlier, later };
  return { status: 'ok', at: earlier };
}

/** The wall-clock time (datetime-local format) of an instant in `timeZone`. */
export function instantToLocalTime(at: Date, timeZone: string): string {
  const offset = zoneOffset(timeZone)(at);
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 16);
}

/**
 * ISO 8601 with the zone's offset at that instant: 2026-12-04T18:59:00-05:00 (UTC itself is
 * written with Z). Spreadsheets and LMS imports read either form.
 */
export function isoWithOffset(at: Date, timeZone: string): string {
  const offset = zoneOffset(timeZone)(at);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Korean day periods. Some runtimes' ICU data (Node's here) prints "AM"/"PM" in Korean date
 * formats where the browser prints 오전/오후; the server and the browser must agree.
 */
const KO_DAY_PERIOD: Record<string, string> = { AM: '오전', PM: '오후' };

/**
 * An instant as a viewer reads it: their locale, their zone, and the zone named
 * ("Dec 5, 8:59 AM GMT+9", "12월 5일 오전 8:59 GMT+9"). The year is shown when it is not
 * the year of `now` in that zone. ICU's narrow no-break spaces become plain ones, so copied
 * text and tests read the same everywhere.
 */
export function formatInZone(at: Date, locale: string, timeZone: string, now?: Date): string {
  const sameYear = now !== undefined && instantToLocalTime(at, timeZone).slice(0, 4) === instantToLocalTime(now, timeZone).slice(0, 4);
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: sameYear ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return format
    .formatToParts(at)
    .map((p) => (p.type === 'dayPeriod' && locale.startsWith('ko') ? (KO_DAY_PERIOD[p.value] ?? p.value) : p.value))
    .join('')
    .replace(/\u202f/g, ' ');
}

/**
 * Every zone the runtime knows, for a zone picker: UTC first, then `current` when the list
 * lacks it (the list holds canonical names such as Asia/Calcutta; a browser may report
 * Asia/Kolkata, and a picker without it would silently fall back to its first option).
 */
export function timeZoneChoices(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const extra = current && current !== 'UTC' && !zones.includes(current) ? [current] : [];
  return ['UTC', ...extra, ...zones.filter((z) => z !== 'UTC')];
}

/** The browser's own zone, written by the browser itself; the server reads it for display. */
export const TIME_ZONE_COOKIE = 'lockstep-tz';

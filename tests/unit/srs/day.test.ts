import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDate, startOfDay } from '@/lib/srs/day';

const d = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('UTC', () => {
  it('localDate is the UTC calendar date', () => {
    expect(localDate(d('2026-11-26T00:00:00Z'), 'UTC')).toBe('2026-11-26');
    expect(localDate(d('2026-11-26T23:59:59.999Z'), 'UTC')).toBe('2026-11-26');
    expect(localDate(d('2026-11-27T00:00:00Z'), 'UTC')).toBe('2026-11-27');
    expect(localDate(d('2024-02-29T12:00:00Z'), 'UTC')).toBe('2024-02-29');
    expect(localDate(d('2026-12-31T23:59:59Z'), 'UTC')).toBe('2026-12-31');
  });

  it('startOfDay is UTC midnight', () => {
    expect(startOfDay(d('2026-11-26T17:45:12.345Z'), 'UTC')).toEqual(d('2026-11-26T00:00:00Z'));
    expect(startOfDay(d('2026-11-26T00:00:00Z'), 'UTC')).toEqual(d('2026-11-26T00:00:00Z'));
    expect(startOfDay(d('2027-01-01T00:00:00.001Z'), 'UTC')).toEqual(d('2027-01-01T00:00:00Z'));
  });
});

describe('Asia/Seoul (UTC+9, no DST)', () => {
  const z = 'Asia/Seoul';

  it('the local day turns at 15:00 UTC', () => {
    expect(localDate(d('2026-11-26T14:59:00Z'), z)).toBe('2026-11-26'); // 23:59 local
    expect(localDate(d('2026-11-26T14:59:59.999Z'), z)).toBe('2026-11-26');
    expect(localDate(d('2026-11-26T15:00:00Z'), z)).toBe('2026-11-27'); // 00:00 local
    expect(localDate(d('2026-11-25T23:00:00Z'), z)).toBe('2026-11-26'); // 08:00 local, UTC still the 25th
  });

  it('startOfDay is the preceding 15:00 UTC', () => {
    expect(startOfDay(d('2026-11-26T14:59:00Z'), z)).toEqual(d('2026-11-25T15:00:00Z'));
    expect(startOfDay(d('2026-11-26T15:00:00Z'), z)).toEqual(d('2026-11-26T15:00:00Z'));
    expect(startOfDay(d('2026-11-26T20:30:00Z'), z)).toEqual(d('2026-11-26T15:00:00Z'));
    expect(startOfDay(d('2026-11-25T23:00:00Z'), z)).toEqual(d('2026-11-25T15:00:00Z'));
  });
});

describe('America/New_York around DST', () => {
  const z = 'America/New_York';

  // 2026-11-01: at 06:00Z clocks go from 02:00 EDT (UTC-4) back to 01:00 EST (UTC-5); the day has 25 hours.
  it('fall back, 2026-11-01: the day starts at 04:00Z (EDT) and the next at 05:00Z (EST)', () => {
    expect(localDate(d('2026-11-01T03:59:59Z'), z)).toBe('2026-10-31');
    expect(localDate(d('2026-11-01T04:00:00Z'), z)).toBe('2026-11-01');
    expect(localDate(d('2026-11-01T05:30:00Z'), z)).toBe('2026-11-01'); // 01:30 EDT
    expect(localDate(d('2026-11-01T06:30:00Z'), z)).toBe('2026-11-01'); // 01:30 EST, the repeated hour
    expect(localDate(d('2026-11-02T04:59:59Z'), z)).toBe('2026-11-01'); // 23:59:59 EST
    expect(localDate(d('2026-11-02T05:00:00Z'), z)).toBe('2026-11-02');

    for (const t of ['2026-11-01T04:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-01T16:00:00Z', '2026-11-02T04:59:59Z']) {
      expect(startOfDay(d(t), z)).toEqual(d('2026-11-01T04:00:00Z'));
    }
    expect(startOfDay(d('2026-11-02T05:00:00Z'), z)).toEqual(d('2026-11-02T05:00:00Z'));
    expect(startOfDay(d('2026-10-31T12:00:00Z'), z)).toEqual(d('2026-10-31T04:00:00Z'));
    expect(startOfDay(d('2026-11-02T05:00:00Z'), z).getTime() - startOfDay(d('2026-11-01T12:00:00Z'), z).getTime()).toBe(25 * HOUR);
  });

  // 2026-03-08: at 07:00Z clocks jump from 02:00 EST to 03:00 EDT; the day has 23 hours.
  it('spring forward, 2026-03-08: the day starts at 05:00Z (EST) and the next at 04:00Z (EDT)', () => {
    expect(localDate(d('2026-03-08T04:59:59Z'), z)).toBe('2026-03-07');
    expect(localDate(d('2026-03-08T05:00:00Z'), z)).toBe('2026-03-08');
    expect(localDate(d('2026-03-08T07:00:00Z'), z)).toBe('2026-03-08'); // 03:00 EDT
    expect(localDate(d('2026-03-09T03:59:59Z'), z)).toBe('2026-03-08');
    expect(localDate(d('2026-03-09T04:00:00Z'), z)).toBe('2026-03-09');
    for (const t of ['2026-03-08T05:00:00Z', '2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-03-09T03:59:59Z']) {
      expect(startOfDay(d(t), z)).toEqual(d('2026-03-08T05:00:00Z'));
    }
    expect(startOfDay(d('2026-03-09T12:00:00Z'), z)).toEqual(d('2026-03-09T04:00:00Z'));
    expect(startOfDay(d('2026-03-09T12:00:00Z'), z).getTime() - startOfDay(d('2026-03-08T12:00:00Z'), z).getTime()).toBe(23 * HOUR);
  });
});

describe('days whose clocks change at local midnight', () => {
  // Santiago springs forward at 24:00 (the day starts at 01:00); São Paulo (until 2019) did
  // both at 00:00, so one day began at 01:00 and another right after a repeated 23:00 hour.
  const cases: [string, string, string][] = [
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z'],
    ['America/Sao_Paulo', '2018-11-04', '2018-11-04T03:00:00Z'],
    ['America/Sao_Paulo', '2019-02-17', '2019-02-17T03:00:00Z'],
  ];
  it.each(cases)('%s %s begins at %s, from every hour of the day', (z, date, begins) => {
    for (let t = d(begins).getTime(); localDate(new Date(t), z) === date; t += HOUR / 2) {
      expect(startOfDay(new Date(t), z)).toEqual(d(begins));
    }
    expect(localDate(new Date(d(begins).getTime() - 1), z)).not.toBe(date);
  });

  it('every hour of every day around each clock change, in zones that change at midnight, starts its own day', () => {
    for (const [z, from] of [['America/Santiago', '2026-04-01T00:00:00Z'], ['America/Santiago', '2026-09-01T00:00:00Z'], ['America/Sao_Paulo', '2018-10-30T00:00:00Z'], ['America/Sao_Paulo', '2019-02-13T00:00:00Z'], ['Asia/Beirut', '2026-03-25T00:00:00Z'], ['America/Havana', '2026-03-05T00:00:00Z']] as const) {
      for (let t = d(from).getTime(); t < d(from).getTime() + 10 * 24 * HOUR; t += HOUR) {
        const s = startOfDay(new Date(t), z);
        expect(localDate(s, z)).toBe(localDate(new Date(t), z));
        expect(localDate(new Date(s.getTime() - 1), z) < localDate(s, z)).toBe(true);
        expect(s.getTime()).toBeLessThanOrEqual(t);
      }
    }
  });
});

describe('startOfDay / localDate agree (property)', () => {
  // Zones with whole-hour, half-hour and 45-minute offsets, northern and southern DST,
  // and half-hour DST (Lord Howe). All change clocks away from local midnight in this range
  // (Newfoundland switched at 00:01 until 2011, and Kiritimati skipped a day in 1994).
  const zones = ['UTC', 'Asia/Seoul', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles'];
  const instant = fc.date({ min: d('2012-01-01T00:00:00Z'), max: d('2040-01-01T00:00:00Z'), noInvalidDate: true });

  it('startOfDay is the first instant of the local date', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (x, z) => {
        const s = startOfDay(x, z);
        expect(s.getTime()).toBeLessThanOrEqual(x.getTime());
        expect(localDate(s, z)).toBe(localDate(x, z));
        expect(localDate(new Date(s.getTime() - 1), z)).not.toBe(localDate(x, z));
        expect(x.getTime() - s.getTime()).toBeLessThan(25 * HOUR + 1);
        // Idempotent.
        expect(startOfDay(s, z)).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('localDate is a valid YYYY-MM-DD that never goes backwards in time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 72 * HOUR }), fc.constantFrom(...zones), (x, delta, z) => {
        const a = localDate(x, z);
        const b = localDate(new Date(x.getTime() + delta), z);
        expect(a).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(b >= a).toBe(true);
        // Within a day of the UTC date.
        const utc = Date.parse(`${a}T00:00:00Z`);
        expect(Math.abs(utc - Date.parse(`${x.toISOString().slice(0, 10)}T00:00:00Z`))).toBeLessThanOrEqual(24 * HOUR);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and UTC', () => {
    for (const z of ['UTC', 'Asia/Seoul', 'America/New_York', 'Europe/London', 'Asia/Kathmandu']) expect(isValidTimeZone(z)).toBe(true);
  });

  it('rejects made-up zones and junk', () => {
    for (const z of ['Mars/Olympus_Mons', 'Asia/Pyongyang_City', 'not a zone', 'UTC+25', '../etc/passwd']) expect(isValidTimeZone(z)).toBe(false);
  });
});

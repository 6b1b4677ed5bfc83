import { describe, expect, it } from 'vitest';
import { formatInZone, instantToLocalTime, isoWithOffset, localTimeToInstant, timeZoneChoices } from '@/lib/i18n/zoned-time';

describe('localTimeToInstant', () => {
  it('reads a wall-clock time in the named zone', () => {
    expect(localTimeToInstant('2026-12-04T18:59', 'America/New_York')).toEqual({ status: 'ok', at: new Date('2026-12-04T23:59:00Z') });
    expect(localTimeToInstant('2026-12-05T08:59', 'Asia/Seoul')).toEqual({ status: 'ok', at: new Date('2026-12-04T23:59:00Z') });
    expect(localTimeToInstant('2026-07-01T12:00', 'America/New_York')).toEqual({ status: 'ok', at: new Date('2026-07-01T16:00:00Z') });
    expect(localTimeToInstant('2026-12-04T23:59', 'UTC')).toEqual({ status: 'ok', at: new Date('2026-12-04T23:59:00Z') });
  });

  it('refuses a time the clocks skip and names both readings of a time they repeat', () => {
    // New York: 2026-03-08 02:00 → 03:00; 2026-11-01 02:00 → 01:00.
    expect(localTimeToInstant('2026-03-08T02:30', 'America/New_York')).toEqual({ status: 'gap' });
    expect(localTimeToInstant('2026-11-01T01:30', 'America/New_York')).toEqual({
      status: 'ambiguous',
      earlier: new Date('2026-11-01T05:30:00Z'),
      later: new Date('2026-11-01T06:30:00Z'),
    });
    // Just outside the changes the time is an ordinary one.
    expect(localTimeToInstant('2026-03-08T03:00', 'America/New_York')).toEqual({ status: 'ok', at: new Date('2026-03-08T07:00:00Z') });
    expect(localTimeToInstant('2026-11-01T02:00', 'America/New_York')).toEqual({ status: 'ok', at: new Date('2026-11-01T07:00:00Z') });
  });

  it('refuses what is not a calendar time', () => {
    for (const bad of ['2026-02-30T10:00', '2026-12-04T25:00', 'soon', '2026-12-04 10:00', '']) expect(localTimeToInstant(bad, 'UTC')).toEqual({ status: 'invalid' });
  });

  it('round-trips with instantToLocalTime', () => {
    for (const zone of ['Asia/Seoul', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const at = new Date('2026-10-04T15:45:00Z');
      expect(localTimeToInstant(instantToLocalTime(at, zone), zone)).toEqual({ status: 'ok', at });
    }
  });
});

describe('display', () => {
  const at = new Date('2026-12-04T23:59:00Z');
  it('names the zone in both languages, with Korean day periods', () => {
    expect(formatInZone(at, 'en', 'Asia/Seoul', at)).toBe('Dec 5, 8:59 AM GMT+9');
    expect(formatInZone(at, 'en', 'America/New_York', at)).toBe('Dec 4, 6:59 PM EST');
    expect(formatInZone(at, 'ko', 'Asia/Seoul', at)).toBe('12월 5일 오전 8:59 GMT+9');
    expect(formatInZone(at, 'en', 'UTC', new Date('2025-06-01T00:00:00Z'))).toBe('Dec 4, 2026, 11:59 PM UTC');
  });

  it('writes ISO 8601 with the offset in force', () => {
    expect(isoWithOffset(at, 'UTC')).toBe('2026-12-04T23:59:00Z');
    expect(isoWithOffset(at, 'Asia/Seoul')).toBe('2026-12-05T08:59:00+09:00');
    expect(isoWithOffset(at, 'America/New_York')).toBe('2026-12-04T18:59:00-05:00');
    expect(isoWithOffset(at, 'Asia/Kathmandu')).toBe('2026-12-05T05:44:00+05:45');
  });
});

describe('timeZoneChoices', () => {
  it('starts with UTC and always offers the zone the picker starts at', () => {
    const plain = timeZoneChoices();
    expect(plain[0]).toBe('UTC');
    expect(plain).toContain('Asia/Seoul');
    expect(plain.filter((z) => z === 'UTC')).toHaveLength(1);
    const missing = plain.includes('Asia/Kolkata') ? 'Etc/GMT-14' : 'Asia/Kolkata';
    expect(timeZoneChoices(missing)).toContain(missing);
    expect(timeZoneChoices('Asia/Seoul').filter((z) => z === 'Asia/Seoul')).toHaveLength(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '@/lib/srs/day';
import { newCardState } from '@/lib/srs/mapper';
import { retrievability } from '@/lib/srs/scheduler';
import {
  addDays,
  buildHeatmap,
  currentStreak,
  dateAtOffset,
  daysBetween,
  dueForecast,
  heatLevel,
  localDater,
  masteryByTopic,
  offsetSegments,
  optimizerRows,
  retentionByTopic,
  retentionWindowStart,
  trueRetention,
  weekday,
  type RetentionGroup,
} from '@/lib/srs/stats';
import { CARD_STATE, DEFAULT_SETTINGS, RATING, type CardState } from '@/lib/srs/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const settings = () => DEFAULT_SETTINGS;

/** A review-state card last reviewed `elapsedDays` days before `now`. */
function reviewState(overrides: Partial<CardState>, now: Date): CardState {
  const elapsedDays = overrides.elapsedDays ?? 10;
  return {
    tier: 1,
    due: now,
    stability: 10,
    difficulty: 5,
    elapsedDays,
    scheduledDays: elapsedDays,
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: CARD_STATE.review,
    lastReview: at(now, -elapsedDays * DAY),
    reviewCount: 5,
    consecutiveLapses: 0,
    replayNext: false,
    ...overrides,
  };
}

const utc = (iso: string) => new Date(iso);
const ZONES = ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'America/St_Johns'];

/** Reviews per local day, counted the slow, obvious way (day.ts localDate for each instant). */
function countByLocalDay(instants: readonly string[], timeZone: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const iso of instants) {
    const date = localDate(utc(iso), timeZone);
    days.set(date, (days.get(date) ?? 0) + 1);
  }
  return days;
}

/** The same count through offset segments, as lib/db/progress.ts has SQLite do it. */
function countBySegments(instants: readonly string[], from: string, to: string, timeZone: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const segment of offsetSegments(utc(from), utc(to), timeZone)) {
    for (const iso of instants) {
      const t = utc(iso).getTime();
      if (t < segment.from.getTime() || t >= segment.to.getTime()) continue;
      const date = dateAtOffset(utc(iso), segment.offsetMinutes);
      days.set(date, (days.get(date) ?? 0) + 1);
    }
  }
  return days;
}

describe('calendar dates', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(weekday('2026-11-29')).toBe(0); // a Sunday
  });

  it('localDater agrees with day.ts localDate in every zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (instant, zone) => localDater(zone)(instant) === localDate(instant, zone),
      ),
    );
  });

  it('localDater is exact on both sides of a DST change', () => {
    const dateOf = localDater('America/New_York');
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT at 07:00Z.
    expect(dateOf(utc('2026-03-08T04:59:59Z'))).toBe('2026-03-07');
    expect(dateOf(utc('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
    expect(dateOf(utc('2026-03-09T03:59:59Z'))).toBe('2026-03-08');
    expect(dateOf(utc('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
  });
});

describe('offset segments (how reviews are bucketed into local days)', () => {
  it('splits a year at the DST changes, to the second', () => {
    const segments = offsetSegments(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), 'America/Los_Angeles');
    expect(segments.map((s) => [s.from.toISOString(), s.to.toISOString(), s.offsetMinutes])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-03-08T10:00:00.000Z', -480],
      ['2026-03-08T10:00:00.000Z', '2026-11-01T09:00:00.000Z', -420],
      ['2026-11-01T09:00:00.000Z', '2027-01-01T00:00:00.000Z', -480],
    ]);
  });

  it('is one segment in zones without DST', () => {
    expect(offsetSegments(utc('2025-06-01T00:00:00Z'), utc('2026-06-01T00:00:00Z'), 'Asia/Seoul')).toEqual([
      { from: utc('2025-06-01T00:00:00Z'), to: utc('2026-06-01T00:00:00Z'), offsetMinutes: 540 },
    ]);
    expect(offsetSegments(utc('2026-01-01T00:00:00Z'), utc('2026-01-01T00:00:00Z'), 'UTC')).toEqual([]);
  });

  it('covers the range without gaps, and each segment’s offset gives the local date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 400 * 24 }),
        fc.constantFrom(...ZONES),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 20 }),
        (from, hours, zone, fractions) => {
          const to = at(from, hours * HOUR);
          const segments = offsetSegments(from, to, zone);
          expect(segments[0]?.from).toEqual(from);
          expect(segments.at(-1)?.to).toEqual(to);
          for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toEqual(segments[i - 1]?.to);
          for (const f of fractions) {
            const instant = at(from, Math.floor(f * hours * HOUR));
            const segment = segments.find((s) => s.from <= instant && instant < s.to)!;
            expect(dateAtOffset(instant, segment.offsetMinutes)).toBe(localDate(instant, zone));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('reviews per local day (heatmap bucketing)', () => {
  // 2026-03-10T15:30Z is 00:30 on 11 March in Seoul (UTC+9) and 08:30 on 10 March in Los Angeles (UTC-7, DST).
  const reviews = ['2026-03-10T14:45:00Z', '2026-03-10T15:30:00Z', '2026-03-10T23:00:00Z', '2026-03-10T23:10:00Z', '2026-03-10T23:20:00Z'];
  const range = ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'] as const;
  const both = (instants: readonly string[], zone: string) => {
    const expected = Object.fromEntries(countByLocalDay(instants, zone));
    expect(Object.fromEntries(countBySegments(instants, range[0], range[1], zone))).toEqual(expected);
    return expected;
  };

  it('buckets by the UTC date in UTC', () => {
    expect(both(reviews, 'UTC')).toEqual({ '2026-03-10': 5 });
  });

  it('moves reviews after local midnight to the next day east of UTC', () => {
    expect(both(reviews, 'Asia/Seoul')).toEqual({ '2026-03-10': 1, '2026-03-11': 4 });
  });

  it('keeps evening reviews on the same day west of UTC', () => {
    expect(both(reviews, 'America/Los_Angeles')).toEqual({ '2026-03-10': 5 });
    // 2026-03-11T06:59Z is still 10 March (23:59 PDT); 07:00Z is 11 March.
    expect(both(['2026-03-11T06:59:00Z', '2026-03-11T07:00:00Z'], 'America/Los_Angeles')).toEqual({ '2026-03-10': 1, '2026-03-11': 1 });
  });

  it('handles offsets that are not whole hours (Kathmandu, UTC+5:45)', () => {
    expect(both(['2026-05-01T18:14:59Z', '2026-05-01T18:15:00Z'], 'Asia/Kathmandu')).toEqual({ '2026-05-01': 1, '2026-05-02': 1 });
  });

  it('places the days around a DST change correctly (New York, spring forward and fall back)', () => {
    // 2026-03-08 is 23 hours long in New York, 2026-11-01 is 25 hours long.
    const spring = ['2026-03-08T04:59:00Z', '2026-03-08T05:00:00Z', '2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-03-09T03:59:00Z', '2026-03-09T04:00:00Z'];
    expect(both(spring, 'America/New_York')).toEqual({ '2026-03-07': 1, '2026-03-08': 4, '2026-03-09': 1 });
    const fall = ['2026-11-01T03:59:00Z', '2026-11-01T04:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T04:59:00Z', '2026-11-02T05:00:00Z'];
    expect(both(fall, 'America/New_York')).toEqual({ '2026-10-31': 1, '2026-11-01': 4, '2026-11-02': 1 });
  });
});

describe('buildHeatmap', () => {
  it('covers the last 365 days in Sunday-first weeks, with levels by quarters of the busiest day', () => {
    const today = '2026-11-26'; // a Thursday
    const counts = new Map([
      ['2026-11-26', 8],
      ['2026-11-20', 2],
      ['2026-01-01', 1],
      ['2025-11-26', 5], // 366 days ago: outside
    ]);
    const map = buildHeatmap(counts, today);
    expect(map.start).toBe('2025-11-27');
    expect(map.end).toBe(today);
    expect(map.total).toBe(11);
    expect(map.max).toBe(8);
    const cells = map.weeks.flat().filter((c) => c !== null);
    expect(cells).toHaveLength(365);
    expect(cells[0]?.date).toBe('2025-11-27');
    expect(cells.at(-1)).toEqual({ date: today, count: 8, level: 4 });
    for (const week of map.weeks.slice(0, -1)) expect(week).toHaveLength(7);
    // 2025-11-27 is a Thursday: four empty cells (Sun–Wed) pad the first week.
    expect(map.weeks[0]?.slice(0, 4)).toEqual([null, null, null, null]);
    expect(map.activeDays.map((d) => [d.date, d.level])).toEqual([
      ['2026-11-26', 4],
      ['2026-11-20', 1],
      ['2026-01-01', 1],
    ]);
  });

  it('is empty without reviews', () => {
    const map = buildHeatmap(new Map(), '2026-11-26');
    expect(map.total).toBe(0);
    expect(map.activeDays).toEqual([]);
    expect(map.weeks.flat().every((c) => c === null || c.level === 0)).toBe(true);
  });

  it('heat levels split the range into quarters', () => {
    expect([0, 1, 2, 3, 4, 5, 8].map((n) => heatLevel(n, 8))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});

describe('currentStreak', () => {
  const today = '2026-11-26';

  it('is 0 without reviews', () => {
    expect(currentStreak(new Set(), today)).toEqual({ current: 0, reviewedToday: false, since: null });
  });

  it('is 1 with a review today only', () => {
    expect(currentStreak(new Set([today]), today)).toEqual({ current: 1, reviewedToday: true, since: today });
  });

  it('counts back from today over consecutive days', () => {
    expect(currentStreak(new Set(['2026-11-24', '2026-11-25', today, '2026-11-20']), today)).toMatchObject({ current: 3, since: '2026-11-24' });
  });

  it('stays alive from yesterday when there is no review yet today', () => {
    expect(currentStreak(new Set(['2026-11-24', '2026-11-25']), today)).toEqual({ current: 2, reviewedToday: false, since: '2026-11-24' });
  });

  it('restarts today after a gap yesterday', () => {
    expect(currentStreak(new Set(['2026-11-23', '2026-11-24', today]), today)).toMatchObject({ current: 1, since: today });
  });

  it('is broken by a gap yesterday with no review today', () => {
    expect(currentStreak(new Set(['2026-11-23', '2026-11-24']), today).current).toBe(0);
  });

  it('accepts day counts and crosses month and year boundaries', () => {
    const counts = new Map([
      ['2026-12-31', 2],
      ['2027-01-01', 1],
      ['2026-12-30', 0],
    ]);
    expect(currentStreak(counts, '2027-01-01')).toMatchObject({ current: 2, since: '2026-12-31' });
  });

  it('follows the learner’s local day, not UTC', () => {
    // 23:30 in Seoul on the 25th and 08:00 on the 26th: two local days, one UTC day.
    const reviews = ['2026-11-25T14:30:00Z', '2026-11-25T23:00:00Z'];
    expect(currentStreak(countByLocalDay(reviews, 'Asia/Seoul'), localDate(utc('2026-11-26T03:00:00Z'), 'Asia/Seoul')).current).toBe(2);
    expect(currentStreak(countByLocalDay(reviews, 'UTC'), '2026-11-25').current).toBe(1);
  });
});

describe('true retention', () => {
  const g = (topic: string, stateBefore: number, rating: number, count = 1): RetentionGroup => ({ topic, stateBefore, rating, count });

  it('counts only reviews of cards in the Review state, and passes everything but Again', () => {
    const groups = [
      g('lock', CARD_STATE.review, RATING.good, 6),
      g('lock', CARD_STATE.review, RATING.hard, 1),
      g('lock', CARD_STATE.review, RATING.easy, 1),
      g('lock', CARD_STATE.review, RATING.again, 2),
      g('lock', CARD_STATE.new, RATING.again, 5), // first reviews: left out
      g('lock', CARD_STATE.learning, RATING.again, 3), // learning steps: left out
      g('lock', CARD_STATE.relearning, RATING.good, 4), // relearning steps: left out
    ];
    expect(trueRetention(groups)).toEqual({ reviews: 10, passed: 8, retention: 0.8 });
  });

  it('is null, not 0, without reviews in the Review state', () => {
    expect(trueRetention([g('cow', CARD_STATE.learning, RATING.good, 3)])).toEqual({ reviews: 0, passed: 0, retention: null });
  });

  it('splits by topic in the given order and sums over the listed topics', () => {
    const groups = [g('cow', 2, RATING.again), g('cow', 2, RATING.good), g('lock', 2, RATING.good, 2), g('gone', 2, RATING.again, 9)];
    const result = retentionByTopic(groups, ['lock', 'event', 'cow']);
    expect(result.byTopic).toEqual([
      { topic: 'lock', reviews: 2, passed: 2, retention: 1 },
      { topic: 'event', reviews: 0, passed: 0, retention: null },
      { topic: 'cow', reviews: 2, passed: 1, retention: 0.5 },
    ]);
    expect(result.overall).toEqual({ topic: 'all', reviews: 4, passed: 3, retention: 0.75 });
  });

  it('looks back 30 days from now', () => {
    expect(retentionWindowStart(utc('2026-11-26T12:00:00Z')).toISOString()).toBe('2026-10-27T12:00:00.000Z');
  });
});

describe('dueForecast', () => {
  const now = utc('2026-11-26T12:00:00Z');
  const card = (due: Date, state: number = CARD_STATE.review) => ({ due, state });

  it('counts cards per local day for 30 days, overdue ones on today, new cards never', () => {
    const forecast = dueForecast(
      [
        card(at(now, -3 * DAY)), // overdue
        card(at(now, -HOUR)), // due earlier today
        card(at(now, 6 * HOUR)), // later today (18:00 UTC)
        card(at(now, DAY)),
        card(at(now, DAY + HOUR), CARD_STATE.relearning),
        card(at(now, 29 * DAY)), // last day shown
        card(at(now, 30 * DAY)), // beyond
        card(at(now, -DAY), CARD_STATE.new), // new: not a review
      ],
      now,
      'UTC',
    );
    expect(forecast.days).toHaveLength(30);
    expect(forecast.days[0]).toEqual({ date: '2026-11-26', count: 3 });
    expect(forecast.days[1]).toEqual({ date: '2026-11-27', count: 2 });
    expect(forecast.days[29]).toEqual({ date: '2026-12-25', count: 1 });
    expect(forecast.overdue).toBe(1);
    expect(forecast.total).toBe(6);
  });

  it('uses the learner’s days: a card due at 18:00 UTC is due tomorrow in Seoul', () => {
    const forecast = dueForecast([card(at(now, 6 * HOUR))], now, 'Asia/Seoul');
    expect(forecast.days[0]).toEqual({ date: '2026-11-26', count: 0 });
    expect(forecast.days[1]).toEqual({ date: '2026-11-27', count: 1 });
  });

  it('is all zeros without cards', () => {
    const forecast = dueForecast([], now, 'UTC');
    expect(forecast.total).toBe(0);
    expect(forecast.days.every((d) => d.count === 0)).toBe(true);
  });
});

describe('masteryByTopic', () => {
  const now = utc('2026-11-26T12:00:00Z');
  const s = settings();

  it('is the mean retrievability now, never-reviewed cards counting 0, with tier counts', () => {
    const strong = { ...reviewState({ stability: 100, elapsedDays: 1, tier: 3 }, now), topic: 'lock' };
    const weak = { ...reviewState({ stability: 2, elapsedDays: 20, tier: 1 }, now), topic: 'lock' };
    const fresh = { ...newCardState(now), topic: 'lock' };
    const other = { ...reviewState({ tier: 2 }, now), topic: 'cow' };
    const result = masteryByTopic([strong, weak, fresh, other], ['cow', 'event', 'lock'], now, s);
    expect(result.map((m) => m.topic)).toEqual(['cow', 'lock']);
    const lock = result[1]!;
    expect(lock.cards).toBe(3);
    expect(lock.seen).toBe(2);
    expect(lock.tiers).toEqual([2, 0, 1]);
    const expected = (retrievability(strong, now, s) + retrievability(weak, now, s) + 0) / 3;
    expect(lock.mastery).toBeCloseTo(expected, 12);
    expect(retrievability(strong, now, s)).toBeGreaterThan(retrievability(weak, now, s));
    expect(lock.mastery).toBeGreaterThan(0);
    expect(lock.mastery).toBeLessThan(1);
  });

  it('is 0 for a topic whose cards were never reviewed', () => {
    const result = masteryByTopic([{ ...newCardState(now), topic: 'event' }], ['event'], now, s);
    expect(result).toEqual([{ topic: 'event', cards: 1, seen: 0, mastery: 0, tiers: [1, 0, 0] }]);
  });
});

describe('optimizerRows (FSRS optimizer CSV)', () => {
  it('orders by card then time, with elapsed local days since the card’s previous review', () => {
    const rows = optimizerRows(
      [
        { cardId: 'b', reviewedAt: utc('2026-01-02T10:00:00Z'), rating: 3, stateBefore: 0, durationMs: 1000 },
        { cardId: 'a', reviewedAt: utc('2026-01-05T23:30:00Z'), rating: 1, stateBefore: 2, durationMs: 3000 },
        { cardId: 'a', reviewedAt: utc('2026-01-01T10:00:00Z'), rating: 3, stateBefore: 0, durationMs: 2000 },
        { cardId: 'a', reviewedAt: utc('2026-01-01T10:10:00Z'), rating: 3, stateBefore: 1, durationMs: 2500 },
      ],
      'UTC',
    );
    expect(rows).toEqual([
      { card_id: 'a', review_time: Date.parse('2026-01-01T10:00:00Z'), review_rating: 3, review_state: 0, review_duration: 2000, elapsed_days: 0 },
      { card_id: 'a', review_time: Date.parse('2026-01-01T10:10:00Z'), review_rating: 3, review_state: 1, review_duration: 2500, elapsed_days: 0 },
      { card_id: 'a', review_time: Date.parse('2026-01-05T23:30:00Z'), review_rating: 1, review_state: 2, review_duration: 3000, elapsed_days: 4 },
      { card_id: 'b', review_time: Date.parse('2026-01-02T10:00:00Z'), review_rating: 3, review_state: 0, review_duration: 1000, elapsed_days: 0 },
    ]);
  });

  it('counts days in the learner’s time zone', () => {
    const history = [
      { cardId: 'a', reviewedAt: utc('2026-01-01T10:00:00Z'), rating: 3, stateBefore: 2, durationMs: 1 },
      { cardId: 'a', reviewedAt: at(utc('2026-01-01T10:00:00Z'), 5 * HOUR + 30 * MINUTE), rating: 3, stateBefore: 2, durationMs: 1 },
    ];
    expect(optimizerRows(history, 'UTC')[1]?.elapsed_days).toBe(0);
    expect(optimizerRows(history, 'Asia/Seoul')[1]?.elapsed_days).toBe(1); // 19:00 → 00:30 next day
  });
});

/**
 * Review statistics: pure aggregations over plain rows. The time and the learner's time zone
 * are passed in; days are local calendar dates (YYYY-MM-DD), as in lib/srs/day.ts.
 *
 * Definitions (shown to the learner on the stats page):
 * - True retention: among reviews of cards that were in the Review state before the review
 *   (ts-fsrs State.Review = 2), the share not rated Again. Learning and relearning steps and
 *   first reviews are left out, as in FSRS's and Anki's "true retention".
 * - Mastery of a topic: the mean probability of recall now (FSRS retrievability) over the
 *   topic's cards, counting a card never reviewed as 0.
 * - Streak: consecutive local days with at least one review, ending today, or yesterday when
 *   there has been no review yet today (the streak is still alive until the day ends).
 */
import { zoneOffset } from './day';
import { retrievability } from './scheduler';
import { CARD_STATE, RATING, type CardState, type DrillSettingsValues } from './types';

const DAY_MS = 86_400_000;

/** Days of history in the heatmap (today and the 364 days before it). */
export const HEATMAP_DAYS = 365;
/** True retention looks at the reviews of this many days before now. */
export const RETENTION_WINDOW_DAYS = 30;
/** The due forecast covers today and the following days, this many in all. */
export const FORECAST_DAYS = 30;

// ---------------------------------------------------------------------------------------------
// Calendar dates

/** The date `days` days after `date` (both YYYY-MM-DD; calendar arithmetic, no time zone). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The local date of an instant at a given UTC offset. */
export function dateAtOffset(instant: Date, offsetMinutes: number): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * A function giving the local date of an instant in `timeZone`; same result as `localDate`
 * in day.ts, but it asks Intl only twice per UTC day seen (stats map many instants): when the
 * offset is the same at both ends of a UTC day, it holds all day (zones change it at most
 * once a day).
 */
export function localDater(timeZone: string): (instant: Date) => string {
  const offsetAt = zoneOffset(timeZone);
  const steady = new Map<number, number | null>();
  return (instant) => {
    const day = Math.floor(instant.getTime() / DAY_MS);
    let offset = steady.get(day);
    if (offset === undefined) {
      const first = offsetAt(new Date(day * DAY_MS));
      offset = first === offsetAt(new Date((day + 1) * DAY_MS)) ? first : null;
      steady.set(day, offset);
    }
    return dateAtOffset(instant, offset ?? offsetAt(instant));
  };
}

/** A stretch of time over which a zone keeps one UTC offset; `to` is exclusive. */
export interface OffsetSegment {
  readonly from: Date;
  readonly to: Date;
  readonly offsetMinutes: number;
}

/**
 * Splits [from, to) where the zone's offset changes (daylight saving time, zone history), so
 * that a database can group instants by local date with fixed offsets: within a segment the
 * local date is `dateAtOffset(instant, offsetMinutes)`. Transitions are found to the second.
 */
export function offsetSegments(from: Date, to: Date, timeZone: string): OffsetSegment[] {
  const offsetAt = zoneOffset(timeZone);
  const end = to.getTime();
  const segments: OffsetSegment[] = [];
  let start = from.getTime();
  let offset = offsetAt(from);
  for (let t = start; t < end; ) {
    const next = Math.min(t + DAY_MS, end);
    const nextOffset = offsetAt(new Date(next));
    if (nextOffset !== offset) {
      // The first whole second in (t, next] with the new offset.
      let lo = Math.floor(t / 1000);
      let hi = Math.ceil(next / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(new Date(mid * 1000)) === offset) lo = mid;
        else hi = mid;
      }
      const change = Math.max(hi * 1000, t + 1);
      segments.push({ from: new Date(start), to: new Date(change), offsetMinutes: offset });
      start = change;
      offset = offsetAt(new Date(change));
      t = change;
      continue;
    }
    t = next;
  }
  if (start < end) segments.push({ from: new Date(start), to: new Date(end), offsetMinutes: offset });
  return segments;
}

// ---------------------------------------------------------------------------------------------
// Heatmap, streak

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

export interface HeatmapDay {
  readonly date: string;
  readonly count: number;
  /** 0 no reviews; 1–4 quarters of the busiest day. */
  readonly level: HeatLevel;
}

export interface Heatmap {
  /** The first and last day shown (last = today). */
  readonly start: string;
  readonly end: string;
  /** Columns of 7 days, Sunday first; null pads the first week before `start`. */
  readonly weeks: readonly (readonly (HeatmapDay | null)[])[];
  /** Days with at least one review, newest first. */
  readonly activeDays: readonly HeatmapDay[];
  readonly total: number;
  readonly max: number;
}

export function heatLevel(count: number, max: number): HeatLevel {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as HeatLevel;
}

/** The first day of the heatmap ending on `today`. */
export function heatmapStart(today: string, days = HEATMAP_DAYS): string {
  return addDays(today, -(days - 1));
}

/** A year of reviews per day, as a week-column grid ending today. */
export function buildHeatmap(dayCounts: ReadonlyMap<string, number>, today: string, days = HEATMAP_DAYS): Heatmap {
  const start = heatmapStart(today, days);
  let max = 0;
  let total = 0;
  const cells: HeatmapDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(start, i);
    const count = dayCounts.get(date) ?? 0;
    max = Math.max(max, count);
    total += count;
    cells.push({ date, count, level: 0 });
  }
  const withLevels = cells.map((c) => ({ ...c, level: heatLevel(c.count, max) }));
  const weeks: (HeatmapDay | null)[][] = [];
  let week: (HeatmapDay | null)[] = Array.from({ length: weekday(start) }, () => null);
  for (const cell of withLevels) {
    week.push(cell);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push(week);
  const activeDays = withLevels.filter((c) => c.count > 0).reverse();
  return { start, end: today, weeks, activeDays, total, max };
}

export interface Streak {
  /** Consecutive days with a review, ending today (or yesterday if none yet today). */
  readonly current: number;
  readonly reviewedToday: boolean;
  /** The earliest day of the current streak, or null when there is none. */
  readonly since: string | null;
}

/**
 * The current streak: consecutive local days with at least one review, ending today, or
 * ending yesterday when the learner has not reviewed yet today.
 */
export function currentStreak(activeDates: ReadonlySet<string> | ReadonlyMap<string, number>, today: string): Streak {
  const active = (date: string) => {
    if (activeDates instanceof Map) return (activeDates.get(date) ?? 0) > 0;
    return (activeDates as ReadonlySet<string>).has(date);
  };
  const reviewedToday = active(today);
  let day = reviewedToday ? today : addDays(today, -1);
  if (!active(day)) return { current: 0, reviewedToday, since: null };
  let current = 0;
  while (active(day)) {
    current += 1;
    day = addDays(day, -1);
  }
  return { current, reviewedToday, since: addDays(day, 1) };
}

// ---------------------------------------------------------------------------------------------
// True retention

/** `count` reviews of cards of `topic` in state `stateBefore` that were rated `rating`. */
export interface RetentionGroup {
  readonly topic: string;
  /** ts-fsrs State of the card before the review. */
  readonly stateBefore: number;
  readonly rating: number;
  readonly count: number;
}

export interface Retention {
  readonly topic: string;
  /** Reviews of cards in the Review state. */
  readonly reviews: number;
  /** Of those, the ones not rated Again. */
  readonly passed: number;
  /** passed / reviews, or null without reviews. */
  readonly retention: number | null;
}

/** The instant the retention window starts. */
export function retentionWindowStart(now: Date, days = RETENTION_WINDOW_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** True retention of one set of reviews (see the module comment). */
export function trueRetention(groups: readonly Omit<RetentionGroup, 'topic'>[]): { reviews: number; passed: number; retention: number | null } {
  let reviews = 0;
  let passed = 0;
  for (const g of groups) {
    if (g.stateBefore !== CARD_STATE.review || g.count <= 0) continue;
    reviews += g.count;
    if (g.rating !== RATING.again) passed += g.count;
  }
  return { reviews, passed, retention: reviews > 0 ? passed / reviews : null };
}

/**
 * True retention per topic, in the order of `topics` (topics without reviews in the Review
 * state are listed with retention null), and over all topics.
 */
export function retentionByTopic(groups: readonly RetentionGroup[], topics: readonly string[]): { byTopic: Retention[]; overall: Retention } {
  const byTopic = topics.map((topic) => ({ topic, ...trueRetention(groups.filter((g) => g.topic === topic)) }));
  return { byTopic, overall: { topic: 'all', ...trueRetention(groups.filter((g) => topics.includes(g.topic))) } };
}

// ---------------------------------------------------------------------------------------------
// Due forecast

export interface ForecastDay {
  readonly date: string;
  readonly count: number;
}

export interface Forecast {
  /** Today first; today's count includes the overdue cards. */
  readonly days: readonly ForecastDay[];
  /** Cards whose due date is before today. */
  readonly overdue: number;
  readonly total: number;
}

/**
 * Cards due per local day, from today through the next `days - 1` days. New cards (never
 * reviewed) are not reviews and are left out; overdue cards count on today.
 */
export function dueForecast(cards: readonly Pick<CardState, 'due' | 'state'>[], now: Date, timeZone: string, days = FORECAST_DAYS): Forecast {
  const dateOf = localDater(timeZone);
  const today = dateOf(now);
  const counts = new Array<number>(days).fill(0);
  let overdue = 0;
  for (const card of cards) {
    if (card.state === CARD_STATE.new) continue;
    const offset = daysBetween(today, dateOf(card.due));
    if (offset < 0) overdue += 1;
    const index = Math.max(0, offset);
    if (index < days) counts[index] = (counts[index] ?? 0) + 1;
  }
  const list = counts.map((count, i) => ({ date: addDays(today, i), count }));
  return { days: list, overdue, total: list.reduce((sum, d) => sum + d.count, 0) };
}

// ---------------------------------------------------------------------------------------------
// Mastery

export interface MasteryCard extends CardState {
  readonly topic: string;
}

export interface Mastery {
  readonly topic: string;
  readonly cards: number;
  /** Cards reviewed at least once. */
  readonly seen: number;
  /** Mean probability of recall now over all the topic's cards (never reviewed = 0), 0..1. */
  readonly mastery: number;
  /** Cards at tier 1, 2 and 3. */
  readonly tiers: readonly [number, number, number];
}

/** Mastery per topic in the order of `topics` (see the module comment); topics without cards are left out. */
export function masteryByTopic(cards: readonly MasteryCard[], topics: readonly string[], now: Date, settings: DrillSettingsValues): Mastery[] {
  const out: Mastery[] = [];
  for (const topic of topics) {
    const inTopic = cards.filter((c) => c.topic === topic);
    if (inTopic.length === 0) continue;
    let sum = 0;
    let seen = 0;
    const tiers: [number, number, number] = [0, 0, 0];
    for (const card of inTopic) {
      if (card.state !== CARD_STATE.new) seen += 1;
      sum += retrievability(card, now, settings);
      const tier = Math.min(3, Math.max(1, Math.round(card.tier))) as 1 | 2 | 3;
      tiers[tier - 1] = (tiers[tier - 1] ?? 0) + 1;
    }
    out.push({ topic, cards: inTopic.length, seen, mastery: sum / inTopic.length, tiers });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// FSRS optimizer export

export interface HistoryRow {
  readonly cardId: string;
  readonly reviewedAt: Date;
  readonly rating: number;
  /** ts-fsrs State before the review. */
  readonly stateBefore: number;
  readonly durationMs: number;
}

/** One row of the FSRS optimizer's review-log CSV (plus elapsed_days). */
export interface OptimizerRow {
  readonly card_id: string;
  /** Unix time in milliseconds. */
  readonly review_time: number;
  readonly review_rating: number;
  /** The card's state before the review: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  readonly review_state: number;
  readonly review_duration: number;
  /** Local calendar days since the card's previous review; 0 for its first review. */
  readonly elapsed_days: number;
}

export const OPTIMIZER_COLUMNS = ['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration', 'elapsed_days'] as const;

/**
 * Rows for the FSRS optimizer, ordered by card then time. Elapsed days count local day
 * boundaries crossed in the learner's time zone, as FSRS schedules in whole days.
 */
export function optimizerRows(history: readonly HistoryRow[], timeZone: string): OptimizerRow[] {
  const dateOf = localDater(timeZone);
  const order = (a: HistoryRow, b: HistoryRow) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : a.reviewedAt.getTime() - b.reviewedAt.getTime());
  const inOrder = history.every((r, i) => i === 0 || order(history[i - 1] as HistoryRow, r) <= 0);
  const sorted = inOrder ? history : [...history].sort(order);
  const rows: OptimizerRow[] = [];
  let previous: { cardId: string; date: string } | null = null;
  for (const r of sorted) {
    const date = dateOf(r.reviewedAt);
    const elapsed = previous && previous.cardId === r.cardId ? Math.max(0, daysBetween(previous.date, date)) : 0;
    rows.push({
      card_id: r.cardId,
      review_time: r.reviewedAt.getTime(),
      review_rating: r.rating,
      review_state: r.stateBefore,
      review_duration: r.durationMs,
      elapsed_days: elapsed,
    });
    previous = { cardId: r.cardId, date };
  }
  return rows;
}

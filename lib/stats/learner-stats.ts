/**
 * The stats page's figures for one learner, assembled from the rows lib/db/progress.ts reads:
 * heatmap, streak, true retention, due forecast and mastery (lib/srs/stats.ts computes each).
 * Takes the Prisma client as a parameter, like lib/db/progress.ts, so that unit tests can run
 * it against a temporary database; the app calls lib/stats/service.ts.
 */
import { loadCards, loadDayCounts, loadDeckTopics, loadRetentionGroups, loadReviewHistory, loadSettings } from '@/lib/db/progress';
import type { PrismaClient } from '@/lib/db/client';
import { getGenerator, listGenerators } from '@/lib/questions/registry';
import { localDate } from '@/lib/srs/day';
import { pickCardState } from '@/lib/srs/card-state';
import {
  buildHeatmap,
  currentStreak,
  dueForecast,
  heatmapStart,
  masteryByTopic,
  optimizerRows,
  retentionByTopic,
  retentionWindowStart,
  type Forecast,
  type Heatmap,
  type Mastery,
  type MasteryCard,
  type OptimizerRow,
  type Retention,
  type RetentionGroup,
  type Streak,
} from '@/lib/srs/stats';

export interface LearnerStats {
  readonly timeZone: string;
  readonly desiredRetention: number;
  readonly today: string;
  readonly totalReviews: number;
  readonly heatmap: Heatmap;
  readonly streak: Streak;
  readonly retention: { readonly byTopic: readonly Retention[]; readonly overall: Retention };
  readonly forecast: Forecast;
  readonly mastery: readonly Mastery[];
  readonly deckTopics: readonly string[];
}

/** Topics in registry order (the order the app lists them everywhere). */
function topicOrder(): string[] {
  return [...new Set(listGenerators().map((g) => g.topic))];
}

const topicOf = (generator: string): string | undefined => getGenerator(generator)?.topic;

/** Everything the stats page shows, for one learner at `now`. */
export async function loadLearnerStats(db: PrismaClient, userId: string, now: Date): Promise<LearnerStats> {
  const [settings, deckRows, cards] = await Promise.all([loadSettings(db, userId), loadDeckTopics(db, userId), loadCards(db, userId)]);
  const timeZone = settings.timeZone;
  const today = localDate(now, timeZone);
  const start = heatmapStart(today);
  // Local midnight of `start` is never more than 14 hours before UTC midnight of that date;
  // reviews stamped after `now` (a clock moved back) are left out.
  const since = new Date(Date.parse(`${start}T00:00:00Z`) - 14 * 3_600_000);
  const until = new Date(now.getTime() + 1);
  const [days, groups] = await Promise.all([loadDayCounts(db, userId, since, until, timeZone), loadRetentionGroups(db, userId, retentionWindowStart(now))]);

  const heatmap = buildHeatmap(days, today);
  let streak = currentStreak(days, today);
  if (streak.since !== null && streak.since <= start) {
    // A streak longer than the heatmap: count it over the whole history.
    streak = currentStreak(await loadDayCounts(db, userId, null, until, timeZone), today);
  }

  const order = topicOrder();
  const deckTopics = order.filter((t) => deckRows.includes(t));
  const retentionGroups: RetentionGroup[] = [];
  for (const g of groups) {
    const topic = topicOf(g.generator);
    if (topic) retentionGroups.push({ topic, stateBefore: g.stateBefore, rating: g.rating, count: g.count });
  }
  const retentionTopics = order.filter((t) => deckTopics.includes(t) || retentionGroups.some((g) => g.topic === t && g.stateBefore === 2));

  const deckCards: MasteryCard[] = [];
  for (const card of cards) {
    const topic = topicOf(card.generator);
    if (topic && deckTopics.includes(topic)) deckCards.push({ ...pickCardState(card), topic });
  }

  return {
    timeZone,
    desiredRetention: settings.desiredRetention,
    today,
    totalReviews: heatmap.total,
    heatmap,
    streak,
    retention: retentionByTopic(retentionGroups, retentionTopics),
    forecast: dueForecast(deckCards, now, timeZone),
    mastery: masteryByTopic(deckCards, deckTopics, now, settings),
    deckTopics,
  };
}

/** Standing reviews in the FSRS optimizer's layout, ordered by card then time. */
export async function loadOptimizerRows(db: PrismaClient, userId: string): Promise<OptimizerRow[]> {
  const [settings, history] = await Promise.all([loadSettings(db, userId), loadReviewHistory(db, userId)]);
  return optimizerRows(history, settings.timeZone);
}

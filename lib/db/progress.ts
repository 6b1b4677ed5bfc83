// A learner's progress as data: the queries behind the stats page, the exports, and the
// import that replaces everything in one transaction.
//
// Every function takes the Prisma client as its first parameter and has no
// `import 'server-only'`, so unit tests can run it against a temporary database. App code
// uses the bound versions in lib/db/stats.ts (server-only) instead.
import { getGenerator, listGenerators } from '@/lib/questions/registry';
import { localDate } from '@/lib/srs/day';
import { serializeCardState } from '@/lib/srs/mapper';
import {
  BUCKET_MINUTES,
  buildHeatmap,
  countByLocalDay,
  currentStreak,
  dueForecast,
  heatmapStart,
  masteryByTopic,
  optimizerRows,
  retentionByTopic,
  retentionWindowStart,
  type Forecast,
  type Heatmap,
  type HistoryRow,
  type Mastery,
  type MasteryCard,
  type OptimizerRow,
  type Retention,
  type RetentionGroup,
  type Streak,
  type TimeBucket,
} from '@/lib/srs/stats';
import { DEFAULT_SETTINGS, type CardState, type DrillSettingsValues } from '@/lib/srs/types';
import type { PrismaClient } from './client';

type Db = PrismaClient;

const CARD_STATE_FIELDS = {
  tier: true,
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
  reviewCount: true,
  consecutiveLapses: true,
  replayNext: true,
} as const;

function cardStateOf(row: CardState): CardState {
  return {
    tier: row.tier,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
    reviewCount: row.reviewCount,
    consecutiveLapses: row.consecutiveLapses,
    replayNext: row.replayNext,
  };
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** Topics in registry order (the order the app lists them everywhere). */
function topicOrder(): string[] {
  return [...new Set(listGenerators().map((g) => g.topic))];
}

const topicOf = (generator: string): string | undefined => getGenerator(generator)?.topic;

// ---------------------------------------------------------------------------------------------
// Stats queries

export async function loadSettings(db: Db, userId: string): Promise<DrillSettingsValues> {
  const row = await db.drillSettings.findUnique({
    where: { userId },
    select: { desiredRetention: true, newPerDay: true, reviewsPerDay: true, timeZone: true, examDate: true },
  });
  return row ?? DEFAULT_SETTINGS;
}

/**
 * Standing (not undone) reviews per UTC-aligned 15-minute bucket since `since` (all time when
 * null). Aggregated in SQL over the (userId, reviewedAt) index: a learner with 100,000 reviews
 * gets back at most one row per quarter hour in which they studied.
 */
export async function loadReviewBuckets(db: Db, userId: string, since: Date | null): Promise<TimeBucket[]> {
  const seconds = BUCKET_MINUTES * 60;
  const rows = since
    ? await db.$queryRaw<{ bucket: bigint; n: bigint }[]>`
        SELECT CAST(strftime('%s', reviewedAt) AS INTEGER) / ${seconds} AS bucket, COUNT(*) AS n
        FROM ReviewLog
        WHERE userId = ${userId} AND reviewedAt >= ${since} AND undoneAt IS NULL
        GROUP BY bucket`
    : await db.$queryRaw<{ bucket: bigint; n: bigint }[]>`
        SELECT CAST(strftime('%s', reviewedAt) AS INTEGER) / ${seconds} AS bucket, COUNT(*) AS n
        FROM ReviewLog
        WHERE userId = ${userId} AND undoneAt IS NULL
        GROUP BY bucket`;
  return rows.map((r) => ({ at: new Date(num(r.bucket) * seconds * 1000), count: num(r.n) }));
}

/**
 * Standing reviews since `since`, counted per (generator, state before, rating): the inputs of
 * true retention. At most generators × 4 × 4 rows.
 */
export async function loadRetentionGroups(db: Db, userId: string, since: Date): Promise<{ generator: string; stateBefore: number; rating: number; count: number }[]> {
  const rows = await db.$queryRaw<{ generator: string; state: bigint | number | null; rating: bigint | number; n: bigint }[]>`
    SELECT generator, CAST(json_extract(stateBefore, '$.state') AS INTEGER) AS state, rating, COUNT(*) AS n
    FROM ReviewLog
    WHERE userId = ${userId} AND reviewedAt >= ${since} AND undoneAt IS NULL
    GROUP BY generator, state, rating`;
  return rows.map((r) => ({ generator: r.generator, stateBefore: r.state === null ? -1 : num(r.state), rating: num(r.rating), count: num(r.n) }));
}

export async function loadCards(db: Db, userId: string): Promise<(CardState & { id: string; generator: string })[]> {
  const rows = await db.card.findMany({ where: { userId }, select: { id: true, generator: true, ...CARD_STATE_FIELDS } });
  return rows.map((r) => ({ ...cardStateOf(r), id: r.id, generator: r.generator }));
}

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

/** Everything the stats page shows, for one learner at `now`. */
export async function loadLearnerStats(db: Db, userId: string, now: Date): Promise<LearnerStats> {
  const [settings, deckRows, cards] = await Promise.all([
    loadSettings(db, userId),
    db.deckTopic.findMany({ where: { userId }, select: { topic: true } }),
    loadCards(db, userId),
  ]);
  const timeZone = settings.timeZone;
  const today = localDate(now, timeZone);
  const start = heatmapStart(today);
  // Local midnight of `start` is never more than 14 hours before UTC midnight of that date.
  const since = new Date(Date.parse(`${start}T00:00:00Z`) - 14 * 3_600_000);
  const [buckets, groups] = await Promise.all([loadReviewBuckets(db, userId, since), loadRetentionGroups(db, userId, retentionWindowStart(now))]);

  const days = countByLocalDay(buckets, timeZone);
  const heatmap = buildHeatmap(days, today);
  let streak = currentStreak(days, today);
  if (streak.since !== null && streak.since <= start) {
    // A streak longer than the heatmap: count it over the whole history.
    streak = currentStreak(countByLocalDay(await loadReviewBuckets(db, userId, null), timeZone), today);
  }

  const order = topicOrder();
  const deckTopics = order.filter((t) => deckRows.some((d) => d.topic === t));
  const retentionGroups: RetentionGroup[] = [];
  for (const g of groups) {
    const topic = topicOf(g.generator);
    if (topic) retentionGroups.push({ topic, stateBefore: g.stateBefore, rating: g.rating, count: g.count });
  }
  const retentionTopics = order.filter((t) => deckTopics.includes(t) || retentionGroups.some((g) => g.topic === t && g.stateBefore === 2));

  const deckCards: MasteryCard[] = [];
  for (const card of cards) {
    const topic = topicOf(card.generator);
    if (topic && deckTopics.includes(topic)) deckCards.push({ ...cardStateOf(card), topic });
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

// ---------------------------------------------------------------------------------------------
// Review history for the FSRS optimizer

/** Standing reviews in the FSRS optimizer's layout, ordered by card then time. */
export async function loadOptimizerRows(db: Db, userId: string): Promise<OptimizerRow[]> {
  const [settings, rows] = await Promise.all([
    loadSettings(db, userId),
    db.$queryRaw<{ cardId: string; reviewedAt: Date | string; rating: bigint | number; state: bigint | number | null; durationMs: bigint | number }[]>`
      SELECT cardId, reviewedAt, rating, CAST(json_extract(stateBefore, '$.state') AS INTEGER) AS state, durationMs
      FROM ReviewLog
      WHERE userId = ${userId} AND undoneAt IS NULL
      ORDER BY cardId, reviewedAt, id`,
  ]);
  const history: HistoryRow[] = rows.map((r) => ({
    cardId: r.cardId,
    reviewedAt: date(r.reviewedAt),
    rating: num(r.rating),
    stateBefore: r.state === null ? 0 : num(r.state),
    durationMs: num(r.durationMs),
  }));
  return optimizerRows(history, settings.timeZone);
}

// ---------------------------------------------------------------------------------------------
// Progress file (export and import)

export const PROGRESS_FORMAT = 'lockstep-progress';
export const PROGRESS_VERSION = 1;

/** A card state as stored in review logs (lib/srs/mapper.ts serializeCardState). */
export interface CardStateJson {
  tier: number;
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: string | null;
  reviewCount: number;
  consecutiveLapses: number;
  replayNext: boolean;
}

export interface ProgressFileJson {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  exportedAt: string;
  settings: { desiredRetention: number; newPerDay: number; reviewsPerDay: number; timeZone: string; examDate: string | null } | null;
  deckTopics: { topic: string; addedAt: string }[];
  cards: (CardStateJson & { id: string; generator: string; createdAt: string })[];
  reviews: {
    id: string;
    cardId: string;
    reviewIndex: number;
    generator: string;
    version: number;
    seed: number;
    tier: number;
    response: unknown;
    correct: boolean;
    rating: number;
    durationMs: number;
    stateBefore: CardStateJson;
    stateAfter: CardStateJson;
    reviewedAt: string;
    undoneAt: string | null;
  }[];
}

/** A progress file after validation (app/(study)/stats/schema.ts): dates are Dates. */
export interface ProgressData {
  settings: DrillSettingsValues | null;
  deckTopics: { topic: string; addedAt: Date }[];
  cards: (CardState & { id: string; generator: string; createdAt: Date })[];
  reviews: {
    id: string;
    cardId: string;
    reviewIndex: number;
    generator: string;
    version: number;
    seed: number;
    tier: number;
    response: unknown;
    correct: boolean;
    rating: number;
    durationMs: number;
    stateBefore: CardState;
    stateAfter: CardState;
    reviewedAt: Date;
    undoneAt: Date | null;
  }[];
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function cardStateJson(s: CardState): CardStateJson {
  return {
    tier: s.tier,
    due: iso(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsedDays: s.elapsedDays,
    scheduledDays: s.scheduledDays,
    learningSteps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    lastReview: isoOrNull(s.lastReview),
    reviewCount: s.reviewCount,
    consecutiveLapses: s.consecutiveLapses,
    replayNext: s.replayNext,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The learner's settings, deck, cards and every review (undone ones too, marked), as one JSON document. */
export async function exportProgress(db: Db, userId: string, now: Date): Promise<ProgressFileJson> {
  const [settings, deckTopics, cards, reviews] = await Promise.all([
    db.drillSettings.findUnique({
      where: { userId },
      select: { desiredRetention: true, newPerDay: true, reviewsPerDay: true, timeZone: true, examDate: true },
    }),
    db.deckTopic.findMany({ where: { userId }, select: { topic: true, addedAt: true }, orderBy: [{ addedAt: 'asc' }, { topic: 'asc' }] }),
    db.card.findMany({
      where: { userId },
      select: { id: true, generator: true, createdAt: true, ...CARD_STATE_FIELDS },
      orderBy: [{ createdAt: 'asc' }, { generator: 'asc' }],
    }),
    db.reviewLog.findMany({
      where: { userId },
      select: {
        id: true,
        cardId: true,
        reviewIndex: true,
        generator: true,
        version: true,
        seed: true,
        tier: true,
        response: true,
        correct: true,
        rating: true,
        durationMs: true,
        stateBefore: true,
        stateAfter: true,
        reviewedAt: true,
        undoneAt: true,
      },
      orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: iso(now),
    settings: settings ? { ...settings, examDate: isoOrNull(settings.examDate) } : null,
    deckTopics: deckTopics.map((d) => ({ topic: d.topic, addedAt: iso(d.addedAt) })),
    cards: cards.map((c) => ({ id: c.id, generator: c.generator, ...cardStateJson(cardStateOf(c)), createdAt: iso(c.createdAt) })),
    reviews: reviews.map((r) => ({
      id: r.id,
      cardId: r.cardId,
      reviewIndex: r.reviewIndex,
      generator: r.generator,
      version: r.version,
      seed: Number(r.seed),
      tier: r.tier,
      response: parseJson(r.response),
      correct: r.correct,
      rating: r.rating,
      durationMs: r.durationMs,
      stateBefore: JSON.parse(r.stateBefore) as CardStateJson,
      stateAfter: JSON.parse(r.stateAfter) as CardStateJson,
      reviewedAt: iso(r.reviewedAt),
      undoneAt: isoOrNull(r.undoneAt),
    })),
  };
}

export interface ImportSummary {
  cards: number;
  reviews: number;
  deckTopics: number;
}

/** Thrown inside the import transaction when the data contradicts itself; nothing is written. */
export class ProgressImportError extends Error {
  override readonly name = 'ProgressImportError';
}

/** Rows per INSERT: 15 columns × 500 stays far below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/**
 * Replaces the learner's settings, deck, cards and reviews with `data` in one transaction:
 * either all of it is written or nothing changes. Cards and reviews get fresh ids; a review's
 * attempt key is `<new card id>:<review index>`, and `...:undone:<new id>` for an undone one.
 * `data` must have passed the progress file schema; contradictions that slip through
 * (a review of an unknown card) throw ProgressImportError and roll everything back.
 */
export async function importProgress(db: Db, userId: string, data: ProgressData): Promise<ImportSummary> {
  return db.$transaction(
    async (tx) => {
      await tx.reviewLog.deleteMany({ where: { userId } });
      await tx.card.deleteMany({ where: { userId } });
      await tx.deckTopic.deleteMany({ where: { userId } });
      await tx.drillSettings.deleteMany({ where: { userId } });

      if (data.settings) {
        const { desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate } = data.settings;
        await tx.drillSettings.create({ data: { userId, desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate } });
      }
      if (data.deckTopics.length > 0) {
        await tx.deckTopic.createMany({ data: data.deckTopics.map((d) => ({ userId, topic: d.topic, addedAt: d.addedAt })) });
      }

      const newCardId = new Map<string, string>();
      for (const card of data.cards) {
        const created = await tx.card.create({
          data: { userId, generator: card.generator, createdAt: card.createdAt, ...cardStateOf(card) },
          select: { id: true },
        });
        newCardId.set(card.id, created.id);
      }

      const rowOf = (r: ProgressData['reviews'][number], attemptKey: string) => {
        const cardId = newCardId.get(r.cardId);
        if (!cardId) throw new ProgressImportError(`review of unknown card ${r.cardId}`);
        return {
          userId,
          cardId,
          attemptKey,
          reviewIndex: r.reviewIndex,
          generator: r.generator,
          version: r.version,
          seed: BigInt(r.seed),
          tier: r.tier,
          response: JSON.stringify(r.response ?? null),
          correct: r.correct,
          rating: r.rating,
          durationMs: r.durationMs,
          stateBefore: serializeCardState(r.stateBefore),
          stateAfter: serializeCardState(r.stateAfter),
          reviewedAt: r.reviewedAt,
          undoneAt: r.undoneAt,
        };
      };
      const keyOf = (r: ProgressData['reviews'][number]) => `${newCardId.get(r.cardId)}:${r.reviewIndex}`;

      const standing = data.reviews.filter((r) => r.undoneAt === null);
      for (let i = 0; i < standing.length; i += INSERT_CHUNK) {
        await tx.reviewLog.createMany({ data: standing.slice(i, i + INSERT_CHUNK).map((r) => rowOf(r, keyOf(r))) });
      }
      // An undone review's key names its own id, known only once the row exists.
      let pending = 0;
      for (const r of data.reviews) {
        if (r.undoneAt === null) continue;
        const created = await tx.reviewLog.create({ data: rowOf(r, `${keyOf(r)}:undone:pending-${pending++}`), select: { id: true } });
        await tx.reviewLog.update({ where: { id: created.id }, data: { attemptKey: `${keyOf(r)}:undone:${created.id}` } });
      }
      return { cards: data.cards.length, reviews: data.reviews.length, deckTopics: data.deckTopics.length };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/**
 * Drill data: settings, deck, cards and review logs. The reads and the card update made for
 * every answer are raw SQL: Prisma's query builder costs about 0.3–1 ms of CPU per query here,
 * a raw query about 0.1–0.3 ms, and an answer and the next question take a dozen queries.
 * Raw rows come back typed by the columns' declared types (DateTime as Date, Boolean as boolean).
 * Identifiers are quoted (PostgreSQL folds unquoted ones to lower case; SQLite accepts quotes),
 * and the one SQLite-only construct, a JSON list as a table, has a PostgreSQL form.
 */
import 'server-only';
import { CARD_STATE_FIELDS, pickCardState } from '@/lib/srs/card-state';
import { parseCardState, serializeCardState } from '@/lib/srs/mapper';
import { parseOptimizeReport, parseWeights, serializeOptimizeReport, type OptimizeReport } from '@/lib/srs/optimizer';
import { DEFAULT_SETTINGS, type CardState, type DrillSettingsValues, type RatingValue } from '@/lib/srs/types';
import { Prisma } from '../../generated/prisma/client';
import { databaseDialect, prisma, readRows, writeTransaction } from './client';
import { isUniqueViolation, newRowId } from './raw';

export type CardRow = CardState & { id: string; userId: string; generator: string };

/** A card row with the skill browser's choices, which the queue respects. */
export type QueueRow = CardRow & { suspended: boolean; buriedUntil: Date | null };

export async function getDrillSettings(userId: string): Promise<DrillSettingsValues> {
  const [row] = await readRows<(Omit<DrillSettingsValues, 'weights'> & { fsrsWeights: string | null })>(Prisma.sql`
    SELECT "desiredRetention", "newPerDay", "reviewsPerDay", "timeZone", "examDate", "fsrsWeights" FROM "DrillSettings" WHERE "userId" = ${userId}`);
  if (!row) return DEFAULT_SETTINGS;
  const { fsrsWeights, ...settings } = row;
  return { ...settings, weights: parseWeights(fsrsWeights) };
}

/** The zone the user chose in their settings, or null when they never saved any. */
export async function savedTimeZone(userId: string): Promise<string | null> {
  const [row] = await readRows<{ timeZone: string }>(Prisma.sql`SELECT "timeZone" FROM "DrillSettings" WHERE "userId" = ${userId}`);
  return row?.timeZone ?? null;
}

/** Saves the settings form's values (the fitted weights are kept: only Optimize and reset change them). */
export async function saveDrillSettings(userId: string, values: Omit<DrillSettingsValues, 'weights'>): Promise<void> {
  const { desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate } = values;
  const fields = { desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate };
  await prisma.drillSettings.upsert({ where: { userId }, create: { userId, ...fields }, update: fields });
}

/** Reviews that stand (not undone): what the optimizer may train on. */
export async function countStandingReviews(userId: string): Promise<number> {
  return prisma.reviewLog.count({ where: { userId, undoneAt: null } });
}

/** Stores an optimization's report and, when it was adopted, its weights. */
export async function saveOptimization(userId: string, report: OptimizeReport): Promise<void> {
  const fields = { optimizeReport: serializeOptimizeReport(report), ...(report.adopted ? { fsrsWeights: JSON.stringify(report.fittedWeights) } : {}) };
  await prisma.drillSettings.upsert({ where: { userId }, create: { userId, ...fields }, update: fields });
}

/** Back to ts-fsrs's default weights (the last report is kept, marked as no longer in use by the page). */
export async function resetWeights(userId: string): Promise<void> {
  await prisma.drillSettings.updateMany({ where: { userId }, data: { fsrsWeights: null } });
}

export async function getOptimizeReport(userId: string): Promise<OptimizeReport | null> {
  const row = await prisma.drillSettings.findUnique({ where: { userId }, select: { optimizeReport: true } });
  return parseOptimizeReport(row?.optimizeReport ?? null);
}

export async function getDeckTopics(userId: string): Promise<string[]> {
  const rows = await readRows<{ topic: string }>(Prisma.sql`SELECT topic FROM "DeckTopic" WHERE "userId" = ${userId} ORDER BY "addedAt"`);
  return rows.map((r) => r.topic);
}

/** Adds topics and a tier-1 card for each of their generators (existing cards are kept). */
export async function addDeckTopics(userId: string, topics: readonly { topic: string; generators: readonly string[] }[], now: Date, fresh: CardState) {
  await prisma.$transaction(async (tx) => {
    for (const { topic, generators } of topics) {
      await tx.deckTopic.upsert({ where: { userId_topic: { userId, topic } }, create: { userId, topic, addedAt: now }, update: {} });
      const existing = new Set(
        (await tx.card.findMany({ where: { userId, generator: { in: [...generators] } }, select: { generator: true } })).map((c) => c.generator),
      );
      for (const generator of generators) {
        if (!existing.has(generator)) await tx.card.create({ data: { userId, generator, ...fresh, due: now } });
      }
    }
  });
}

export async function removeDeckTopic(userId: string, topic: string): Promise<void> {
  await prisma.deckTopic.deleteMany({ where: { userId, topic } });
}

/** The columns of a CardRow: the card's state and whose and which skill it is, nothing else. */
const CARD_ROW_COLUMNS = Prisma.raw(['id', 'userId', 'generator', ...CARD_STATE_FIELDS].map((column) => `"${column}"`).join(', '));

/** The rows of a JSON list of strings, as a one-column table (`value`). */
const jsonStrings = (values: readonly string[]) =>
  databaseDialect === 'postgresql'
    ? Prisma.sql`SELECT json_array_elements_text(${JSON.stringify(values)}::json) AS value`
    : Prisma.sql`SELECT value FROM json_each(${JSON.stringify(values)})`;

/**
 * The cards today's queue can hold, before its daily limits, in (due, id) order: the seen cards
 * due by `now` (every seen card in exam mode, where how weak a card is decides) and the new
 * cards, of `generators` only (the deck's current ones). A learner has one card per generator,
 * so this reads at most as many rows as the deck has generators, however many cards of retired
 * generators or removed topics they keep; buildQueue cuts them to the limits.
 *
 * Written so that SQLite looks the cards up by (userId, generator), and sorted here: a condition
 * on `due` alone, or an ORDER BY due, makes it walk the (userId, due) index through every card
 * the learner has instead (retired ones too), since it keeps no statistics on how many that is.
 */
export async function loadQueueCandidates(userId: string, generators: readonly string[], now: Date, exam: boolean): Promise<QueueRow[]> {
  if (generators.length === 0) return [];
  const rows = await readRows<QueueRow>(Prisma.sql`
    SELECT ${CARD_ROW_COLUMNS}, suspended, "buriedUntil" FROM "Card"
    WHERE "userId" = ${userId} AND generator IN (${jsonStrings(generators)})
      ${exam ? Prisma.empty : Prisma.sql`AND (due <= ${now} OR state = 0)`}`);
  return rows.sort((a, b) => a.due.getTime() - b.due.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function findCard(userId: string, cardId: string): Promise<CardRow | null> {
  const [row] = await readRows<CardRow>(Prisma.sql`SELECT ${CARD_ROW_COLUMNS} FROM "Card" WHERE id = ${cardId} AND "userId" = ${userId}`);
  return row ?? null;
}

/** Reviews counted against today's limits (undone ones excluded), both in one pass over today's logs. */
export async function countToday(userId: string, dayStart: Date): Promise<{ reviewsToday: number; newToday: number }> {
  const [row] = await readRows<{ reviews: bigint | number | null; fresh: bigint | number | null }>(Prisma.sql`
    SELECT SUM(CASE WHEN "reviewIndex" > 0 THEN 1 ELSE 0 END) AS reviews, SUM(CASE WHEN "reviewIndex" = 0 THEN 1 ELSE 0 END) AS fresh
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND "reviewedAt" >= ${dayStart} AND "undoneAt" IS NULL`);
  return { reviewsToday: Number(row?.reviews ?? 0), newToday: Number(row?.fresh ?? 0) };
}

/**
 * The learner's recent answer times for one card (for the "slow answer → Hard" rule), newest
 * first: the (cardId, reviewedAt) index yields them in order, so only the last `take` are read.
 */
export async function recentDurations(cardId: string, take = 20): Promise<number[]> {
  const rows = await readRows<{ durationMs: number }>(Prisma.sql`
    SELECT "durationMs" FROM "ReviewLog" WHERE "cardId" = ${cardId} AND "undoneAt" IS NULL ORDER BY "reviewedAt" DESC, id DESC LIMIT ${take}`);
  return rows.map((r) => r.durationMs);
}

export async function lastReviewedGenerator(userId: string): Promise<string | undefined> {
  const [row] = await readRows<{ generator: string }>(Prisma.sql`
    SELECT generator FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL ORDER BY "reviewedAt" DESC, id DESC LIMIT 1`);
  return row?.generator;
}

export interface NewReview {
  userId: string;
  cardId: string;
  reviewIndex: number;
  generator: string;
  version: number;
  seed: number;
  tier: number;
  response: unknown;
  correct: boolean;
  rating: RatingValue;
  durationMs: number;
  before: CardState;
  after: CardState;
  reviewedAt: Date;
}

export const attemptKey = (cardId: string, reviewIndex: number) => `${cardId}:${reviewIndex}`;

export type RecordResult = { status: 'recorded'; logId: string } | { status: 'duplicate'; logId: string } | { status: 'stale' };

/**
 * Writes the review log and the card update in one transaction. A second submission of the
 * same review (double click, two tabs, a retry) finds the first one and changes nothing.
 */
export async function recordReview(review: NewReview): Promise<RecordResult> {
  const key = attemptKey(review.cardId, review.reviewIndex);
  try {
    // In SQL rather than the client's model API: every drill answer writes here (client.ts's writeTransaction).
    return await writeTransaction(async (tx) => {
      // The card moves on only from the review being answered; when it has already moved, this
      // review was either recorded (a duplicate) or overtaken (stale).
      const columns = Object.entries({ ...pickCardState(review.after), updatedAt: new Date() }).map(([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
      const moved = await tx.execute(Prisma.sql`
        UPDATE "Card" SET ${Prisma.join(columns)} WHERE id = ${review.cardId} AND "userId" = ${review.userId} AND "reviewCount" = ${review.reviewIndex}`);
      if (moved === 0) {
        const [existing] = await tx.query<{ id: string; userId: string }>(Prisma.sql`SELECT id, "userId" FROM "ReviewLog" WHERE "attemptKey" = ${key}`);
        return existing?.userId === review.userId ? { status: 'duplicate', logId: existing.id } : { status: 'stale' };
      }
      const logId = newRowId();
      await tx.execute(Prisma.sql`
        INSERT INTO "ReviewLog" (id, "userId", "cardId", "attemptKey", "reviewIndex", generator, version, seed, tier, response, correct, rating, "durationMs", "stateBefore", "stateAfter", "reviewedAt")
        VALUES (${logId}, ${review.userId}, ${review.cardId}, ${key}, ${review.reviewIndex}, ${review.generator}, ${review.version}, ${BigInt(review.seed)}, ${review.tier},
          ${JSON.stringify(review.response ?? null)}, ${review.correct}, ${review.rating}, ${review.durationMs}, ${serializeCardState(review.before)}, ${serializeCardState(review.after)}, ${review.reviewedAt})`);
      return { status: 'recorded', logId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const existing = await prisma.reviewLog.findUnique({ where: { attemptKey: key }, select: { id: true, userId: true } });
      if (existing && existing.userId === review.userId) return { status: 'duplicate', logId: existing.id };
      return { status: 'stale' };
    }
    throw error;
  }
}

export async function findReviewLog(userId: string, logId: string) {
  const row = await prisma.reviewLog.findFirst({ where: { id: logId, userId } });
  if (!row) return null;
  return { ...row, seed: Number(row.seed), before: parseCardState(row.stateBefore), after: parseCardState(row.stateAfter) };
}

/** Changes the rating of a card's latest review (Hard/Good/Easy after a right answer). */
export async function amendRating(userId: string, logId: string, rating: RatingValue, after: CardState): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const log = await tx.reviewLog.findFirst({ where: { id: logId, userId, undoneAt: null } });
    if (!log || !log.correct) return false;
    const latest = await tx.reviewLog.findFirst({ where: { cardId: log.cardId, undoneAt: null }, orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    if (latest?.id !== log.id) return false;
    await tx.reviewLog.update({ where: { id: log.id }, data: { rating, stateAfter: serializeCardState(after) } });
    await tx.card.update({ where: { id: log.cardId }, data: pickCardState(after) });
    return true;
  });
}

/**
 * Undoes the learner's most recent review: the card returns exactly to its state before it,
 * and the log keeps the review, marked undone.
 */
export async function undoLastReview(userId: string, at: Date): Promise<{ cardId: string; generator: string } | null> {
  return prisma.$transaction(async (tx) => {
    const log = await tx.reviewLog.findFirst({ where: { userId, undoneAt: null }, orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }] });
    if (!log) return null;
    const before = parseCardState(log.stateBefore);
    await tx.card.update({ where: { id: log.cardId }, data: pickCardState(before) });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: at, attemptKey: `${log.attemptKey}:undone:${log.id}` } });
    return { cardId: log.cardId, generator: log.generator };
  });
}

export async function hasUndoableReview(userId: string): Promise<boolean> {
  // The first standing log will do: counting them all reads the learner's whole history.
  return (await readRows<unknown>(Prisma.sql`SELECT 1 FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL LIMIT 1`)).length > 0;
}

/** The standing (not undone) log of a card's n-th review, if it exists. */
export async function findLogByAttempt(userId: string, cardId: string, reviewIndex: number) {
  const row = await prisma.reviewLog.findFirst({ where: { attemptKey: attemptKey(cardId, reviewIndex), userId } });
  return row ? { ...row, seed: Number(row.seed) } : null;
}

/**
 * Makes the user's own cards of these generators due at `now` where they were due later.
 * Cards the user does not have are not created. Returns how many cards moved.
 */
export async function bringCardsDue(userId: string, generators: readonly string[], now: Date): Promise<number> {
  if (generators.length === 0) return 0;
  const moved = await prisma.card.updateMany({ where: { userId, generator: { in: [...generators] }, due: { gt: now } }, data: { due: now } });
  return moved.count;
}

/** Today's answered reviews (undone ones excluded): how many, how many right, time spent. */
export async function reviewsSince(userId: string, dayStart: Date): Promise<{ reviewed: number; correct: number; durationMs: number }> {
  const [row] = await readRows<{ n: bigint | number | null; ok: bigint | number | null; ms: bigint | number | null }>(Prisma.sql`
    SELECT COUNT(*) AS n, SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS ok, SUM("durationMs") AS ms
    FROM "ReviewLog" WHERE "userId" = ${userId} AND "reviewedAt" >= ${dayStart} AND "undoneAt" IS NULL`);
  return { reviewed: Number(row?.n ?? 0), correct: Number(row?.ok ?? 0), durationMs: Number(row?.ms ?? 0) };
}

/**
 * What is still to come, for cards of `generators` (the deck's): learning and relearning cards
 * due after `now` but before `tomorrow` (they come back later today, at the next of them), and
 * seen cards due during tomorrow.
 */
export async function comingUp(userId: string, generators: readonly string[], now: Date, tomorrow: Date, dayAfter: Date) {
  const deck = { userId, generator: { in: [...generators] }, suspended: false };
  const laterToday = { ...deck, state: { in: [1, 3] }, due: { gt: now, lt: tomorrow } };
  const [later, next, dueTomorrow] = await Promise.all([
    prisma.card.count({ where: laterToday }),
    prisma.card.findFirst({ where: laterToday, orderBy: { due: 'asc' }, select: { due: true } }),
    prisma.card.count({ where: { ...deck, state: { not: 0 }, due: { gte: tomorrow, lt: dayAfter } } }),
  ]);
  return { later, nextLaterAt: next?.due ?? null, dueTomorrow };
}

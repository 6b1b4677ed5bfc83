import 'server-only';
import { settleExpired } from '@/lib/attempts/service';
import {
  addDeckTopics,
  amendRating,
  comingUp,
  countToday,
  findCard,
  findLogByAttempt,
  findReviewLog,
  getDeckTopics,
  getDrillSettings,
  hasUndoableReview,
  lastReviewedGenerator,
  loadQueueCandidates,
  recentDurations,
  recordReview,
  reviewsSince,
  undoLastReview,
  type CardRow,
  type QueueRow,
} from '@/lib/db/drills';
import { grade } from '@/lib/questions/grade';
import { describeAnswer, toPublicQuestion, type PublicQuestion } from '@/lib/questions/public';
import { buildQuestion, getGenerator, listGenerators, openAtAskedStep } from '@/lib/questions/registry';
import type { Explanation, Lang, Question, QuestionRef, Tier, TopicId } from '@/lib/questions/types';
import { verdictOf, type Verdict } from '@/lib/questions/verdict';
import { nextDayStart, startOfDay } from '@/lib/srs/day';
import { newCardState, parseCardState } from '@/lib/srs/mapper';
import { buildQueue, type QueueCard } from '@/lib/srs/queue';
import { allowedRatings, suggestedRating } from '@/lib/srs/rating';
import { inExamWindow, previewIntervals, reviewCard, type IntervalPreview } from '@/lib/srs/scheduler';
import { replaySeed, reviewSeed } from '@/lib/srs/seed';
import type { DrillSettingsValues, RatingValue } from '@/lib/srs/types';
import { ALL_TOPICS } from './topics';


/** Topics that have at least one generator right now. */
export function availableTopics(): TopicId[] {
  const present = new Set(listGenerators().map((g) => g.topic));
  return ALL_TOPICS.filter((t) => present.has(t));
}

function generatorsOf(topics: readonly string[]): string[] {
  return listGenerators()
    .filter((g) => topics.includes(g.topic))
    .map((g) => g.id);
}

export async function addTopicsToDeck(userId: string, topics: readonly TopicId[], now: Date) {
  const groups = topics.map((topic) => ({ topic, generators: generatorsOf([topic]) }));
  await addDeckTopics(userId, groups, now, newCardState(now));
}

function toQueueCard(card: QueueRow): QueueCard | null {
  const g = getGenerator(card.generator);
  return g ? { ...card, topic: g.topic } : null;
}

/** What a caller already knows of the learner's state, so the queue need not read it again. */
export interface KnownState {
  settings?: DrillSettingsValues;
  /** The generator of the learner's last review (right after recording one: that card's). */
  lastGenerator?: string;
}

export async function todaysQueue(userId: string, now: Date, known: KnownState = {}) {
  const [settings, topics, lastGenerator] = await Promise.all([
    known.settings ?? getDrillSettings(userId),
    getDeckTopics(userId),
    known.lastGenerator ?? lastReviewedGenerator(userId),
  ]);
  const exam = inExamWindow(settings, now);
  // Only the deck's current generators: cards of topics taken out of the deck, or of retired
  // generators, stay stored but are not asked.
  const [counts, rows] = await Promise.all([countToday(userId, startOfDay(now, settings.timeZone)), loadQueueCandidates(userId, generatorsOf(topics), now, exam)]);
  const cards = rows.map(toQueueCard).filter((c): c is QueueCard => c !== null);
  const queue = buildQueue({ cards, now, settings, ...counts, lastGenerator });
  return { settings, topics, queue, counts, exam };
}

/** The rest of the day and tomorrow: learning cards coming back later today, cards due tomorrow. */
async function outlook(userId: string, topics: readonly string[], now: Date, timeZone: string) {
  const tomorrow = nextDayStart(startOfDay(now, timeZone), timeZone);
  return comingUp(userId, generatorsOf(topics), now, tomorrow, nextDayStart(tomorrow, timeZone));
}

/**
 * The drills at a glance (home and drill pages): finished exams and assignments are settled
 * first, so their weak skills are brought forward before the queue is read. Learning cards due
 * later today are counted apart from those due now.
 */
export async function drillOverview(userId: string, now: Date) {
  await settleExpired(userId, now);
  const today = await todaysQueue(userId, now);
  return { ...today, outlook: await outlook(userId, today.topics, now, today.settings.timeZone) };
}

/** The end of a day's session: what was done, and what is still to come. */
export interface SessionSummary {
  reviewed: number;
  correct: number;
  durationMs: number;
  later: number;
  nextLaterAt: Date | null;
  dueTomorrow: number;
}

async function sessionSummary(userId: string, now: Date, settings: { timeZone: string }, topics: readonly string[]): Promise<SessionSummary> {
  const [done, coming] = await Promise.all([reviewsSince(userId, startOfDay(now, settings.timeZone)), outlook(userId, topics, now, settings.timeZone)]);
  return { ...done, ...coming };
}

export interface ReviewItem {
  cardId: string;
  reviewIndex: number;
  generator: string;
  tier: Tier;
  seed: number;
  version: number;
  question: PublicQuestion;
  /** A worked example shown first when the card is a leech that just dropped a tier. */
  replay: { question: PublicQuestion; answerText: string; explanation: Explanation } | null;
}

/** How many questions recentQuestion keeps. */
const RECENT_QUESTIONS = 256;
const recentQuestions = new Map<string, Question>();

/**
 * The question of a ref, kept for a while: an answer is graded against the question the review
 * page built moments before, and the ref fixes the question, so it need not be built twice.
 */
function recentQuestion(ref: QuestionRef): Question {
  const key = `${ref.generator}@${ref.version}#${ref.seed}/${ref.tier}`;
  let question = recentQuestions.get(key);
  if (question) recentQuestions.delete(key);
  else question = buildQuestion(ref);
  recentQuestions.set(key, question);
  if (recentQuestions.size > RECENT_QUESTIONS) recentQuestions.delete(recentQuestions.keys().next().value as string);
  return question;
}

/** What building a card's review question needs: the card as the queue or the database gives it. */
export type ReviewCard = Pick<CardRow, 'id' | 'generator' | 'tier' | 'reviewCount' | 'replayNext'>;

/** A card's question for `seed`, at the card's tier (its generator's first tier if that tier is gone). */
export function questionFor(card: ReviewCard, seed: number): Question {
  const g = getGenerator(card.generator);
  if (!g) throw new Error(`card ${card.id} names an unknown generator ${card.generator}`);
  const tier = (g.tiers.includes(card.tier as Tier) ? card.tier : g.tiers[0]) as Tier;
  return recentQuestion({ generator: g.id, version: g.version, seed, tier });
}

export function reviewItemFor(card: ReviewCard, lang: Lang): ReviewItem {
  const seed = reviewSeed(card.id, card.reviewCount);
  const question = questionFor(card, seed);
  let replay: ReviewItem['replay'] = null;
  if (card.replayNext) {
    const example = questionFor(card, replaySeed(card.id, card.reviewCount));
    replay = { question: toPublicQuestion(example), answerText: describeAnswer(example, lang), explanation: openAtAskedStep(example) };
  }
  return {
    cardId: card.id,
    reviewIndex: card.reviewCount,
    generator: card.generator,
    tier: question.ref.tier,
    seed,
    version: question.ref.version,
    question: toPublicQuestion(question),
    replay,
  };
}

export type NextReview =
  | { status: 'review'; done: number; total: number; item: ReviewItem }
  | { status: 'done'; done: number; total: number; canUndo: boolean; summary: SessionSummary };

/**
 * The review page: the next card of today's queue as a review item (the card asked for first,
 * if it is in the queue: after an undo the undone card comes back), or the day's end.
 */
export async function nextReview(userId: string, now: Date, lang: Lang, preferredCardId?: string, known: KnownState = {}): Promise<NextReview> {
  const { queue, counts, settings, topics } = await todaysQueue(userId, now, known);
  const done = counts.reviewsToday + counts.newToday;
  const total = done + queue.cards.length;
  const next = queue.cards.find((c) => c.id === preferredCardId) ?? queue.cards[0];
  if (!next) {
    const [canUndo, summary] = await Promise.all([hasUndoableReview(userId), sessionSummary(userId, now, settings, topics)]);
    return { status: 'done', done, total, canUndo, summary };
  }
  return { status: 'review', done, total, item: reviewItemFor(next, lang) };
}

export type AnswerOutcome =
  | ({
      status: 'graded';
      logId: string;
      rating: RatingValue;
      allowed: readonly RatingValue[];
      /** When each rating would bring the card back (ms from the review). */
      intervals: IntervalPreview;
      duplicate: boolean;
    } & Verdict)
  | { status: 'invalid'; reason: string }
  | { status: 'stale' }
  | { status: 'not-found' };

/**
 * Grades and records one review in a single step, with the suggested rating (Again for a
 * wrong answer). A right answer's rating can then be changed with `rateReview`.
 */
export async function answerReview(
  userId: string,
  input: { cardId: string; reviewIndex: number; response: unknown; durationMs: number },
  now: Date,
  lang: Lang,
  knownSettings?: DrillSettingsValues,
): Promise<AnswerOutcome> {
  return (await answerAndRecord(userId, input, now, lang, knownSettings)).outcome;
}

/** answerReview, and the generator of the review it recorded (null when it recorded none). */
async function answerAndRecord(
  userId: string,
  input: { cardId: string; reviewIndex: number; response: unknown; durationMs: number },
  now: Date,
  lang: Lang,
  knownSettings?: DrillSettingsValues,
): Promise<{ outcome: AnswerOutcome; recorded: string | null }> {
  const outcome = (value: AnswerOutcome) => ({ outcome: value, recorded: null });
  const card = await findCard(userId, input.cardId);
  if (!card) return outcome({ status: 'not-found' });
  if (card.reviewCount !== input.reviewIndex) {
    // Maybe this exact review was already recorded (a double submit): answer with it.
    const previous = await outcomeOfExisting(userId, input.cardId, input.reviewIndex, lang);
    return outcome(previous ?? { status: 'stale' });
  }
  const seed = reviewSeed(card.id, card.reviewCount);
  const question = questionFor(card, seed);
  const result = grade(question.response, question.answer, input.response);
  if (result.status === 'invalid') return outcome({ status: 'invalid', reason: result.reason });
  const [settings, durations] = await Promise.all([knownSettings ?? getDrillSettings(userId), recentDurations(card.id)]);
  const rating = suggestedRating(result.correct, input.durationMs, durations, result.score);
  const after = reviewCard(card, now, rating, settings);
  const recorded = await recordReview({
    userId,
    cardId: card.id,
    reviewIndex: card.reviewCount,
    generator: card.generator,
    version: question.ref.version,
    seed,
    tier: question.ref.tier,
    response: result.response,
    correct: result.correct,
    rating,
    durationMs: input.durationMs,
    before: card,
    after,
    reviewedAt: now,
  });
  if (recorded.status === 'stale') return outcome({ status: 'stale' });
  if (recorded.status === 'duplicate') {
    return outcome((await outcomeOfExisting(userId, input.cardId, input.reviewIndex, lang)) ?? { status: 'stale' });
  }
  const graded: AnswerOutcome = {
    status: 'graded',
    logId: recorded.logId,
    ...verdictOf(question, result, lang),
    rating,
    allowed: allowedRatings(result.correct),
    intervals: previewIntervals(card, now, settings),
    duplicate: false,
  };
  return { outcome: graded, recorded: card.generator };
}

/** An answer's outcome; a graded one carries the review that comes next. */
export type AnsweredReview = Exclude<AnswerOutcome, { status: 'graded' }> | (Extract<AnswerOutcome, { status: 'graded' }> & { next: NextReview });

/**
 * Grades and records one review, and with a graded answer the review that comes next: the
 * player shows it when the learner moves on, so an answer costs one request instead of the
 * answer and a reload of the review page. The next review is read after the answer is
 * recorded, exactly as the page would read it then.
 */
export async function answerAndNext(
  userId: string,
  input: { cardId: string; reviewIndex: number; response: unknown; durationMs: number },
  now: Date,
  lang: Lang,
): Promise<AnsweredReview> {
  // The settings are read once for both: answering does not change them.
  const settings = await getDrillSettings(userId);
  const { outcome, recorded } = await answerAndRecord(userId, input, now, lang, settings);
  if (outcome.status !== 'graded') return outcome;
  // The review just recorded is the learner's last one; a duplicate's may not be.
  return { ...outcome, next: await nextReview(userId, now, lang, undefined, { settings, lastGenerator: recorded ?? undefined }) };
}

async function outcomeOfExisting(userId: string, cardId: string, reviewIndex: number, lang: Lang): Promise<AnswerOutcome | null> {
  const log = await findLogByAttempt(userId, cardId, reviewIndex);
  if (!log) return null;
  const question = recentQuestion({ generator: log.generator, version: log.version, seed: log.seed, tier: log.tier as Tier });
  const regraded = grade(question.response, question.answer, JSON.parse(log.response));
  const result = regraded.status === 'graded' ? regraded : { correct: log.correct, score: log.correct ? 1 : 0, misconceptions: [] };
  return {
    status: 'graded',
    logId: log.id,
    ...verdictOf(question, result, lang),
    correct: log.correct,
    rating: log.rating as RatingValue,
    allowed: allowedRatings(log.correct),
    intervals: previewIntervals(parseCardState(log.stateBefore), log.reviewedAt, await getDrillSettings(userId)),
    duplicate: true,
  };
}

/** Hard / Good / Easy after a right answer: re-schedules the review from its state before. */
export async function rateReview(userId: string, logId: string, rating: RatingValue): Promise<'ok' | 'refused'> {
  const log = await findReviewLog(userId, logId);
  if (!log || log.undoneAt || !allowedRatings(log.correct).includes(rating)) return 'refused';
  if (log.rating === rating) return 'ok';
  const settings = await getDrillSettings(userId);
  const after = reviewCard(log.before, log.reviewedAt, rating, settings);
  return (await amendRating(userId, logId, rating, after)) ? 'ok' : 'refused';
}

export async function undoReview(userId: string, now: Date) {
  return undoLastReview(userId, now);
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../../helpers/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The app's Prisma singleton reads DATABASE_URL when first imported: point it at a fresh,
// migrated database before loading any lib/db module.
const database = createTestDatabase('drills');
const url = database.url;
process.env.DATABASE_URL = url;

type Modules = {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/drills/service');
  feed: typeof import('@/lib/drills/bring-forward');
  drills: typeof import('@/lib/db/drills');
  registry: typeof import('@/lib/questions/registry');
  seed: typeof import('@/lib/srs/seed');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = {
    db: await import('@/lib/db/client'),
    service: await import('@/lib/drills/service'),
    feed: await import('@/lib/drills/bring-forward'),
    drills: await import('@/lib/db/drills'),
    registry: await import('@/lib/questions/registry'),
    seed: await import('@/lib/srs/seed'),
  };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  database.cleanup();
});

let counter = 0;
async function learnerWithDeck(now: Date) {
  counter += 1;
  const user = await m.db.prisma.user.create({ data: { email: `l${counter}@example.test`, name: 'L', passwordHash: 'x' } });
  await m.service.addTopicsToDeck(user.id, ['lock'], now);
  const { queue } = await m.service.todaysQueue(user.id, now);
  const card = queue.cards[0]!;
  const generator = m.registry.getGenerator(card.generator)!;
  const question = m.registry.buildQuestion({
    generator: generator.id,
    version: generator.version,
    seed: m.seed.reviewSeed(card.id, card.reviewCount),
    tier: 1,
  });
  return { user, card, question };
}

const cardRow = (id: string) => m.db.prisma.card.findUniqueOrThrow({ where: { id } });
const logsOf = (userId: string) => m.db.prisma.reviewLog.findMany({ where: { userId }, orderBy: { reviewedAt: 'asc' } });

describe('drill reviews against SQLite', () => {
  const now = new Date('2026-11-26T09:00:00Z');

  it('records a right answer with card and log in step, and a double submit counts once', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const input = { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 3_000 };
    const [a, b] = await Promise.all([m.service.answerReview(user.id, input, now, 'en'), m.service.answerReview(user.id, input, now, 'en')]);
    expect(a.status).toBe('graded');
    expect(b.status).toBe('graded');
    if (a.status === 'graded' && b.status === 'graded') {
      expect(a.logId).toBe(b.logId);
      expect(a.correct && b.correct).toBe(true);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      // Both answers preview the same four intervals: a new card's learning steps for Again and Good.
      expect(a.intervals).toEqual(b.intervals);
      expect(a.intervals).toMatchObject({ again: 60_000, good: 600_000 });
    }
    // The preview of the suggested rating (Good) is where the card went.
    if (a.status === 'graded') expect((await cardRow(card.id)).due.getTime() - now.getTime()).toBe(a.intervals.good);
    const logs = await logsOf(user.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ correct: true, rating: 3, reviewIndex: 0, generator: card.generator });
    expect((await cardRow(card.id)).reviewCount).toBe(1);
  });

  it('counts learning cards due later today apart from those due now, and sums the session up when the queue is empty', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    await m.drills.saveDrillSettings(user.id, { desiredRetention: 0.9, newPerDay: 1, reviewsPerDay: 200, timeZone: 'UTC', examDate: null });
    await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 65_000 }, now, 'en');
    // Good on a new card: back in 10 minutes, a learning card due later today, not now.
    const later = new Date(now.getTime() + 60_000);
    const overview = await m.service.drillOverview(user.id, later);
    expect(overview.queue.dueCount).toBe(0);
    expect(overview.outlook).toEqual({ later: 1, nextLaterAt: (await cardRow(card.id)).due, dueTomorrow: 0 });
    const end = await m.service.nextReview(user.id, later, 'en');
    expect(end.status).toBe('done');
    if (end.status !== 'done') return;
    expect(end.summary).toEqual({ reviewed: 1, correct: 1, durationMs: 65_000, later: 1, nextLaterAt: (await cardRow(card.id)).due, dueTomorrow: 0 });
    // Once the card is due it is "due now", no longer "later".
    const due = await m.service.drillOverview(user.id, new Date(now.getTime() + 11 * 60_000));
    expect(due.queue.dueCount).toBe(1);
    expect(due.outlook.later).toBe(0);
  });

  it('a wrong answer is Again and cannot be re-rated', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const r = question.response;
    if (r.kind !== 'choice') throw new Error('lock questions are multiple choice');
    const wrong = r.options.find((o) => o.id !== question.answer)!.id;
    const outcome = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: wrong, durationMs: 1_000 }, now, 'en');
    expect(outcome).toMatchObject({ status: 'graded', correct: false, rating: 1, allowed: [1] });
    if (outcome.status !== 'graded') return;
    expect(await m.service.rateReview(user.id, outcome.logId, 3)).toBe('refused');
    expect((await logsOf(user.id))[0]?.rating).toBe(1);
  });

  it('Easy after a right answer reschedules from the state before, no earlier than Good', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const outcome = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 1_000 }, now, 'en');
    if (outcome.status !== 'graded') throw new Error('not graded');
    const good = await cardRow(card.id);
    expect(await m.service.rateReview(user.id, outcome.logId, 4)).toBe('ok');
    const easy = await cardRow(card.id);
    expect(easy.due.getTime()).toBeGreaterThanOrEqual(good.due.getTime());
    expect(easy.reviewCount).toBe(1);
    expect((await logsOf(user.id))[0]?.rating).toBe(4);
  });

  it('an answer brings the review the page would show next, read after the answer was recorded', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const outcome = await m.service.answerAndNext(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 1_000 }, now, 'en');
    if (outcome.status !== 'graded') throw new Error('not graded');
    expect(outcome.next).toEqual(await m.service.nextReview(user.id, now, 'en'));
    if (outcome.next.status !== 'review') throw new Error('the deck has more cards');
    expect(outcome.next.item.cardId).not.toBe(card.id);
    expect(outcome.next.done).toBe(1);
    // Nothing of the next question's answer goes with it.
    expect(JSON.stringify(outcome.next)).not.toContain('"answer"');
    // Answers that are not graded bring nothing else.
    expect(await m.service.answerAndNext(user.id, { cardId: card.id, reviewIndex: 0, response: { nonsense: true }, durationMs: 1 }, now, 'en')).toMatchObject({ status: 'graded', duplicate: true });
    expect(await m.service.answerAndNext(user.id, { cardId: 'no-such-card', reviewIndex: 0, response: 'x', durationMs: 1 }, now, 'en')).toEqual({ status: 'not-found' });
  });

  it('undo puts the card back exactly and keeps the log, marked undone', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const before = await cardRow(card.id);
    await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 1_000 }, now, 'en');
    expect((await cardRow(card.id)).reviewCount).toBe(1);
    const undone = await m.service.undoReview(user.id, new Date(now.getTime() + 5_000));
    expect(undone?.cardId).toBe(card.id);
    const after = await cardRow(card.id);
    const { updatedAt: _a, ...restored } = after;
    const { updatedAt: _b, ...original } = before;
    expect(restored).toEqual(original);
    const logs = await logsOf(user.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]?.undoneAt).not.toBeNull();
    // The same review can be answered again afterwards and counts.
    const again = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 1_000 }, now, 'en');
    expect(again).toMatchObject({ status: 'graded', duplicate: false });
  });

  it('bad input and other learners change nothing', async () => {
    const { user, card } = await learnerWithDeck(now);
    const other = await learnerWithDeck(now);
    const bad = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: { nonsense: true }, durationMs: 1 }, now, 'en');
    expect(bad.status).toBe('invalid');
    const foreign = await m.service.answerReview(user.id, { cardId: other.card.id, reviewIndex: 0, response: other.question.answer, durationMs: 1 }, now, 'en');
    expect(foreign.status).toBe('not-found');
    const stale = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 5, response: 'x', durationMs: 1 }, now, 'en');
    expect(stale.status).toBe('stale');
    expect(await logsOf(user.id)).toHaveLength(0);
    expect(await logsOf(other.user.id)).toHaveLength(0);
    expect((await cardRow(card.id)).reviewCount).toBe(0);
    expect(await m.service.undoReview(user.id, now)).toBeNull();
  });
});

describe('recordReview', () => {
  const now = new Date('2026-11-26T09:00:00Z');

  it('records once: a repeat is a duplicate of the first, another learner’s or an overtaken review is stale, and neither changes anything', async () => {
    const { user, card, question } = await learnerWithDeck(now);
    const other = await learnerWithDeck(now);
    const before = await m.drills.findCard(user.id, card.id);
    if (!before) throw new Error('no card');
    const { reviewCard } = await import('@/lib/srs/scheduler');
    const after = reviewCard(before, now, 3, await m.drills.getDrillSettings(user.id));
    const review = {
      userId: user.id, cardId: card.id, reviewIndex: 0, generator: card.generator, version: question.ref.version, seed: question.ref.seed, tier: 1,
      response: question.answer, correct: true, rating: 3 as const, durationMs: 1_000, before, after, reviewedAt: now,
    };
    const first = await m.drills.recordReview(review);
    expect(first.status).toBe('recorded');
    const recorded = await cardRow(card.id);
    expect(recorded.reviewCount).toBe(1);
    expect(recorded.due).toEqual(after.due);

    const again = await m.drills.recordReview({ ...review, rating: 4, reviewedAt: new Date(now.getTime() + 1_000) });
    expect(again).toEqual({ status: 'duplicate', logId: first.status === 'recorded' ? first.logId : '' });
    expect(await m.drills.recordReview({ ...review, userId: other.user.id })).toEqual({ status: 'stale' });
    expect(await m.drills.recordReview({ ...review, reviewIndex: 5 })).toEqual({ status: 'stale' });
    expect(await m.drills.recordReview({ ...review, cardId: other.card.id })).toEqual({ status: 'stale' });

    const { updatedAt: _a, ...unchanged } = await cardRow(card.id);
    const { updatedAt: _b, ...expected } = recorded;
    expect(unchanged).toEqual(expected);
    expect(await logsOf(user.id)).toHaveLength(1);
    expect((await logsOf(user.id))[0]).toMatchObject({ rating: 3, reviewIndex: 0 });
    expect(await logsOf(other.user.id)).toHaveLength(0);
    expect((await cardRow(other.card.id)).reviewCount).toBe(0);
  });
});

describe('reads in raw SQL', () => {
  it('give the same values and types as the Prisma client', async () => {
    const now = new Date('2026-11-26T09:00:00Z');
    const { user, card, question } = await learnerWithDeck(now);
    await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 2_500 }, now, 'en');
    await m.db.prisma.card.update({ where: { id: card.id }, data: { replayNext: true, stability: 2.75 } });
    const { createdAt: _c, updatedAt: _u, suspended, buriedUntil, ...row } = await cardRow(card.id);
    const found = await m.drills.findCard(user.id, card.id);
    expect(found).toEqual(row);
    expect(found?.lastReview).toBeInstanceOf(Date);
    expect(await m.drills.findCard(user.id, 'no-such-card')).toBeNull();

    expect(await m.drills.getDrillSettings(user.id)).toEqual({ desiredRetention: 0.9, newPerDay: 10, reviewsPerDay: 200, timeZone: 'UTC', examDate: null, weights: null });
    const settings = { desiredRetention: 0.85, newPerDay: 7, reviewsPerDay: 70, timeZone: 'Asia/Seoul', examDate: new Date('2026-12-20T00:00:00Z') };
    await m.drills.saveDrillSettings(user.id, settings);
    expect(await m.drills.getDrillSettings(user.id)).toEqual({ ...settings, weights: null });

    expect(await m.drills.getDeckTopics(user.id)).toEqual(['lock']);
    expect(await m.drills.recentDurations(card.id)).toEqual([2_500]);
    expect(await m.drills.lastReviewedGenerator(user.id)).toBe(card.generator);
    expect(await m.drills.hasUndoableReview(user.id)).toBe(true);
    const [candidate] = await m.drills.loadQueueCandidates(user.id, [card.generator], new Date(now.getTime() + 400 * 86_400_000), false);
    // The queue's read adds the skill browser's marks, typed as Prisma types them.
    expect(candidate).toEqual({ ...row, suspended, buriedUntil });
    expect(candidate?.suspended).toBe(false);
  });
});

describe('countToday', () => {
  it('counts standing reviews from the first instant of the day on, reviews and new cards apart', async () => {
    const now = new Date('2026-11-26T09:00:00Z');
    const dayStart = new Date('2026-11-26T00:00:00Z');
    const { user, card } = await learnerWithDeck(now);
    expect(await m.drills.countToday(user.id, dayStart)).toEqual({ reviewsToday: 0, newToday: 0 });
    const log = (n: number, reviewIndex: number, reviewedAt: Date, undoneAt: Date | null = null) =>
      m.db.prisma.reviewLog.create({
        data: {
          userId: user.id, cardId: card.id, attemptKey: `${card.id}:c${n}`, reviewIndex, generator: card.generator, version: 1, seed: BigInt(n), tier: 1,
          response: '"x"', correct: true, rating: 3, durationMs: 1_000, stateBefore: '{}', stateAfter: '{}', reviewedAt, undoneAt,
        },
      });
    await log(1, 0, dayStart);
    await log(2, 1, dayStart);
    await log(3, 2, new Date(dayStart.getTime() - 1));
    await log(4, 3, now, now);
    await log(5, 4, now);
    expect(await m.drills.countToday(user.id, dayStart)).toEqual({ reviewsToday: 2, newToday: 1 });
  });
});

describe('a review page, then its answer', () => {
  it('grades the answer against the question the page showed', async () => {
    const now = new Date('2026-11-26T09:00:00Z');
    const { user, card, question } = await learnerWithDeck(now);
    const found = await m.drills.findCard(user.id, card.id);
    const item = m.service.reviewItemFor(found!, 'en');
    expect(item.question).toEqual(m.service.reviewItemFor(found!, 'en').question);
    expect(item.question.prompt).toEqual(question.prompt);
    const outcome = await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 1_000 }, now, 'en');
    expect(outcome).toMatchObject({ status: 'graded', correct: true, answer: question.answer, explanation: question.explanation });
  });
});

describe("today's queue, read from the deck's generators only", () => {
  const now = new Date('2026-11-26T09:00:00Z');
  const MINUTE = 60_000;
  const DAY = 86_400_000;

  /**
   * A learner with every topic but one in the deck, a card of a retired generator, and cards
   * in every state: seen ones overdue (some due at the same time), not yet due, and new ones
   * (most added at one instant, as adding a topic does). Some reviews answered today.
   */
  async function heavyDeck() {
    counter += 1;
    const user = await m.db.prisma.user.create({ data: { email: `q${counter}@example.test`, name: 'Q', passwordHash: 'x' } });
    const added = new Date(now.getTime() - 30 * DAY);
    const topics = m.service.availableTopics();
    await m.service.addTopicsToDeck(user.id, topics, added);
    await m.drills.removeDeckTopic(user.id, topics[topics.length - 1]!);
    const cards = await m.db.prisma.card.findMany({ where: { userId: user.id }, orderBy: { generator: 'asc' } });
    for (const [i, card] of cards.entries()) {
      const kind = i % 4;
      if (kind === 3) {
        // New; every other one added later than the rest.
        if (i % 8 === 7) await m.db.prisma.card.update({ where: { id: card.id }, data: { due: new Date(added.getTime() + i * MINUTE) } });
        continue;
      }
      const due = kind === 2 ? new Date(now.getTime() + (i + 1) * DAY) : new Date(now.getTime() - (i % 3) * DAY);
      await m.db.prisma.card.update({
        where: { id: card.id },
        data: { state: 2, due, stability: 3 + i, difficulty: 5, reps: 3, reviewCount: 3, lastReview: new Date(now.getTime() - (8 + i) * DAY) },
      });
    }
    await m.db.prisma.card.create({ data: { userId: user.id, generator: 'retired-generator', due: added, state: 2, stability: 1, reviewCount: 1, lastReview: added } });
    // Answered today: two reviews and one new card count; an undone review and yesterday's do not.
    const reviewed = cards.slice(0, 4);
    const log = (card: (typeof cards)[number], n: number, reviewedAt: Date, extra: object = {}) =>
      m.db.prisma.reviewLog.create({
        data: {
          userId: user.id, cardId: card.id, attemptKey: `${card.id}:t${n}`, reviewIndex: n === 0 ? 0 : 1 + n, generator: card.generator, version: 1, seed: BigInt(n),
          tier: 1, response: '"x"', correct: true, rating: 3, durationMs: 1_000, stateBefore: '{}', stateAfter: '{}', reviewedAt, ...extra,
        },
      });
    await log(reviewed[0]!, 1, new Date(now.getTime() - 2 * 3_600_000));
    await log(reviewed[1]!, 2, new Date(now.getTime() - 3_600_000));
    await log(reviewed[2]!, 0, new Date(now.getTime() - 30 * MINUTE));
    await log(reviewed[3]!, 3, new Date(now.getTime() - 20 * MINUTE), { undoneAt: now });
    await log(reviewed[3]!, 4, new Date(now.getTime() - DAY));
    return { user, lastGenerator: reviewed[2]!.generator };
  }

  /** The queue made from all of the learner's cards, as it was made before only the deck's were read. */
  async function queueFromAllCards(userId: string, settings: import('@/lib/srs/types').DrillSettingsValues, counts: { reviewsToday: number; newToday: number }, lastGenerator: string) {
    const { buildQueue } = await import('@/lib/srs/queue');
    const { pickCardState } = await import('@/lib/srs/card-state');
    const topics = await m.drills.getDeckTopics(userId);
    const rows = await m.db.prisma.card.findMany({ where: { userId }, orderBy: [{ due: 'asc' }, { id: 'asc' }] });
    const cards = rows.flatMap((r) => {
      const topic = m.registry.getGenerator(r.generator)?.topic;
      return topic && topics.includes(topic) ? [{ ...pickCardState(r), id: r.id, generator: r.generator, topic }] : [];
    });
    return buildQueue({ cards, now, settings, ...counts, lastGenerator });
  }

  const limits = [
    { newPerDay: 3, reviewsPerDay: 4 },
    { newPerDay: 1, reviewsPerDay: 1 },
    { newPerDay: 10, reviewsPerDay: 200 },
    { newPerDay: 0, reviewsPerDay: 0 },
    { newPerDay: 2, reviewsPerDay: 2, examDate: new Date(now.getTime() + 10 * DAY) },
    { newPerDay: 50, reviewsPerDay: 50, examDate: new Date(now.getTime() + 10 * DAY) },
  ];

  it.each(limits)('is the queue of all the deck’s cards at the daily limits %o', async (limit) => {
    const { user, lastGenerator } = await heavyDeck();
    await m.drills.saveDrillSettings(user.id, { desiredRetention: 0.9, timeZone: 'UTC', examDate: null, ...limit });
    const { queue, counts, settings, exam } = await m.service.todaysQueue(user.id, now);
    expect(counts).toEqual({ reviewsToday: 2, newToday: 1 });
    expect(exam).toBe(limit.examDate !== undefined);
    const expected = await queueFromAllCards(user.id, settings, counts, lastGenerator);
    expect(queue.cards.map((c) => c.id)).toEqual(expected.cards.map((c) => c.id));
    expect([queue.dueCount, queue.newCount]).toEqual([expected.dueCount, expected.newCount]);
    expect(queue.dueCount).toBe(Math.min(expected.dueCount, Math.max(0, limit.reviewsPerDay - 2)));
    expect(queue.cards.some((c) => c.generator === 'retired-generator')).toBe(false);
  });

  it('breaks a tie among new cards at the cut by generator name, as buildQueue does', async () => {
    const { user } = await heavyDeck();
    await m.drills.saveDrillSettings(user.id, { desiredRetention: 0.9, timeZone: 'UTC', examDate: null, newPerDay: 3, reviewsPerDay: 0 });
    const { queue } = await m.service.todaysQueue(user.id, now);
    const fresh = await m.db.prisma.card.findMany({ where: { userId: user.id, state: 0 }, orderBy: { due: 'asc' } });
    const firstDue = fresh[0]!.due.getTime();
    const tied = fresh.filter((c) => c.due.getTime() === firstDue && m.registry.getGenerator(c.generator));
    expect(tied.length).toBeGreaterThan(2);
    const deckTopics = await m.drills.getDeckTopics(user.id);
    const byName = tied.filter((c) => deckTopics.includes(m.registry.getGenerator(c.generator)!.topic)).map((c) => c.generator).sort((a, b) => a.localeCompare(b));
    expect([...queue.cards.map((c) => c.generator)].sort((a, b) => a.localeCompare(b))).toEqual(byName.slice(0, 2));
  });
});

describe('bringing weak skills forward', () => {
  const now = new Date('2026-11-26T09:00:00Z');
  const far = new Date('2026-12-26T09:00:00Z');
  const earlier = new Date('2026-11-20T09:00:00Z');

  it("makes the learner's own cards of those skills due now, leaves cards already due and everyone else's alone, and adds none", async () => {
    const { user } = await learnerWithDeck(now);
    const { user: other } = await learnerWithDeck(now);
    await m.db.prisma.card.updateMany({ where: { userId: { in: [user.id, other.id] } }, data: { due: far } });
    const cards = await m.db.prisma.card.findMany({ where: { userId: user.id }, orderBy: { generator: 'asc' } });
    expect(cards.length).toBeGreaterThan(3);
    const [weak, alreadyDue, untouched] = cards as [(typeof cards)[0], (typeof cards)[0], (typeof cards)[0]];
    await m.db.prisma.card.update({ where: { id: alreadyDue.id }, data: { due: earlier } });
    const before = await m.db.prisma.card.count();

    const moved = await m.feed.bringForward(user.id, [weak.generator, weak.generator, alreadyDue.generator, 'no-such-generator'], now);
    expect(moved).toBe(1);
    expect((await cardRow(weak.id)).due).toEqual(now);
    expect((await cardRow(alreadyDue.id)).due).toEqual(earlier);
    expect((await cardRow(untouched.id)).due).toEqual(far);
    expect(await m.db.prisma.card.count({ where: { userId: other.id, due: { not: far } } })).toBe(0);
    expect(await m.db.prisma.card.count()).toBe(before);
    expect(await m.feed.bringForward(user.id, [], now)).toBe(0);
  });
});

describe('the review page', () => {
  const now = new Date('2026-11-26T09:00:00Z');

  it("asks the queue's next card (or the one asked for, after an undo), the same item the stored card gives", async () => {
    const { user, card } = await learnerWithDeck(now);
    const first = await m.service.nextReview(user.id, now, 'en');
    if (first.status !== 'review') throw new Error('expected a review');
    expect(first.item.cardId).toBe(card.id);
    expect(first.done).toBe(0);
    const stored = await m.drills.findCard(user.id, card.id);
    expect(first.item).toEqual(m.service.reviewItemFor(stored!, 'en'));

    const { queue } = await m.service.todaysQueue(user.id, now);
    const last = queue.cards.at(-1)!;
    const preferred = await m.service.nextReview(user.id, now, 'en', last.id);
    expect(preferred.status === 'review' && preferred.item.cardId).toBe(last.id);
    const unknown = await m.service.nextReview(user.id, now, 'en', 'not-a-card');
    expect(unknown.status === 'review' && unknown.item.cardId).toBe(card.id);
    expect(preferred.total).toBe(queue.cards.length);
  });

  it('ends the session when nothing is left, offering undo only after a standing review', async () => {
    const { user } = await learnerWithDeck(now);
    await m.db.prisma.card.updateMany({ where: { userId: user.id }, data: { due: new Date('2026-12-26T09:00:00Z'), state: 2 } });
    expect(await m.service.nextReview(user.id, now, 'en')).toMatchObject({ status: 'done', done: 0, total: 0, canUndo: false, summary: { reviewed: 0, later: 0, dueTomorrow: 0 } });
  });
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/test-database';

// The Prisma singleton reads DATABASE_URL when first imported: a fresh, migrated database first.
const database = createTestDatabase('practice');
process.env.DATABASE_URL = database.url;

type Modules = {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/drills/service');
  practice: typeof import('@/lib/drills/practice');
  stats: typeof import('@/lib/stats/service');
  drills: typeof import('@/lib/db/drills');
  dbPractice: typeof import('@/lib/db/practice');
  registry: typeof import('@/lib/questions/registry');
  seed: typeof import('@/lib/srs/seed');
  grade: typeof import('@/lib/questions/grade');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: database.url }, stdio: 'ignore' });
  m = {
    db: await import('@/lib/db/client'),
    service: await import('@/lib/drills/service'),
    practice: await import('@/lib/drills/practice'),
    stats: await import('@/lib/stats/service'),
    drills: await import('@/lib/db/drills'),
    dbPractice: await import('@/lib/db/practice'),
    registry: await import('@/lib/questions/registry'),
    seed: await import('@/lib/srs/seed'),
    grade: await import('@/lib/questions/grade'),
  };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  database.cleanup();
});

const start = new Date('2026-11-26T09:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
let counter = 0;

async function learner(topics: ('lock' | 'event')[] = ['lock']) {
  counter += 1;
  const user = await m.db.prisma.user.create({ data: { email: `p${counter}@example.test`, name: 'P', passwordHash: 'x' } });
  await m.service.addTopicsToDeck(user.id, topics, start);
  return user;
}

/** The question the server asks for an item, with its ref rebuilt from the card, to answer right or wrong. */
function questionOf(item: { cardId: string; practiceIndex: number; generator: string; tier: number }) {
  const g = m.registry.getGenerator(item.generator)!;
  return m.registry.buildQuestion({ generator: g.id, version: g.version, seed: m.seed.practiceSeed(item.cardId, item.practiceIndex), tier: item.tier as 1 });
}

/** A response the grader accepts and marks wrong (the first candidate that is one). */
function wrongResponse(question: ReturnType<typeof questionOf>): unknown {
  const { response: r, answer } = question;
  const ids = Array.isArray(answer) ? (answer as readonly string[]) : [];
  const options = r.kind === 'choice' || r.kind === 'multi' ? r.options.map((o) => o.id) : [];
  const candidates: unknown[] = [...options.filter((id) => id !== answer), ids.slice(1), [...ids].reverse(), Number(answer) + 1, answer === 'impossible' ? ['tick'] : 'impossible', 'no'];
  const wrong = candidates.find((c) => {
    const result = m.grade.grade(r, answer, c);
    return result.status === 'graded' && !result.correct;
  });
  if (wrong === undefined) throw new Error(`no wrong answer found for ${question.ref.generator}`);
  return wrong;
}

/** Every column of the learner's cards, as the database stores them. */
const cardsOf = async (userId: string) => JSON.stringify(await m.db.prisma.card.findMany({ where: { userId }, orderBy: { id: 'asc' } }));

async function practiseOnce(userId: string, selection: import('@/lib/drills/practice').PracticeSelection, at: Date, right: boolean) {
  const next = await m.practice.nextPractice(userId, selection);
  if (next.status !== 'practice') throw new Error(`expected a practice question, got ${next.status}`);
  const question = questionOf(next.item);
  const response = right ? question.answer : wrongResponse(question);
  const outcome = await m.practice.answerPractice(userId, { cardId: next.item.cardId, practiceIndex: next.item.practiceIndex, response, durationMs: 4_000 }, at, 'en');
  return { next, outcome };
}

describe('extra practice against the database', () => {
  it('records answers and leaves every card byte-identical: state, due, review count, updatedAt', async () => {
    const user = await learner();
    // Review one card first, so a card with a real FSRS state is among those practised.
    const { queue } = await m.service.todaysQueue(user.id, start);
    const card = queue.cards[0]!;
    const g = m.registry.getGenerator(card.generator)!;
    const reviewed = m.registry.buildQuestion({ generator: g.id, version: g.version, seed: m.seed.reviewSeed(card.id, 0), tier: 1 });
    expect((await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: reviewed.answer, durationMs: 3_000 }, start, 'en')).status).toBe('graded');

    const before = await cardsOf(user.id);
    const overviewBefore = await m.service.todaysQueue(user.id, minutes(9));
    const selection = { topics: ['lock'], skills: [], count: 4, since: minutes(1) };
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await practiseOnce(user.id, selection, minutes(2 + i), i % 2 === 0)).outcome);
    expect(outcomes.map((o) => o.status)).toEqual(['graded', 'graded', 'graded', 'graded']);
    expect(outcomes.map((o) => o.status === 'graded' && o.correct)).toEqual([true, false, true, false]);

    expect(await cardsOf(user.id)).toBe(before);
    expect(await m.db.prisma.practiceAnswer.count({ where: { userId: user.id } })).toBe(4);
    // Not reviews: today's counts, the queue and the review log are as they were.
    const overviewAfter = await m.service.todaysQueue(user.id, minutes(9));
    expect(overviewAfter.counts).toEqual(overviewBefore.counts);
    expect(overviewAfter.queue.cards.map((c) => c.id)).toEqual(overviewBefore.queue.cards.map((c) => c.id));
    expect(await m.db.prisma.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    // The session is over after its count, with its score.
    expect(await m.practice.nextPractice(user.id, selection)).toEqual({ status: 'done', done: 4, total: 4, correct: 2 });
    // The stats count it as practice.
    expect(await m.dbPractice.practiceTotals(user.id)).toEqual({ answered: 4, correct: 2 });
  });

  it('keeps practice out of the optimizer’s input and the standing-review count', async () => {
    const user = await learner();
    const { queue } = await m.service.todaysQueue(user.id, start);
    for (const [i, card] of queue.cards.slice(0, 2).entries()) {
      const g = m.registry.getGenerator(card.generator)!;
      const q = m.registry.buildQuestion({ generator: g.id, version: g.version, seed: m.seed.reviewSeed(card.id, 0), tier: 1 });
      await m.service.answerReview(user.id, { cardId: card.id, reviewIndex: 0, response: q.answer, durationMs: 3_000 }, minutes(i), 'en');
    }
    const rowsBefore = await m.stats.getOptimizerRows(user.id);
    const standingBefore = await m.drills.countStandingReviews(user.id);
    expect(standingBefore).toBe(2);
    const selection = { topics: ['lock'], skills: [], count: 6, since: minutes(5) };
    for (let i = 0; i < 6; i++) await practiseOnce(user.id, selection, minutes(6 + i), i % 3 !== 0);
    expect(await m.db.prisma.practiceAnswer.count({ where: { userId: user.id } })).toBe(6);
    expect(await m.stats.getOptimizerRows(user.id)).toEqual(rowsBefore);
    expect(await m.drills.countStandingReviews(user.id)).toBe(standingBefore);
  });

  it('goes round the chosen skills before repeating one, and only the chosen ones', async () => {
    const user = await learner(['lock', 'event']);
    const lockSkills = m.registry.listGenerators().filter((g) => g.topic === 'lock').map((g) => g.id);
    const [skill] = m.registry.listGenerators().filter((g) => g.topic === 'event').map((g) => g.id);
    const selection = { topics: ['lock'], skills: [skill!], count: lockSkills.length + 1, since: start };
    const asked: string[] = [];
    for (let i = 0; i < lockSkills.length + 1; i++) asked.push((await practiseOnce(user.id, selection, minutes(i), true)).next.item.generator);
    expect([...asked].sort()).toEqual([...lockSkills, skill!].sort());
  });

  it('counts a double submit once, refuses a stale or foreign answer and an invalid one, and changes nothing then', async () => {
    const user = await learner();
    const other = await learner();
    const selection = { topics: ['lock'], skills: [], count: 5, since: start };
    const next = await m.practice.nextPractice(user.id, selection);
    if (next.status !== 'practice') throw new Error('no question');
    const question = questionOf(next.item);
    const input = { cardId: next.item.cardId, practiceIndex: next.item.practiceIndex, response: question.answer, durationMs: 2_000 };
    const [a, b] = await Promise.all([m.practice.answerPractice(user.id, input, minutes(1), 'en'), m.practice.answerPractice(user.id, input, minutes(1), 'en')]);
    expect([a.status, b.status]).toEqual(['graded', 'graded']);
    if (a.status === 'graded' && b.status === 'graded') expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(await m.db.prisma.practiceAnswer.count({ where: { userId: user.id } })).toBe(1);

    const cards = await cardsOf(other.id);
    expect(await m.practice.answerPractice(other.id, input, minutes(2), 'en')).toEqual({ status: 'not-found' });
    expect(await m.practice.answerPractice(user.id, { ...input, practiceIndex: 7 }, minutes(2), 'en')).toEqual({ status: 'stale' });
    const invalid = await m.practice.answerPractice(user.id, { ...input, practiceIndex: 1, response: { not: 'an answer' } }, minutes(2), 'en');
    expect(invalid.status).toBe('invalid');
    expect(await m.db.prisma.practiceAnswer.count()).toBe(await m.db.prisma.practiceAnswer.count({ where: { userId: { not: other.id } } }));
    expect(await m.db.prisma.practiceAnswer.count({ where: { userId: user.id } })).toBe(1);
    expect(await cardsOf(other.id)).toBe(cards);
    // Someone else's selection of the same topic has its own session: empty for a learner without cards.
    const stranger = await m.db.prisma.user.create({ data: { email: `stranger${counter}@example.test`, name: 'S', passwordHash: 'x' } });
    expect(await m.practice.nextPractice(stranger.id, selection)).toEqual({ status: 'empty' });
  });
});

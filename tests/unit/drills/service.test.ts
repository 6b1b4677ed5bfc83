import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The app's Prisma singleton reads DATABASE_URL when first imported: point it at a fresh,
// migrated database before loading any lib/db module.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-drills-'));
const url = `file:${path.join(dir, 'drills.db')}`;
process.env.DATABASE_URL = url;

type Modules = {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/drills/service');
  registry: typeof import('@/lib/questions/registry');
  seed: typeof import('@/lib/srs/seed');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = {
    db: await import('@/lib/db/client'),
    service: await import('@/lib/drills/service'),
    registry: await import('@/lib/questions/registry'),
    seed: await import('@/lib/srs/seed'),
  };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
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
    }
    const logs = await logsOf(user.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ correct: true, rating: 3, reviewIndex: 0, generator: card.generator });
    expect((await cardRow(card.id)).reviewCount).toBe(1);
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

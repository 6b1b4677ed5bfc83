/**
 * Drill latency on a heavy learner: server-side time from a submitted answer to the next
 * question ready (grade + record in one transaction + rebuild today's queue + build the next
 * question), on SQLite with 1,000 cards and 100,000 review logs. Target p95 ≤ 30 ms.
 * Run with the react-server condition (npm run bench does), as the app's server code runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './run';

const CARDS = 1_000;
const LOGS = 100_000;
const ITERATIONS = 300;
const WARMUP = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  process.env.DATABASE_URL = url;
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  // Loaded after DATABASE_URL is set: the app's client singleton opens this database.
  const { prisma: db } = await import('@/lib/db/client');
  const { listGenerators } = await import('@/lib/questions/registry');
  const { addTopicsToDeck, answerReview, reviewItemFor, todaysQueue } = await import('@/lib/drills/service');
  const { findCard } = await import('@/lib/db/drills');
  const { buildQuestion } = await import('@/lib/questions/registry');

  const user = await db.user.create({ data: { email: 'bench@example.test', name: 'Bench', passwordHash: 'x', role: 'STUDENT' } });
  const start = new Date('2026-01-01T00:00:00Z');
  const now = new Date('2026-11-26T12:00:00Z');
  const topics = [...new Set(listGenerators().map((g) => g.topic))];
  await addTopicsToDeck(user.id, topics, start);
  await db.drillSettings.create({ data: { userId: user.id, newPerDay: 100, reviewsPerDay: 10_000 } });
  // Fill up to 1,000 cards: the registry's skills plus cards of retired generators (stored, never asked).
  const real = await db.card.count({ where: { userId: user.id } });
  const filler = Array.from({ length: CARDS - real }, (_, i) => ({
    userId: user.id,
    generator: `retired-${i}`,
    due: new Date(start.getTime() + (i % 300) * 86_400_000),
    state: 2,
    stability: 10,
    difficulty: 5,
    reps: 5,
    lastReview: start,
  }));
  await db.card.createMany({ data: filler });
  const cards = await db.card.findMany({ where: { userId: user.id }, select: { id: true, generator: true } });
  const batch = 5_000;
  for (let b = 0; b < LOGS; b += batch) {
    const rows = Array.from({ length: Math.min(batch, LOGS - b) }, (_, j) => {
      const i = b + j;
      const card = cards[i % cards.length]!;
      return {
        userId: user.id,
        cardId: card.id,
        attemptKey: `${card.id}:hist-${i}`,
        reviewIndex: 1_000_000 + i,
        generator: card.generator,
        version: 1,
        seed: BigInt(i),
        tier: 1,
        response: '"x"',
        correct: i % 5 !== 0,
        rating: i % 5 === 0 ? 1 : 3,
        durationMs: 5_000 + (i % 7) * 1_000,
        stateBefore: '{}',
        stateAfter: '{}',
        reviewedAt: new Date(start.getTime() + (i / LOGS) * (now.getTime() - start.getTime() - 86_400_000)),
      };
    });
    await db.reviewLog.createMany({ data: rows });
  }

  const times: number[] = [];
  let clock = now.getTime();
  for (let i = 0; i < ITERATIONS + WARMUP; i++) {
    // Fifteen minutes between answers: cards in learning steps come due again.
    clock += 15 * 60_000;
    const at = new Date(clock);
    const { queue } = await todaysQueue(user.id, at);
    const next = queue.cards[0];
    if (!next) {
      clock += 86_400_000; // nothing due: tomorrow
      i--;
      continue;
    }
    const card = (await findCard(user.id, next.id))!;
    const question = buildQuestion({ ...reviewItemFor(card, 'en'), generator: card.generator });
    const t0 = performance.now();
    const outcome = await answerReview(user.id, { cardId: card.id, reviewIndex: card.reviewCount, response: question.answer, durationMs: 4_000 }, at, 'en');
    if (outcome.status !== 'graded') throw new Error(`review not graded: ${outcome.status}`);
    const after = await todaysQueue(user.id, at);
    const following = after.queue.cards[0];
    if (following) {
      const nextCard = await findCard(user.id, following.id);
      if (nextCard) reviewItemFor(nextCard, 'en');
    }
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  console.log(`| learner | reviews measured | p50 ms | p95 ms | max ms |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  console.log(
    `| ${CARDS} cards, ${LOGS} logs | ${times.length} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} | ${times[times.length - 1]?.toFixed(2)} |`,
  );
}

export const bench: Bench = {
  name: 'drills',
  description: 'submitted answer → next question ready (SQLite, 1,000 cards, 100,000 logs); target p95 ≤ 30 ms',
  run,
};

/**
 * Drill latency on a heavy learner: server-side time from a submitted answer to the next
 * question ready (grade + record in one transaction + rebuild today's queue + build the next
 * question, or check for an undoable review when the session is over, as the review page
 * does), on SQLite with 1,000 cards and 100,000 review logs. Target p95 ≤ 30 ms.
 * Run with the react-server condition (npm run bench does), as the app's server code runs.
 *
 * The learner answers every question right, fifteen minutes apart. When nothing is due, they
 * come back at 08:00 UTC the morning after the next card falls due, to a session of every card
 * due by then (unmeasured): stepping a day at a time would spend the run rebuilding empty
 * queues across the years that Good answers schedule ahead.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './run';

const CARDS = 1_000;
const LOGS = 100_000;
const ITERATIONS = 300;
const WARMUP = 30;
/** Review logs per INSERT … SELECT FROM json_each(?) statement in the setup. */
const LOG_CHUNK = 10_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** How Prisma stores a DateTime in SQLite (text, ISO 8601 with +00:00), as lib/db/progress.ts writes it. */
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

async function run() {
  const setupStarted = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'));
  try {
    await measure(dir, setupStarted);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string, setupStarted: number) {
  const url = `file:${path.join(dir, 'bench.db')}`;
  process.env.DATABASE_URL = url;
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  // Loaded after DATABASE_URL is set: the app's client singleton opens this database.
  const { prisma: db } = await import('@/lib/db/client');
  const { listGenerators } = await import('@/lib/questions/registry');
  const { addTopicsToDeck, answerReview, reviewItemFor, todaysQueue } = await import('@/lib/drills/service');
  const { findCard, hasUndoableReview } = await import('@/lib/db/drills');
  const { buildQuestion } = await import('@/lib/questions/registry');

  const user = await db.user.create({ data: { email: 'bench@example.test', name: 'Bench', passwordHash: 'x', role: 'STUDENT' } });
  const start = new Date('2026-01-01T00:00:00Z');
  const now = new Date('2026-11-26T12:00:00Z');
  const generators = listGenerators().map((g) => g.id);
  const topics = [...new Set(listGenerators().map((g) => g.topic))];
  await addTopicsToDeck(user.id, topics, start);
  await db.drillSettings.create({ data: { userId: user.id, newPerDay: 100, reviewsPerDay: 10_000 } });
  // Fill up to 1,000 cards: the registry's skills plus cards of retired generators (stored, never asked).
  const real = await db.card.count({ where: { userId: user.id } });
  const filler = Array.from({ length: CARDS - real }, (_, i) => ({
    userId: user.id,
    generator: `retired-${i}`,
    due: new Date(start.getTime() + (i % 300) * DAY),
    state: 2,
    stability: 10,
    difficulty: 5,
    reps: 5,
    lastReview: start,
  }));
  await db.card.createMany({ data: filler });
  const cards = await db.card.findMany({ where: { userId: user.id }, select: { id: true, generator: true } });
  // The history goes in through json_each, one bound parameter per chunk: Prisma's createMany
  // binds every column of every row and spent about a minute here.
  for (let b = 0; b < LOGS; b += LOG_CHUNK) {
    const rows = Array.from({ length: Math.min(LOG_CHUNK, LOGS - b) }, (_, j) => {
      const i = b + j;
      const card = cards[i % cards.length]!;
      const reviewedAt = new Date(start.getTime() + (i / LOGS) * (now.getTime() - start.getTime() - DAY));
      // id, cardId, attemptKey, reviewIndex, generator, seed, correct, rating, durationMs, reviewedAt
      return [`c${randomBytes(12).toString('hex')}`, card.id, `${card.id}:hist-${i}`, 1_000_000 + i, card.generator, i, i % 5 !== 0 ? 1 : 0, i % 5 === 0 ? 1 : 3, 5_000 + (i % 7) * 1_000, sqliteDate(reviewedAt)];
    });
    await db.$executeRaw`
      INSERT INTO ReviewLog (id, userId, cardId, attemptKey, reviewIndex, generator, version, seed, tier, response, correct, rating, durationMs, stateBefore, stateAfter, reviewedAt)
      SELECT json_extract(value, '$[0]'), ${user.id}, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
             json_extract(value, '$[4]'), 1, json_extract(value, '$[5]'), 1, '"x"', json_extract(value, '$[6]'), json_extract(value, '$[7]'),
             json_extract(value, '$[8]'), '{}', '{}', json_extract(value, '$[9]')
      FROM json_each(${JSON.stringify(rows)})`;
  }
  const logCount = await db.reviewLog.count({ where: { userId: user.id } });
  if (logCount !== LOGS) throw new Error(`expected ${LOGS} review logs, found ${logCount}`);
  const setupMs = performance.now() - setupStarted;

  const phases = { answer: [] as number[], queue: [] as number[], next: [] as number[] };
  const times: number[] = [];
  /** CPU time of the process per answer, all its threads (GC too): less swayed than wall time by other work on the machine. */
  const cpuTimes: number[] = [];
  let clock = now.getTime();
  let skips = 0;
  /** Measured answers followed by a next question (the others end the session: the all-done page). */
  let nextBuilt = 0;
  const loopStarted = performance.now();
  for (let i = 0; i < ITERATIONS + WARMUP; i++) {
    // Fifteen minutes between answers: cards in learning steps come due again.
    clock += 15 * MINUTE;
    const at = new Date(clock);
    const { queue } = await todaysQueue(user.id, at);
    const next = queue.cards[0];
    if (!next) {
      // Nothing due: back the morning after the next card falls due (the next morning, should a daily limit be the reason).
      const soonest = await db.card.findFirst({ where: { userId: user.id, generator: { in: generators } }, orderBy: { due: 'asc' }, select: { due: true } });
      const from = Math.max(clock, soonest?.due.getTime() ?? clock);
      clock = Math.floor(from / DAY) * DAY + DAY + 8 * 60 * MINUTE - 15 * MINUTE;
      skips++;
      i--;
      continue;
    }
    const card = (await findCard(user.id, next.id))!;
    const question = buildQuestion({ ...reviewItemFor(card, 'en'), generator: card.generator });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // One answer in five is wrong (a choice question's other option): a lapse comes back within the session, as for a real learner.
    const wrong = i % 5 === 4 && question.response.kind === 'choice' ? question.response.options.find((o) => o.id !== question.answer)?.id : undefined;
    const outcome = await answerReview(user.id, { cardId: card.id, reviewIndex: card.reviewCount, response: wrong ?? question.answer, durationMs: 4_000 }, at, 'en');
    if (outcome.status !== 'graded') throw new Error(`review not graded: ${outcome.status}`);
    const t1 = performance.now();
    const after = await todaysQueue(user.id, at);
    const t2 = performance.now();
    // What the review page then does: the next card's question, or the all-done page's undo check.
    const following = after.queue.cards[0];
    if (following) {
      const nextCard = await findCard(user.id, following.id);
      if (nextCard) reviewItemFor(nextCard, 'en');
      if (i >= WARMUP) nextBuilt++;
    } else {
      await hasUndoableReview(user.id);
    }
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    if (i >= WARMUP) {
      times.push(t3 - t0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      phases.answer.push(t1 - t0);
      phases.queue.push(t2 - t1);
      phases.next.push(t3 - t2);
    }
  }
  const loopMs = performance.now() - loopStarted;
  await db.$disconnect();
  const row = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `| ${label} | ${sorted.length} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${sorted[sorted.length - 1]?.toFixed(2)} |`;
  };
  console.log(`| ${CARDS} cards, ${LOGS} logs | reviews measured | p50 ms | p95 ms | max ms |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  console.log(row('answer → next question ready', times));
  console.log(row('· answerReview', phases.answer));
  console.log(row('· todaysQueue', phases.queue));
  console.log(row('· next question, or the all-done page', phases.next));
  console.log(row('CPU time of the process per answer', cpuTimes));
  console.log(
    `\nsetup ${(setupMs / 1000).toFixed(1)} s (migrate, deck, cards, ${LOGS} logs); loop ${(loopMs / 1000).toFixed(1)} s, ` +
      `${ITERATIONS + WARMUP} answers (${WARMUP} warm-up), ${skips} sessions after the first, ${nextBuilt} of ${times.length} measured answers followed by a next question; ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} load average`,
  );
}

export const bench: Bench = {
  name: 'drills',
  description: 'submitted answer → next question ready (SQLite, 1,000 cards, 100,000 logs); target p95 ≤ 30 ms',
  run,
};

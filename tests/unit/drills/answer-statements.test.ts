// The statements one drill answer runs on SQLite (grade, record, and the next review), the
// hottest request of the app: the learner's last generator is the card just answered, not a
// read of the review log; a repeated answer (nothing recorded) still reads it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-answer-statements-'));
const url = `file:${path.join(dir, 'test.db')}`;
process.env.DATABASE_URL = url;

// Every statement SQLite runs while `tracing` is on (better-sqlite3's Statement methods, which Prisma's adapter calls).
const ran: string[] = [];
let tracing = false;
const statementPrototype = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
const originals = new Map<string, (...args: unknown[]) => unknown>();
for (const method of ['all', 'run', 'get', 'iterate']) {
  const original = statementPrototype[method]!;
  originals.set(method, original);
  statementPrototype[method] = function (this: { source: string }, ...args: unknown[]) {
    if (tracing) ran.push(this.source.replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  };
}

let m: {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/drills/service');
  registry: typeof import('@/lib/questions/registry');
};

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = { db: await import('@/lib/db/client'), service: await import('@/lib/drills/service'), registry: await import('@/lib/questions/registry') };
}, 120_000);

afterAll(async () => {
  for (const [method, original] of originals) statementPrototype[method] = original;
  await m?.db.prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function during(work: () => Promise<unknown>): Promise<string[]> {
  ran.length = 0;
  tracing = true;
  try {
    await work();
  } finally {
    tracing = false;
  }
  return [...ran];
}

const readsLastGenerator = (sql: string) => /^SELECT generator FROM "ReviewLog"/.test(sql);

describe('one drill answer on SQLite', () => {
  it('records the review and reads the next one without reading back the generator it just answered', async () => {
    const now = new Date('2026-11-26T09:00:00Z');
    const user = await m.db.prisma.user.create({ data: { email: 'statements@example.test', name: 'S', passwordHash: 'x' } });
    await m.service.addTopicsToDeck(user.id, ['lock', 'cow'], now);
    const first = await m.service.nextReview(user.id, now, 'en');
    if (first.status !== 'review') throw new Error('the deck has cards');
    const { item } = first;
    const answer = m.registry.buildQuestion({ generator: item.generator, version: item.version, seed: item.seed, tier: item.tier }).answer;
    const input = { cardId: item.cardId, reviewIndex: item.reviewIndex, response: answer, durationMs: 3_000 };

    let outcome: Awaited<ReturnType<typeof m.service.answerAndNext>> | undefined;
    const answered = await during(async () => (outcome = await m.service.answerAndNext(user.id, input, now, 'en')));
    expect(outcome).toMatchObject({ status: 'graded', duplicate: false, next: { status: 'review' } });
    expect(answered.filter(readsLastGenerator)).toEqual([]);
    // Settings, card, its durations; the write transaction (BEGIN, write lock, card, log, COMMIT);
    // deck topics, today's counts, due cards.
    expect(answered, answered.join('\n')).toHaveLength(11);
    // The queue it read is the one the review page reads, which does read the last generator.
    const page = await during(async () => expect((outcome as { next: unknown }).next).toEqual(await m.service.nextReview(user.id, now, 'en')));
    expect(page.filter(readsLastGenerator)).toHaveLength(1);

    // The same answer again records nothing: the last review may be another card's, so it is read.
    const repeated = await during(() => m.service.answerAndNext(user.id, input, now, 'en'));
    expect(repeated.filter(readsLastGenerator)).toHaveLength(1);
  });
});

// The progress queries, export and import, against a fresh SQLite database migrated with the
// real Prisma CLI. lib/db/progress.ts takes the client as a parameter, so nothing is mocked.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { importProgress, loadDayCounts, loadProgressRows, ProgressImportError } from '@/lib/db/progress';
import { listGenerators } from '@/lib/questions/registry';
import { newCardState, serializeCardState } from '@/lib/srs/mapper';
import { reviewCard } from '@/lib/srs/scheduler';
import { DEFAULT_SETTINGS, RATING, type CardState, type RatingValue } from '@/lib/srs/types';
import { loadLearnerStats, loadOptimizerRows } from '@/lib/stats/learner-stats';
import { parseProgressFile, progressFile, type ImportIssue, type ProgressData, type ProgressFileJson } from '@/lib/stats/progress-file';

const root = path.resolve(__dirname, '../../..');
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const CLI_TIMEOUT_MS = 120_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NOW = new Date('2026-11-26T12:00:00Z');

let database: TestDatabase | undefined;
let db: PrismaClient;

beforeAll(() => {
  database = createTestDatabase('progress');
  const url = database.url;
  const result = spawnSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  db = createPrismaClient(url);
}, CLI_TIMEOUT_MS);

afterAll(async () => {
  await db?.$disconnect();
  database?.cleanup();
});

let userCounter = 0;
async function newUser(): Promise<string> {
  userCounter += 1;
  const user = await db.user.create({ data: { email: `u${userCounter}@example.test`, name: `User ${userCounter}`, passwordHash: `secret-hash-${userCounter}` } });
  return user.id;
}

const generatorsOf = (topic: string) => listGenerators().filter((g) => g.topic === topic);

/**
 * A learner with settings, two deck topics, a card per generator of them, and a few reviews per
 * card made with the real scheduler — the last one of the first card undone, as the app does it.
 */
async function seedLearner(userId: string, opts: { timeZone?: string } = {}) {
  await db.drillSettings.create({ data: { userId, desiredRetention: 0.85, newPerDay: 7, reviewsPerDay: 150, timeZone: opts.timeZone ?? 'Asia/Seoul', examDate: new Date('2027-01-15T00:00:00Z') } });
  const topics = ['lock', 'cow'];
  for (const [i, topic] of topics.entries()) await db.deckTopic.create({ data: { userId, topic, addedAt: new Date(NOW.getTime() - (40 - i) * DAY) } });
  const generators = topics.flatMap((t) => generatorsOf(t)).slice(0, 4);
  expect(generators.length).toBeGreaterThanOrEqual(3);
  const schedule: [RatingValue, number][] = [
    [RATING.good, -30 * DAY],
    [RATING.good, -30 * DAY + 600_000],
    [RATING.again, -20 * DAY],
    [RATING.good, -20 * DAY + 600_000],
    [RATING.good, -5 * DAY],
    [RATING.easy, -HOUR],
  ];
  for (const [gi, g] of generators.entries()) {
    const start = new Date(NOW.getTime() - 31 * DAY);
    const created = await db.card.create({ data: { userId, generator: g.id, ...newCardState(start), createdAt: start } });
    let state: CardState = newCardState(start);
    const steps = schedule.slice(0, 3 + gi);
    for (const [index, [rating, offset]] of steps.entries()) {
      const at = new Date(NOW.getTime() + offset + gi * 60_000);
      const after = reviewCard(state, at, rating, DEFAULT_SETTINGS);
      const tier = g.tiers.includes(state.tier as 1 | 2 | 3) ? state.tier : g.tiers[0]!;
      await db.reviewLog.create({
        data: {
          userId,
          cardId: created.id,
          attemptKey: `${created.id}:${index}`,
          reviewIndex: index,
          generator: g.id,
          version: g.version,
          seed: BigInt(1000 + gi * 10 + index),
          tier,
          response: JSON.stringify({ choice: index % 2 === 0 ? 'a' : ['x', 1] }),
          correct: rating !== RATING.again,
          rating,
          durationMs: 4000 + index * 100,
          stateBefore: serializeCardState(state),
          stateAfter: serializeCardState(after),
          reviewedAt: at,
        },
      });
      state = after;
    }
    await db.card.update({ where: { id: created.id }, data: { ...state } });
  }
  // Undo the newest review of the first card: the card goes back, the log stays, marked.
  const first = await db.card.findFirstOrThrow({ where: { userId, generator: generators[0]!.id } });
  const last = await db.reviewLog.findFirstOrThrow({ where: { cardId: first.id }, orderBy: { reviewedAt: 'desc' } });
  const before = JSON.parse(last.stateBefore) as Record<string, unknown>;
  await db.card.update({
    where: { id: first.id },
    data: { reviewCount: before.reviewCount as number, state: before.state as number, due: new Date(before.due as string), tier: before.tier as number },
  });
  await db.reviewLog.update({ where: { id: last.id }, data: { undoneAt: new Date(NOW.getTime() - 30 * 60_000), attemptKey: `${last.attemptKey}:undone:${last.id}` } });
  return { generators: generators.map((g) => g.id) };
}

/** What the export route sends: the learner's rows as a progress file. */
const exportProgress = async (_db: PrismaClient, userId: string, at: Date) => progressFile(await loadProgressRows(db, userId), at);

/** The export with ids replaced by what they name, for comparing two learners' progress. */
function normalize(file: ProgressFileJson) {
  const generatorOf = new Map(file.cards.map((c) => [c.id, c.generator]));
  return {
    settings: file.settings,
    deckTopics: file.deckTopics,
    cards: file.cards.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.generator.localeCompare(b.generator)),
    reviews: file.reviews
      .map(({ id: _id, cardId, ...rest }) => ({ card: generatorOf.get(cardId), ...rest }))
      .sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt) || String(a.card).localeCompare(String(b.card)) || a.reviewIndex - b.reviewIndex),
  };
}

/** Everything stored for a user, to prove that a rejected import changed nothing. */
async function snapshot(userId: string) {
  const [settings, deck, cards, logs] = await Promise.all([
    db.drillSettings.findMany({ where: { userId } }),
    db.deckTopic.findMany({ where: { userId }, orderBy: { topic: 'asc' } }),
    db.card.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
    db.reviewLog.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ settings, deck, cards, logs }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** What the import action does: validate, then write only a valid file. */
async function tryImport(userId: string, text: string): Promise<{ status: 'ok' } | { status: 'invalid'; issues: ImportIssue[] }> {
  const parsed = parseProgressFile(text);
  if (parsed.status === 'invalid') return parsed;
  await importProgress(db, userId, parsed.data);
  return { status: 'ok' };
}

describe('export', () => {
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    alice = await newUser();
    bob = await newUser();
    await seedLearner(alice);
    await seedLearner(bob, { timeZone: 'UTC' });
  });

  it('holds only the learner’s own data and no account secrets', async () => {
    const file = await exportProgress(db, alice, NOW);
    expect(file).toMatchObject({ format: 'lockstep-progress', version: 2, exportedAt: NOW.toISOString() });
    expect(file.settings).toEqual({ desiredRetention: 0.85, newPerDay: 7, reviewsPerDay: 150, timeZone: 'Asia/Seoul', examDate: '2027-01-15T00:00:00.000Z', weights: null });
    expect(file.deckTopics.map((d) => d.topic)).toEqual(['lock', 'cow']);
    const text = JSON.stringify(file);
    expect(text).not.toContain('secret-hash');
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('@example.test');
    const bobCards = await db.card.findMany({ where: { userId: bob }, select: { id: true } });
    for (const c of bobCards) expect(text).not.toContain(c.id);
    const aliceLogs = await db.reviewLog.count({ where: { userId: alice } });
    expect(file.reviews).toHaveLength(aliceLogs);
    expect(file.reviews.filter((r) => r.undoneAt !== null)).toHaveLength(1);
    expect(file.reviews[0]?.response).toEqual({ choice: 'a' });
    expect(typeof file.reviews[0]?.stateBefore.due).toBe('string');
  });

  it('gives the optimizer rows without undone reviews, by card then time, with elapsed local days', async () => {
    const rows = await loadOptimizerRows(db, alice);
    const standing = await db.reviewLog.count({ where: { userId: alice, undoneAt: null } });
    expect(rows).toHaveLength(standing);
    const sorted = [...rows].sort((a, b) => (a.card_id < b.card_id ? -1 : a.card_id > b.card_id ? 1 : a.review_time - b.review_time));
    expect(rows).toEqual(sorted);
    const ids = new Set((await db.card.findMany({ where: { userId: alice }, select: { id: true } })).map((c) => c.id));
    for (const row of rows) expect(ids.has(row.card_id)).toBe(true);
    const byCard = new Map<string, typeof rows>();
    for (const r of rows) byCard.set(r.card_id, [...(byCard.get(r.card_id) ?? []), r]);
    const longest = [...byCard.values()].sort((a, b) => b.length - a.length)[0]!;
    expect(longest).toHaveLength(6);
    // Reviews 30 days ago, 10 minutes later, then 20 days ago: state 0, then 1, then 2.
    expect(longest.slice(0, 3).map((r) => [r.review_state, r.elapsed_days])).toEqual([
      [0, 0],
      [1, 0],
      [2, 10],
    ]);
    expect(longest.map((r) => r.review_rating)).toEqual([3, 3, 1, 3, 3, 4]);
    expect(longest.at(-1)!.elapsed_days).toBe(5);
  });

  it('feeds the stats page: undone reviews and other learners left out', async () => {
    const stats = await loadLearnerStats(db, alice, NOW);
    const standing = await db.reviewLog.count({ where: { userId: alice, undoneAt: null } });
    expect(stats.timeZone).toBe('Asia/Seoul');
    expect(stats.today).toBe('2026-11-26');
    expect(stats.totalReviews).toBe(standing);
    expect(stats.deckTopics).toEqual(['lock', 'cow']);
    // Reviews an hour ago and 5 days ago: today is active, yesterday not.
    expect(stats.streak).toMatchObject({ current: 1, reviewedToday: true });
    expect(stats.mastery.map((m) => m.topic).every((t) => ['lock', 'cow'].includes(t))).toBe(true);
    expect(stats.mastery.reduce((n, m) => n + m.cards, 0)).toBe(await db.card.count({ where: { userId: alice } }));
    expect(stats.forecast.days).toHaveLength(30);
    // Within 30 days: the Again 20 days ago and the reviews 5 days ago and an hour ago that were in the Review state.
    const groups = await db.reviewLog.findMany({ where: { userId: alice, undoneAt: null, reviewedAt: { gte: new Date(NOW.getTime() - 30 * DAY) } } });
    const inReview = groups.filter((g) => JSON.parse(g.stateBefore).state === 2);
    expect(stats.retention.overall.reviews).toBe(inReview.length);
    expect(stats.retention.overall.passed).toBe(inReview.filter((g) => g.rating !== 1).length);
  });
});

describe('reviews per local day, grouped in SQL', () => {
  let learner: string;
  const instants = [
    '2026-03-08T04:59:00Z', // New York: 7 March (EST)
    '2026-03-08T05:00:00Z', // 8 March 00:00 EST
    '2026-03-08T07:00:00Z', // 8 March 03:00 EDT
    '2026-03-09T03:59:00Z', // 8 March 23:59 EDT
    '2026-03-09T04:00:00Z', // 9 March 00:00 EDT
    '2026-05-01T18:14:59Z', // Kathmandu 23:59:59
    '2026-05-01T18:15:00Z', // Kathmandu 00:00 next day
  ];
  beforeAll(async () => {
    learner = await newUser();
    const other = await newUser();
    for (const userId of [learner, other]) {
      const card = await db.card.create({ data: { userId, generator: 'g', ...newCardState(NOW) } });
      for (const [i, iso] of instants.entries()) {
        await db.reviewLog.create({
          data: { userId, cardId: card.id, attemptKey: `${card.id}:${i}`, reviewIndex: i, generator: 'g', version: 1, seed: 1n, tier: 1, response: '1', correct: true, rating: 3, durationMs: 1, stateBefore: '{}', stateAfter: '{}', reviewedAt: new Date(iso) },
        });
      }
      // An undone review never counts.
      await db.reviewLog.create({
        data: { userId, cardId: card.id, attemptKey: `${card.id}:99:undone`, reviewIndex: 99, generator: 'g', version: 1, seed: 1n, tier: 1, response: '1', correct: true, rating: 3, durationMs: 1, stateBefore: '{}', stateAfter: '{}', reviewedAt: new Date('2026-03-08T12:00:00Z'), undoneAt: new Date('2026-03-08T12:01:00Z') },
      });
    }
  });

  const count = async (zone: string, from: Date | null = new Date('2026-01-01T00:00:00Z')) =>
    Object.fromEntries(await loadDayCounts(db, learner, from, new Date('2027-01-01T00:00:00Z'), zone));

  it('follows the learner’s zone across a DST change (New York)', async () => {
    expect(await count('America/New_York')).toEqual({ '2026-03-07': 1, '2026-03-08': 3, '2026-03-09': 1, '2026-05-01': 2 });
  });

  it('in UTC, in Seoul and in Kathmandu (UTC+5:45)', async () => {
    expect(await count('UTC')).toEqual({ '2026-03-08': 3, '2026-03-09': 2, '2026-05-01': 2 });
    expect(await count('Asia/Seoul')).toEqual({ '2026-03-08': 3, '2026-03-09': 2, '2026-05-02': 2 });
    expect(await count('Asia/Kathmandu')).toEqual({ '2026-03-08': 3, '2026-03-09': 2, '2026-05-01': 1, '2026-05-02': 1 });
  });

  it('from the first review when no start is given, and empty for a learner without reviews', async () => {
    expect(await count('UTC', null)).toEqual({ '2026-03-08': 3, '2026-03-09': 2, '2026-05-01': 2 });
    expect((await loadDayCounts(db, await newUser(), null, NOW, 'UTC')).size).toBe(0);
  });
});

describe('import', () => {
  let source: string;
  let exported: ProgressFileJson;
  beforeAll(async () => {
    source = await newUser();
    await seedLearner(source);
    exported = await exportProgress(db, source, NOW);
  });

  let target: string;
  beforeEach(async () => {
    target = await newUser();
    await seedLearner(target, { timeZone: 'UTC' });
  });

  it('round-trips: export → import gives the same progress, with fresh ids and attempt keys', async () => {
    const result = await tryImport(target, JSON.stringify(exported));
    expect(result).toEqual({ status: 'ok' });
    const again = await exportProgress(db, target, NOW);
    expect(normalize(again)).toEqual(normalize(exported));

    const sourceIds = new Set(exported.cards.map((c) => c.id));
    const cards = await db.card.findMany({ where: { userId: target } });
    expect(cards).toHaveLength(exported.cards.length);
    for (const c of cards) expect(sourceIds.has(c.id)).toBe(false);
    const logs = await db.reviewLog.findMany({ where: { userId: target } });
    const sourceLogIds = new Set(exported.reviews.map((r) => r.id));
    for (const log of logs) {
      expect(sourceLogIds.has(log.id)).toBe(false);
      expect(log.attemptKey).toBe(log.undoneAt ? `${log.cardId}:${log.reviewIndex}:undone:${log.id}` : `${log.cardId}:${log.reviewIndex}`);
    }
    // The source learner is untouched.
    expect(normalize(await exportProgress(db, source, NOW))).toEqual(normalize(exported));
  });

  it('imports a file exported before (tests/unit/stats/fixtures/progress-v1.json) to the same progress', async () => {
    const text = fs.readFileSync(path.join(root, 'tests', 'unit', 'stats', 'fixtures', 'progress-v1.json'), 'utf8');
    expect(await tryImport(target, text)).toEqual({ status: 'ok' });
    // A version 1 file has no weights: it imports as the defaults and exports again as version 2.
    const v1 = JSON.parse(text) as ProgressFileJson;
    const asV2 = { ...v1, version: 2, settings: { ...v1.settings!, weights: null } };
    expect(normalize(await exportProgress(db, target, NOW))).toEqual(normalize(asV2 as ProgressFileJson));
  });

  it('replaces the learner’s own progress when re-importing their export', async () => {
    const own = await exportProgress(db, target, NOW);
    expect(await tryImport(target, JSON.stringify(own))).toEqual({ status: 'ok' });
    expect(normalize(await exportProgress(db, target, NOW))).toEqual(normalize(own));
  });

  it('imports an empty progress file (no settings, deck, cards or reviews)', async () => {
    const empty = { ...exported, settings: null, deckTopics: [], cards: [], reviews: [] };
    expect(await tryImport(target, JSON.stringify(empty))).toEqual({ status: 'ok' });
    expect(await db.card.count({ where: { userId: target } })).toBe(0);
    expect(await db.drillSettings.count({ where: { userId: target } })).toBe(0);
  });

  type Mutation = (file: ProgressFileJson & Record<string, unknown>) => unknown;
  const clone = (): ProgressFileJson & Record<string, unknown> => JSON.parse(JSON.stringify(exported));
  const bad: [string, Mutation | string, Partial<ImportIssue> | ((file: ProgressFileJson) => Partial<ImportIssue>)][] = [
    ['not JSON', '{"format": "lockstep-progress", ', { code: 'not-json', section: 'file' }],
    ['a JSON array', '[1, 2]', { code: 'format', section: 'file' }],
    ['the wrong format', (f) => ({ ...f, format: 'anki-deck' }), { code: 'format', section: 'file', field: 'format', value: '"anki-deck"' }],
    ['an unsupported version', (f) => ({ ...f, version: 3 }), { code: 'version', section: 'file', field: 'version', value: '3' }],
    ['an unknown generator', (f) => ((f.cards[0]!.generator = 'no-such-generator'), f), { code: 'unknown-generator', section: 'cards', row: 1, field: 'generator', value: 'no-such-generator' }],
    ['rating 7', (f) => ((f.reviews[2]!.rating = 7), f), { code: 'too-big', section: 'reviews', row: 3, field: 'rating', max: '4' }],
    ['a missing field', (f) => (delete (f.cards[1] as Partial<ProgressFileJson['cards'][number]>).due, f), { code: 'missing', section: 'cards', row: 2, field: 'due' }],
    ['a review of a card not in the file', (f) => ((f.reviews[4]!.cardId = 'ghost-card'), f), { code: 'unknown-card', section: 'reviews', row: 5, field: 'cardId', value: 'ghost-card' }],
    ['a duplicate card', (f) => (f.cards.push({ ...f.cards[0]!, generator: f.cards[1]!.generator }), f), (file) => ({ code: 'duplicate-card', section: 'cards', row: file.cards.length + 1, field: 'id' })],
    ['two cards for one generator', (f) => (f.cards.push({ ...f.cards[0]!, id: 'another-id' }), f), { code: 'duplicate-generator', section: 'cards', field: 'generator' }],
    ['a fractional tier', (f) => ((f.cards[0]!.tier = 2.5), f), { code: 'int', section: 'cards', row: 1, field: 'tier' }],
    ['a text where a number belongs', (f) => (((f.reviews[0] as Record<string, unknown>).durationMs = 'fast'), f), { code: 'type', section: 'reviews', row: 1, field: 'durationMs', expected: 'number' }],
    ['a bad date', (f) => ((f.reviews[0]!.reviewedAt = 'yesterday'), f), { code: 'date', section: 'reviews', row: 1, field: 'reviewedAt' }],
    ['a nested card state out of range', (f) => ((f.reviews[1]!.stateAfter.state = 9), f), { code: 'too-big', section: 'reviews', row: 2, field: 'stateAfter.state', max: '3' }],
    ['an unknown topic', (f) => ((f.deckTopics[0]!.topic = 'cooking'), f), { code: 'value', section: 'deckTopics', row: 1, field: 'topic' }],
    ['an invalid time zone', (f) => ((f.settings!.timeZone = 'Mars/Olympus'), f), { code: 'time-zone', section: 'settings', field: 'timeZone' }],
    ['a retention outside 0.70–0.97', (f) => ((f.settings!.desiredRetention = 0.5), f), { code: 'too-small', section: 'settings', field: 'desiredRetention', min: '0.7' }],
    ['an unknown generator version', (f) => ((f.reviews[0]!.version = 999), f), { code: 'unknown-version', section: 'reviews', row: 1, field: 'version', value: '999' }],
    ['a review of another card’s generator', (f) => ((f.reviews[0]!.generator = f.cards.find((c) => c.id !== f.reviews[0]!.cardId)!.generator), f), { code: 'generator-mismatch', section: 'reviews', row: 1, field: 'generator' }],
    [
      'two standing reviews with the same number',
      (f) => (f.reviews.push({ ...f.reviews.find((r) => r.undoneAt === null)!, id: 'copy' }), f),
      (file) => ({ code: 'duplicate-review', section: 'reviews', row: file.reviews.length + 1, field: 'reviewIndex' }),
    ],
    [
      'a review numbered beyond its card’s review count',
      (f) => {
        const r = f.reviews.find((x) => x.undoneAt === null)!;
        f.cards.find((c) => c.id === r.cardId)!.reviewCount = 0;
        return f;
      },
      { code: 'review-index-ahead', section: 'reviews', field: 'reviewIndex' },
    ],
  ];

  it.each(bad)('rejects %s with a specific message and changes nothing', async (_name, mutate, expected) => {
    const before = await snapshot(target);
    const text = typeof mutate === 'string' ? mutate : JSON.stringify(mutate(clone()));
    const result = await tryImport(target, text);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.issues[0]).toMatchObject(typeof expected === 'function' ? expected(exported) : expected);
    expect(await snapshot(target)).toBe(before);
  });

  it('reports many problems at once, capped, with a count of the rest', () => {
    const f = clone();
    for (const r of f.reviews) r.rating = 0;
    const result = parseProgressFile(JSON.stringify(f));
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.issues).toHaveLength(Math.min(10, f.reviews.length));
    expect(result.issues.length + result.more).toBe(f.reviews.length);
    expect(result.issues.every((i) => i.code === 'too-small' && i.field === 'rating')).toBe(true);
  });

  it('rolls everything back when the writes fail half-way', async () => {
    const parsed = parseProgressFile(JSON.stringify(exported));
    if (parsed.status !== 'ok') throw new Error('the export should be valid');
    const broken: ProgressData = { ...parsed.data, reviews: [...parsed.data.reviews, { ...parsed.data.reviews[0]!, cardId: 'not-in-file' }] };
    const before = await snapshot(target);
    await expect(importProgress(db, target, broken)).rejects.toBeInstanceOf(ProgressImportError);
    expect(await snapshot(target)).toBe(before);
  });
});

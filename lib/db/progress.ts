// A learner's progress as data: the queries behind the stats page and the exports, and the
// import that replaces everything in one transaction. lib/stats assembles what they return.
//
// Every function takes the Prisma client as its first parameter and has no
// `import 'server-only'`, so unit tests can run it against a temporary database. App code
// uses the bound versions in lib/db/stats.ts (server-only) instead.
//
// The raw SQL quotes its identifiers (PostgreSQL folds unquoted ones to lower case) and has a
// PostgreSQL form wherever SQLite's date and JSON functions are used.
import { CARD_STATE_SELECT, pickCardState } from '@/lib/srs/card-state';
import { parseWeights } from '@/lib/srs/optimizer';
import { serializeCardState } from '@/lib/srs/mapper';
import { offsetSegments, type HistoryRow } from '@/lib/srs/stats';
import { DEFAULT_SETTINGS, type CardState, type DrillSettingsValues } from '@/lib/srs/types';
import type { ProgressData, ProgressRows, ReviewJson } from '@/lib/stats/progress-file';
import { Prisma } from '../../generated/prisma/client';
import { providerOf, type DatabaseProvider, type PrismaClient } from './client';
import { newRowId } from './raw';

type Db = PrismaClient;

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

// ---------------------------------------------------------------------------------------------
// Stats queries

const SETTINGS_SELECT = { desiredRetention: true, newPerDay: true, reviewsPerDay: true, timeZone: true, examDate: true, fsrsWeights: true } as const;

function settingsOfRow({ fsrsWeights, ...row }: Omit<DrillSettingsValues, 'weights'> & { fsrsWeights: string | null }): DrillSettingsValues {
  return { ...row, weights: parseWeights(fsrsWeights) };
}

export async function loadSettings(db: Db, userId: string): Promise<DrillSettingsValues> {
  const row = await db.drillSettings.findUnique({ where: { userId }, select: SETTINGS_SELECT });
  return row ? settingsOfRow(row) : DEFAULT_SETTINGS;
}

/**
 * Standing (not undone) reviews per local date in `timeZone`, from `from` (the learner's first
 * review when null) until `to`. Grouped in SQL over the (userId, reviewedAt) index, one query
 * per stretch of constant UTC offset (daylight saving time splits a year into two or three),
 * so even 100,000 reviews come back as at most one row per day.
 */
export async function loadDayCounts(db: Db, userId: string, from: Date | null, to: Date, timeZone: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let start = from;
  if (!start) {
    const first = await db.reviewLog.findFirst({ where: { userId, undoneAt: null }, orderBy: { reviewedAt: 'asc' }, select: { reviewedAt: true } });
    if (!first) return counts;
    start = first.reviewedAt;
  }
  for (const segment of offsetSegments(start, to, timeZone)) {
    const shift = `${segment.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(segment.offsetMinutes)} minutes`;
    const day =
      providerOf(db) === 'postgresql'
        ? Prisma.sql`to_char("reviewedAt" + ${shift}::interval, 'YYYY-MM-DD')`
        : Prisma.sql`date("reviewedAt", ${shift})`;
    const rows = await db.$queryRaw<{ day: string; n: bigint | number }[]>`
      SELECT ${day} AS day, COUNT(*) AS n
      FROM "ReviewLog"
      WHERE "userId" = ${userId} AND "reviewedAt" >= ${segment.from} AND "reviewedAt" < ${segment.to} AND "undoneAt" IS NULL
      GROUP BY 1`;
    for (const r of rows) counts.set(r.day, (counts.get(r.day) ?? 0) + num(r.n));
  }
  return counts;
}

/**
 * Standing reviews since `since`, counted per (generator, state before, rating): the inputs of
 * true retention. At most generators × 4 × 4 rows.
 */
export async function loadRetentionGroups(db: Db, userId: string, since: Date): Promise<{ generator: string; stateBefore: number; rating: number; count: number }[]> {
  const state =
    providerOf(db) === 'postgresql'
      ? Prisma.sql`CAST("stateBefore"::json ->> 'state' AS INTEGER)`
      : Prisma.sql`CAST(json_extract("stateBefore", '$.state') AS INTEGER)`;
  const rows = await db.$queryRaw<{ generator: string; state: bigint | number | null; rating: bigint | number; n: bigint }[]>`
    SELECT generator, ${state} AS state, rating, COUNT(*) AS n
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND "reviewedAt" >= ${since} AND "undoneAt" IS NULL
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ generator: r.generator, stateBefore: r.state === null ? -1 : num(r.state), rating: num(r.rating), count: num(r.n) }));
}

export async function loadCards(db: Db, userId: string): Promise<(CardState & { id: string; generator: string })[]> {
  const rows = await db.card.findMany({ where: { userId }, select: { id: true, generator: true, ...CARD_STATE_SELECT } });
  return rows.map((r) => ({ ...pickCardState(r), id: r.id, generator: r.generator }));
}

/** The topics in the learner's deck (in no particular order). */
export async function loadDeckTopics(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deckTopic.findMany({ where: { userId }, select: { topic: true } });
  return rows.map((r) => r.topic);
}

// ---------------------------------------------------------------------------------------------
// Review history for the FSRS optimizer

/**
 * Runs a query whose single row holds one JSON array (built with json_group_array, or json_agg
 * cast to text on PostgreSQL) and parses it: for tens of thousands of rows this is many times
 * faster than row-by-row results.
 */
async function jsonRows<T>(rows: Promise<{ rows: string | null }[]>): Promise<T[]> {
  const [row] = await rows;
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

/** Standing reviews, ordered by card then time: the FSRS optimizer's input. */
export async function loadReviewHistory(db: Db, userId: string): Promise<HistoryRow[]> {
  const rows = await jsonRows<[string, string, number, number | null, number]>(
    providerOf(db) === 'postgresql'
      ? db.$queryRaw`
    SELECT json_agg(json_build_array("cardId", to_char("reviewedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), rating, ("stateBefore"::json ->> 'state')::int, "durationMs")
                    ORDER BY "cardId", "reviewedAt", id)::text AS rows
    FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL`
      : db.$queryRaw`
    SELECT json_group_array(json_array("cardId", "reviewedAt", rating, json_extract("stateBefore", '$.state'), "durationMs")) AS rows
    FROM (SELECT * FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL ORDER BY "cardId", "reviewedAt", id)`,
  );
  return rows.map(([cardId, reviewedAt, rating, state, durationMs]) => ({
    cardId,
    reviewedAt: new Date(reviewedAt),
    rating,
    stateBefore: state ?? 0,
    durationMs,
  }));
}

// ---------------------------------------------------------------------------------------------
// Progress file rows (export and import); lib/stats/progress-file.ts owns the format

/** The learner's settings, deck, cards and every review (undone ones too, marked): what a progress file holds. */
export async function loadProgressRows(db: Db, userId: string): Promise<ProgressRows> {
  const [settings, deckTopics, cards, reviews] = await Promise.all([
    db.drillSettings.findUnique({ where: { userId }, select: SETTINGS_SELECT }),
    db.deckTopic.findMany({ where: { userId }, select: { topic: true, addedAt: true }, orderBy: [{ addedAt: 'asc' }, { topic: 'asc' }] }),
    db.card.findMany({
      where: { userId },
      select: { id: true, generator: true, createdAt: true, ...CARD_STATE_SELECT },
      orderBy: [{ createdAt: 'asc' }, { generator: 'asc' }],
    }),
    // Built as JSON by the database: an export holds every review the learner ever made.
    jsonRows<ReviewJson>(providerOf(db) === 'postgresql' ? reviewsAsJsonPostgres(db, userId) : reviewsAsJsonSqlite(db, userId)),
  ]);
  return { settings: settings ? settingsOfRow(settings) : null, deckTopics, cards, reviews };
}

function reviewsAsJsonSqlite(db: Db, userId: string) {
  return db.$queryRaw<{ rows: string | null }[]>`
      SELECT json_group_array(json_object(
        'id', id, 'cardId', "cardId", 'reviewIndex', "reviewIndex", 'generator', generator, 'version', version,
        'seed', seed, 'tier', tier,
        'response', CASE WHEN json_valid(response) THEN json(response) ELSE response END,
        'correct', json(CASE WHEN correct THEN 'true' ELSE 'false' END),
        'rating', rating, 'durationMs', "durationMs",
        'stateBefore', json("stateBefore"), 'stateAfter', json("stateAfter"),
        'reviewedAt', strftime('%Y-%m-%dT%H:%M:%fZ', "reviewedAt"),
        'undoneAt', CASE WHEN "undoneAt" IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', "undoneAt") END
      )) AS rows
      FROM (SELECT * FROM "ReviewLog" WHERE "userId" = ${userId} ORDER BY "reviewedAt", id)`;
}

/** The same document on PostgreSQL; every writer stores `response` and the states as JSON text. */
function reviewsAsJsonPostgres(db: Db, userId: string) {
  const iso = (column: string) => Prisma.raw(`to_char("${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  return db.$queryRaw<{ rows: string | null }[]>`
      SELECT json_agg(json_build_object(
        'id', id, 'cardId', "cardId", 'reviewIndex', "reviewIndex", 'generator', generator, 'version', version,
        'seed', seed, 'tier', tier,
        'response', response::json,
        'correct', correct,
        'rating', rating, 'durationMs', "durationMs",
        'stateBefore', "stateBefore"::json, 'stateAfter', "stateAfter"::json,
        'reviewedAt', ${iso('reviewedAt')},
        'undoneAt', CASE WHEN "undoneAt" IS NULL THEN NULL ELSE ${iso('undoneAt')} END
      ) ORDER BY "reviewedAt", id)::text AS rows
      FROM "ReviewLog" WHERE "userId" = ${userId}`;
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

/**
 * Rows per DELETE or INSERT statement. better-sqlite3 runs each statement on the event loop's
 * thread, so a statement must stay short (250 reviews take a few ms) and the import
 * yields between statements to let other requests run.
 */
const WRITE_CHUNK = 250;

/** Lets other requests run before the next statement (an await alone only drains microtasks). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));


/** How Prisma stores a DateTime in SQLite (text, ISO 8601 with +00:00). */
const sqliteDate = (d: Date | null) => (d ? d.toISOString().replace('Z', '+00:00') : null);

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Deletes the learner's reviews, then cards, WRITE_CHUNK rows per statement (by rowid on SQLite, by id on PostgreSQL). */
async function deleteProgressRows(tx: Tx, userId: string, provider: DatabaseProvider) {
  const key = Prisma.raw(provider === 'postgresql' ? 'id' : 'rowid');
  for (const table of [Prisma.raw('"ReviewLog"'), Prisma.raw('"Card"')]) {
    for (;;) {
      const n = await tx.$executeRaw`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE "userId" = ${userId} LIMIT ${WRITE_CHUNK})`;
      await yieldToEventLoop();
      if (n < WRITE_CHUNK) break;
    }
  }
}

/** Inserts a chunk of review rows (JSON arrays of the columns after userId, in the INSERT's order) with one bound parameter. */
function insertReviewChunk(tx: Tx, provider: DatabaseProvider, userId: string, chunk: string) {
  if (provider === 'postgresql') {
    return tx.$executeRaw`
          INSERT INTO "ReviewLog" (id, "userId", "cardId", "attemptKey", "reviewIndex", generator, version, seed, tier, response, correct, rating, "durationMs", "stateBefore", "stateAfter", "reviewedAt", "undoneAt")
          SELECT r->>0, ${userId}, r->>1, r->>2, (r->>3)::int, r->>4, (r->>5)::int, (r->>6)::bigint, (r->>7)::int, r->>8, (r->>9)::int = 1,
                 (r->>10)::int, (r->>11)::int, r->>12, r->>13,
                 ((r->>14)::timestamptz AT TIME ZONE 'UTC'), ((r->>15)::timestamptz AT TIME ZONE 'UTC')
          FROM json_array_elements(${chunk}::json) AS r`;
  }
  return tx.$executeRaw`
          INSERT INTO "ReviewLog" (id, "userId", "cardId", "attemptKey", "reviewIndex", generator, version, seed, tier, response, correct, rating, "durationMs", "stateBefore", "stateAfter", "reviewedAt", "undoneAt")
          SELECT json_extract(value, '$[0]'), ${userId}, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                 json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
                 json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[11]'),
                 json_extract(value, '$[12]'), json_extract(value, '$[13]'), json_extract(value, '$[14]'), json_extract(value, '$[15]')
          FROM json_each(${chunk})`;
}

/**
 * Replaces the learner's settings, deck, cards and reviews with `data` in one transaction:
 * either all of it is written or nothing changes. Cards and reviews get fresh ids; a review's
 * attempt key is `<new card id>:<review index>`, and `<new card id>:<review index>:undone:<new id>`
 * for an undone one.
 * `data` must have passed the progress file schema; contradictions that slip through
 * (a review of an unknown card) throw ProgressImportError and roll everything back.
 * Deletes and inserts go WRITE_CHUNK rows per statement with a yield in between, so a 20 MB
 * file never holds the server for more than one short statement at a time.
 */
export async function importProgress(db: Db, userId: string, data: ProgressData): Promise<ImportSummary> {
  const provider = providerOf(db);
  return db.$transaction(
    async (tx) => {
      await deleteProgressRows(tx, userId, provider);
      await tx.deckTopic.deleteMany({ where: { userId } });
      await tx.drillSettings.deleteMany({ where: { userId } });

      if (data.settings) {
        const { desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate, weights } = data.settings;
        const fsrsWeights = weights ? JSON.stringify(weights) : null;
        await tx.drillSettings.create({ data: { userId, desiredRetention, newPerDay, reviewsPerDay, timeZone, examDate, fsrsWeights } });
      }
      if (data.deckTopics.length > 0) {
        await tx.deckTopic.createMany({ data: data.deckTopics.map((d) => ({ userId, topic: d.topic, addedAt: d.addedAt })) });
      }

      const newCardId = new Map<string, string>();
      for (const card of data.cards) {
        const created = await tx.card.create({
          data: { userId, generator: card.generator, createdAt: card.createdAt, ...pickCardState(card) },
          select: { id: true },
        });
        newCardId.set(card.id, created.id);
      }

      // Inserted from one JSON parameter per chunk instead of one parameter per column.
      for (let i = 0; i < data.reviews.length; i += WRITE_CHUNK) {
        const rows = data.reviews.slice(i, i + WRITE_CHUNK).map((r) => {
          const cardId = newCardId.get(r.cardId);
          if (!cardId) throw new ProgressImportError(`review of unknown card ${r.cardId}`);
          const id = newRowId();
          const attemptKey = r.undoneAt === null ? `${cardId}:${r.reviewIndex}` : `${cardId}:${r.reviewIndex}:undone:${id}`;
          return [
            id,
            cardId,
            attemptKey,
            r.reviewIndex,
            r.generator,
            r.version,
            r.seed,
            r.tier,
            JSON.stringify(r.response ?? null),
            r.correct ? 1 : 0,
            r.rating,
            r.durationMs,
            serializeCardState(r.stateBefore),
            serializeCardState(r.stateAfter),
            sqliteDate(r.reviewedAt),
            sqliteDate(r.undoneAt),
          ];
        });
        await insertReviewChunk(tx, provider, userId, JSON.stringify(rows));
        await yieldToEventLoop();
      }
      return { cards: data.cards.length, reviews: data.reviews.length, deckTopics: data.deckTopics.length };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

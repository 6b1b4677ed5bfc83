// readRows (lib/db/raw.ts through lib/db/client.ts): the hot path's reads sent to the driver
// adapter directly must return exactly what prisma.$queryRaw returns for the same query, on a
// real migrated database (SQLite here; PostgreSQL when scripts/test.mjs runs the database tests
// there): every column type the app reads, every kind of argument it sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, POSTGRES_POOL_SIZE, readRows, writeTransaction, type PrismaClient } from '@/lib/db/client';
import { isUniqueViolation, newRowId, TransactionWaitError } from '@/lib/db/raw';
import { Prisma } from '../../../generated/prisma/client';
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../../helpers/test-database';

const CLI_TIMEOUT_MS = 120_000;
const NOW = new Date('2026-11-26T12:00:00.123Z');

let database: TestDatabase | undefined;
let db: PrismaClient;
let userId: string;

beforeAll(async () => {
  database = createTestDatabase('raw');
  migrateTestDatabase(database.url);
  db = createPrismaClient(database.url);
  const user = await db.user.create({ data: { email: 'raw@example.test', name: 'Raw 😀 "quoted"', passwordHash: 'x', role: 'INSTRUCTOR' } });
  userId = user.id;
  await db.drillSettings.create({ data: { userId, desiredRetention: 0.87, newPerDay: 7, timeZone: 'Asia/Seoul', examDate: NOW, fsrsWeights: '[0.1,0.2]' } });
  for (const [i, generator] of ['lock-holder', 'cow-pages', 'pool-pickle'].entries()) {
    const card = await db.card.create({
      data: { userId, generator, tier: i + 1, due: new Date(NOW.getTime() + i * 60_000), stability: 1.5 * i, difficulty: 4.25, state: i, lastReview: i ? NOW : null, suspended: i === 2 },
    });
    await db.reviewLog.create({
      data: {
        userId,
        cardId: card.id,
        attemptKey: `${card.id}:0`,
        reviewIndex: 0,
        generator,
        version: 1,
        seed: BigInt(2 ** 40 + i),
        tier: 1,
        response: '{"a":1}',
        correct: i !== 1,
        rating: 3,
        durationMs: 1234 * (i + 1),
        stateBefore: '{}',
        stateAfter: '{}',
        reviewedAt: new Date(NOW.getTime() - i * 1000),
        undoneAt: i === 2 ? NOW : null,
      },
    });
  }
}, CLI_TIMEOUT_MS);

afterAll(async () => {
  await db?.$disconnect();
  database?.cleanup();
});

const jsonList = (values: string[]) =>
  database!.provider === 'postgresql'
    ? Prisma.sql`SELECT json_array_elements_text(${JSON.stringify(values)}::json) AS value`
    : Prisma.sql`SELECT value FROM json_each(${JSON.stringify(values)})`;

describe('readRows returns what $queryRaw returns', () => {
  const queries: [string, () => Prisma.Sql][] = [
    ['whole rows: text, enum, integers, floats, booleans, dates and null dates', () => Prisma.sql`SELECT * FROM "Card" WHERE "userId" = ${userId} ORDER BY due`],
    ['a user (enum role, unicode and quotes in text)', () => Prisma.sql`SELECT * FROM "User" WHERE id = ${userId}`],
    ['settings with a nullable date and JSON text', () => Prisma.sql`SELECT "desiredRetention", "newPerDay", "reviewsPerDay", "timeZone", "examDate", "fsrsWeights" FROM "DrillSettings" WHERE "userId" = ${userId}`],
    ['a date argument, a number argument and a 64-bit seed', () => Prisma.sql`SELECT id, seed, "reviewedAt", "undoneAt" FROM "ReviewLog" WHERE "reviewedAt" >= ${new Date(NOW.getTime() - 1500)} ORDER BY "reviewedAt" DESC LIMIT ${2}`],
    ['a bigint argument', () => Prisma.sql`SELECT id FROM "ReviewLog" WHERE seed > ${BigInt(2 ** 40)} ORDER BY seed`],
    ['aggregates: COUNT, SUM of a CASE, SUM of a column, with no rows and with rows', () => Prisma.sql`
      SELECT COUNT(*) AS n, SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS ok, SUM("durationMs") AS ms, SUM(CASE WHEN "reviewIndex" > 5 THEN 1 ELSE 0 END) AS none
      FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL`],
    ['a JSON list of strings as a table', () => Prisma.sql`SELECT generator, suspended, "buriedUntil" FROM "Card" WHERE "userId" = ${userId} AND generator IN (${jsonList(['cow-pages', 'pool-pickle'])}) ORDER BY generator`],
    ['no rows', () => Prisma.sql`SELECT * FROM "Card" WHERE id = ${'no-such-card'}`],
    ['null and boolean arguments', () => Prisma.sql`SELECT id FROM "Card" WHERE "userId" = ${userId} AND (CAST(${null} AS TEXT) IS NULL) AND suspended = ${false} ORDER BY id`],
    ['NaN and Infinity arguments (null, as JSON has them)', () => Prisma.sql`SELECT id FROM "Card" WHERE "userId" = ${userId} AND CAST(${Number.NaN} AS TEXT) IS NULL AND CAST(${Number.POSITIVE_INFINITY} AS TEXT) IS NULL ORDER BY id`],
    ['a join with EXISTS, as the lockdown check reads', () => Prisma.sql`
      SELECT c.id, r."reviewedAt" FROM "Card" c LEFT JOIN "ReviewLog" r ON r."cardId" = c.id
      WHERE c."userId" = ${userId} AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = c."userId") ORDER BY c.due DESC LIMIT 1`],
  ];
  it.each(queries)('%s', async (_name, query) => {
    const expected = await db.$queryRaw<unknown[]>(query());
    const got = await readRows<unknown>(query(), db);
    expect(got).toEqual(expected);
    // toEqual does not tell 1 from 1n, or a Date from its text: compare the types too
    const types = (rows: unknown[]) => rows.map((row) => Object.values(row as object).map((v) => (v instanceof Date ? 'date' : typeof v)));
    expect(types(got)).toEqual(types(expected));
  });

  it('the rows really come from the database, not from a fixed value', async () => {
    const rows = await readRows<{ generator: string; tier: number; lastReview: Date | null }>(Prisma.sql`SELECT generator, tier, "lastReview" FROM "Card" WHERE "userId" = ${userId} ORDER BY tier`, db);
    expect(rows).toEqual([
      { generator: 'lock-holder', tier: 1, lastReview: null },
      { generator: 'cow-pages', tier: 2, lastReview: NOW },
      { generator: 'pool-pickle', tier: 3, lastReview: NOW },
    ]);
  });
});

describe('readRows', () => {
  it('does not go through the client: $queryRaw is not called', async () => {
    let calls = 0;
    const original = db.$queryRaw.bind(db);
    (db as unknown as { $queryRaw: unknown }).$queryRaw = (...args: Parameters<PrismaClient['$queryRaw']>) => {
      calls++;
      return original(...args);
    };
    try {
      await readRows(Prisma.sql`SELECT id FROM "User" WHERE id = ${userId}`, db);
      expect(calls).toBe(0);
    } finally {
      delete (db as unknown as { $queryRaw?: unknown }).$queryRaw;
    }
  });

  it('connects again after the client disconnected', async () => {
    await db.$disconnect();
    expect(await readRows<{ id: string }>(Prisma.sql`SELECT id FROM "User" WHERE id = ${userId}`, db)).toEqual([{ id: userId }]);
    // and the client itself still works alongside
    expect(await db.user.count()).toBe(1);
  });

  it('refuses anything but a read, with a clear message, and changes nothing', async () => {
    await expect(readRows(Prisma.sql`DELETE FROM "Card" WHERE "userId" = ${userId}`, db)).rejects.toThrow(/only reads/);
    await expect(readRows(Prisma.sql`UPDATE "User" SET name = ${'x'}`, db)).rejects.toThrow(/only reads/);
    expect(await db.card.count({ where: { userId } })).toBe(3);
  });

  it('refuses argument types it does not encode as $queryRaw does, naming the way out', async () => {
    await expect(readRows(Prisma.sql`SELECT ${Buffer.from('x')} AS b`, db)).rejects.toThrow(/use prisma\.\$queryRaw/);
    await expect(readRows(Prisma.sql`SELECT id FROM "User" WHERE "createdAt" > ${new Date(Number.NaN)}`, db)).rejects.toThrow(/invalid/);
  });

  it('a transaction client reads through $queryRaw, inside its transaction', async () => {
    const seen = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { name: 'inside' } });
      return readRows<{ name: string }>(Prisma.sql`SELECT name FROM "User" WHERE id = ${userId}`, tx);
    });
    expect(seen).toEqual([{ name: 'inside' }]);
  });
});

describe('writeTransaction on the driver adapter', () => {
  const nameOf = async () => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name;
  const rename = (name: string) => Prisma.sql`UPDATE "User" SET name = ${name} WHERE id = ${userId}`;

  it('commits what its work wrote and returns what the work returned; reads inside see its own writes', async () => {
    const result = await writeTransaction(async (tx) => {
      const changed = await tx.execute(rename('committed'));
      const [row] = await tx.query<{ name: string }>(Prisma.sql`SELECT name FROM "User" WHERE id = ${userId}`);
      return { changed, seen: row?.name };
    }, db);
    expect(result).toEqual({ changed: 1, seen: 'committed' });
    expect(await nameOf()).toBe('committed');
  });

  it('rolls back every write when the work throws, rethrows, and leaves the connection out of the transaction', async () => {
    await expect(
      writeTransaction(async (tx) => {
        await tx.execute(rename('rolled back'));
        throw new Error('the work failed');
      }, db),
    ).rejects.toThrow('the work failed');
    expect(await nameOf()).toBe('committed');
    // a plain write after it is committed on its own (no transaction was left open to swallow it)
    await db.user.update({ where: { id: userId }, data: { name: 'after' } });
    await db.$disconnect();
    expect(await nameOf()).toBe('after');
  });

  it('a unique violation inside rolls back and is recognised as one', async () => {
    const existing = await db.reviewLog.findFirstOrThrow({ where: { userId } });
    const error = await writeTransaction(async (tx) => {
      await tx.execute(rename('before the violation'));
      await tx.execute(Prisma.sql`
        INSERT INTO "ReviewLog" (id, "userId", "cardId", "attemptKey", "reviewIndex", generator, version, seed, tier, response, correct, rating, "durationMs", "stateBefore", "stateAfter", "reviewedAt")
        VALUES (${newRowId()}, ${userId}, ${existing.cardId}, ${existing.attemptKey}, ${0}, ${'g'}, ${1}, ${1n}, ${1}, ${'null'}, ${true}, ${3}, ${1}, ${'{}'}, ${'{}'}, ${NOW})`);
    }, db).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    expect(await nameOf()).toBe('after');
  });

  it('transactions started together each read and write as one (SQLite: one after another; PostgreSQL: a row lock held to the commit)', async () => {
    const forUpdate = database!.provider === 'postgresql' ? Prisma.raw('FOR UPDATE') : Prisma.empty;
    const increments = 12;
    await db.card.updateMany({ where: { userId }, data: { reps: 0 } });
    await Promise.all(
      Array.from({ length: increments }, () =>
        writeTransaction(async (tx) => {
          const [card] = await tx.query<{ id: string; reps: number }>(Prisma.sql`SELECT id, reps FROM "Card" WHERE "userId" = ${userId} AND tier = ${1} ${forUpdate}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return tx.execute(Prisma.sql`UPDATE "Card" SET reps = ${card!.reps + 1} WHERE id = ${card!.id}`);
        }, db),
      ),
    );
    expect((await db.card.findFirstOrThrow({ where: { userId, tier: 1 } })).reps).toBe(increments);
  });

  it('new row ids have the length and alphabet of Prisma\'s cuids, differ, and sort by creation, after the cuids Prisma made before', async () => {
    const ids = Array.from({ length: 1000 }, newRowId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect([...ids].sort()).toEqual(ids);
    const made = (await db.user.create({ data: { email: `ids-${Date.now()}@example.test`, name: 'Ids', passwordHash: 'x' } })).id;
    expect(made.length).toBe(ids[0]!.length);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(newRowId() > made).toBe(true);
    await db.user.delete({ where: { id: made } });
  });

  it('a transaction that cannot begin within its wait fails with a clear error; the late one is ended unrun and the connection stays usable', async () => {
    // SQLite: one connection, so one open transaction holds the next; PostgreSQL: the pool's every connection
    const holders = database!.provider === 'postgresql' ? POSTGRES_POOL_SIZE : 1;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = Array.from({ length: holders }, () => writeTransaction(async () => held, db));
    await new Promise((resolve) => setTimeout(resolve, 50));
    let ran = false;
    const waited = await writeTransaction(async (tx) => {
      ran = true;
      return tx.execute(rename('should not happen'));
    }, db, { maxWaitMs: 100 }).catch((error: unknown) => error);
    expect(waited).toBeInstanceOf(TransactionWaitError);
    expect(String((waited as Error).message)).toMatch(/could not begin within 100 ms/);
    release();
    await Promise.all(holding);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toBe(false);
    expect(await writeTransaction((tx) => tx.execute(rename('after the wait')), db)).toBe(1);
    expect(await nameOf()).toBe('after the wait');
  });
});

// Every SQLite connection keeps its prepared statements (lib/db/statement-cache.ts): Prisma's
// better-sqlite3 adapter prepared each query's SQL anew, every time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { cachingConnection, keepPreparedStatements } from '@/lib/db/statement-cache';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-statements-'));
const url = `file:${path.join(dir, 'test.db')}`;
let prisma: PrismaClient;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  prisma = createPrismaClient(url);
  await prisma.$connect();
});

afterAll(async () => {
  await prisma.$disconnect();
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** How many times SQLite prepared each SQL text while `work` ran. */
async function preparesDuring(work: () => Promise<unknown>): Promise<Map<string, number>> {
  const spy = vi.spyOn(Database.prototype, 'prepare');
  try {
    await work();
    const counts = new Map<string, number>();
    for (const [sql] of spy.mock.calls) counts.set(sql, (counts.get(sql) ?? 0) + 1);
    return counts;
  } finally {
    spy.mockRestore();
  }
}

describe('the app client keeps prepared statements', () => {
  it('prepares the same query once however often it runs, and every run reads the current rows', async () => {
    const seen: (string | null)[] = [];
    const counts = await preparesDuring(async () => {
      for (let i = 0; i < 20; i++) {
        await prisma.user.create({ data: { email: `s${i}@example.test`, name: `S ${i}`, passwordHash: 'x', role: 'STUDENT' } });
        const row = await prisma.user.findUnique({ where: { email: `s${i}@example.test` }, select: { name: true } });
        seen.push(row?.name ?? null);
      }
    });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `S ${i}`));
    // one INSERT, one SELECT (20 of each without the cache)
    expect(Math.max(...counts.values())).toBe(1);
  });

  it('raw SQL with arguments, integers as before (safe integers), and statements without results', async () => {
    const count = async (role: string) => (await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "User" WHERE "role" = ${role}`)[0]?.n;
    expect(await count('STUDENT')).toBe(20n);
    expect(await count('INSTRUCTOR')).toBe(0n);
    expect(await prisma.$executeRaw`UPDATE "User" SET "name" = ${'renamed'} WHERE "email" = ${'s3@example.test'}`).toBe(1);
    expect(await prisma.$executeRaw`UPDATE "User" SET "name" = ${'renamed'} WHERE "email" = ${'nobody@example.test'}`).toBe(0);
    expect((await prisma.user.findUnique({ where: { email: 's3@example.test' } }))?.name).toBe('renamed');
  });

  it('a failed statement (unique email) fails as before and the kept statement still works after it', async () => {
    const make = (email: string) => prisma.user.create({ data: { email, name: 'dup', passwordHash: 'x', role: 'STUDENT' } });
    await expect(make('s1@example.test')).rejects.toMatchObject({ code: 'P2002' });
    await expect(make('fresh@example.test')).resolves.toMatchObject({ email: 'fresh@example.test' });
  });

  it('transactions commit and roll back as before', async () => {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { email: 's5@example.test' }, data: { name: 'committed' } });
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { email: 's6@example.test' }, data: { name: 'rolled back' } });
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    const names = await prisma.user.findMany({ where: { email: { in: ['s5@example.test', 's6@example.test'] } }, orderBy: { email: 'asc' }, select: { name: true } });
    expect(names.map((u) => u.name)).toEqual(['committed', 'S 6']);
  });
});

describe('the caching connection', () => {
  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = new Database(':memory:');
    const spy = vi.spyOn(db, 'prepare');
    const conn = cachingConnection(db, 2);
    const one = (sql: string) => (conn.prepare(sql) as unknown as { bind(a: unknown[]): { raw(): { all(): unknown[] } } }).bind([]).raw().all();
    expect(one('SELECT 1')).toEqual([[1]]);
    one('SELECT 2');
    one('SELECT 1'); // kept; now SELECT 2 is the least recently used
    one('SELECT 3'); // drops SELECT 2
    one('SELECT 1');
    one('SELECT 2'); // prepared again
    expect(spy.mock.calls.map(([sql]) => sql)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
    // everything else is the connection itself
    expect(conn.open).toBe(true);
    conn.exec('CREATE TABLE t (x)');
    expect(conn.pragma('table_info(t)', { simple: false })).toHaveLength(1);
    db.close();
  });

  it('a kept statement answers with the columns of the schema as it is now, after another connection changed it', async () => {
    const file = path.join(dir, 'schema.db');
    const other = new Database(file); // a migration in another process
    other.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); INSERT INTO t VALUES (1, 'x')`);
    const adapter = await new PrismaBetterSqlite3({ url: file }).connect();
    expect(keepPreparedStatements(adapter)).toBe(true);
    const byId = { sql: 'SELECT * FROM t WHERE id = ?', args: [1], argTypes: [{ scalarType: 'int', arity: 'scalar' }] } as never;
    expect((await adapter.queryRaw(byId)).columnNames).toEqual(['id', 'a']);
    other.exec('ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 7');
    // another query first: the connection has read the new schema before the kept statement runs again
    await adapter.queryRaw({ sql: 'SELECT count(*) FROM t', args: [], argTypes: [] } as never);
    const after = await adapter.queryRaw(byId);
    expect(after.columnNames).toEqual(['id', 'a', 'n']);
    expect(after.rows).toEqual([[1, 'x', 7]]);
    await adapter.dispose();
    other.close();
  });
});

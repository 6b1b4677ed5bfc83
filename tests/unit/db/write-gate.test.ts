import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteGatedAdapter } from '@/lib/db/write-gate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-write-gate-'));
const url = `file:${path.join(dir, 'gate.db')}`;

let client: typeof import('@/lib/db/client');
let db: import('@/lib/db/client').PrismaClient;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  client = await import('@/lib/db/client');
  db = client.createPrismaClient(url);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = (email: string) => ({ email, name: email, passwordHash: 'x' });

describe('one connection, many requests: the write gate', () => {
  it("another request's acknowledged write survives the rollback of a transaction that was open while it ran", async () => {
    // A long transaction that yields (like the progress import) and then fails.
    const failing = db
      .$transaction(async (tx) => {
        await tx.user.create({ data: user('importer@example.test') });
        await sleep(200);
        throw new Error('the import fails');
      })
      .catch((error: Error) => error.message);
    await sleep(50);
    // Meanwhile another request writes, and is acknowledged once the transaction has ended.
    const written = await db.user.create({ data: user('bystander@example.test') });
    expect(await failing).toBe('the import fails');
    expect(await db.user.findUnique({ where: { id: written.id } })).not.toBeNull();
    expect(await db.user.findUnique({ where: { email: 'importer@example.test' } })).toBeNull();
  });

  it('plain reads are not held back by an open transaction; writes wait for its end', async () => {
    const order: string[] = [];
    const tx = db.$transaction(async (t) => {
      await t.user.create({ data: user('slow@example.test') });
      await sleep(150);
      order.push('commit');
    });
    await sleep(30);
    await db.user.count().then(() => order.push('read'));
    await db.user.create({ data: user('after@example.test') }).then(() => order.push('write'));
    await tx;
    expect(order).toEqual(['read', 'commit', 'write']);
  });

  it('tells reads from writes by the statement', () => {
    expect(WriteGatedAdapter.isRead('  SELECT `main`.`User`.`id` FROM `main`.`User`')).toBe(true);
    expect(WriteGatedAdapter.isRead('INSERT INTO User (id) VALUES (?) RETURNING id')).toBe(false);
    expect(WriteGatedAdapter.isRead('UPDATE Card SET due = ?')).toBe(false);
    expect(WriteGatedAdapter.isRead('DELETE FROM ReviewLog WHERE userId = ?')).toBe(false);
  });
});

import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import {
  BCRYPT_COST,
  hashPassword,
  MAX_WORKERS,
  PasswordBusyError,
  PasswordPool,
  poolSize,
  verifyAgainstNothing,
  verifyPassword,
} from '@/lib/auth/password';

const HASH = bcrypt.hashSync('the right password', 4);
const compare = (password: string, hash = HASH) => ({ op: 'compare' as const, password, hash });

describe('password hashing', () => {
  it('hashes with bcrypt at cost >= 10 and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(bcrypt.getRounds(hash)).toBe(BCRYPT_COST);
    expect(BCRYPT_COST).toBeGreaterThanOrEqual(10);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 123'), hashPassword('same password 123')]);
    expect(a).not.toBe(b);
  });

  it('the unknown-email path really runs a bcrypt comparison and fails', async () => {
    await expect(verifyAgainstNothing('anything at all')).resolves.toBe(false);
  });

  it('does not block the event loop while hashing', async () => {
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks += 1;
    }, 5);
    const started = performance.now();
    await hashPassword('a password to hash slowly');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A blocking hash would leave the 5 ms timer silent for as long as the hash takes.
    expect(ticks).toBeGreaterThan(3);
    expect(longestGap).toBeLessThan(elapsed / 2);
  });
});

describe('the password pool', () => {
  it('has one worker per core but one, at least one and at most MAX_WORKERS', () => {
    expect(poolSize(1)).toBe(1);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(3)).toBe(2);
    expect(poolSize(64)).toBe(MAX_WORKERS);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(Number.NaN)).toBe(1);
  });

  it('refuses at once with PasswordBusyError when the queue is full, and serves the rest', async () => {
    const pool = new PasswordPool(1, 4);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => {
        const job = pool.run(compare(i === 0 ? 'the right password' : 'wrong'), 'normal');
        return i === 9 ? job.catch((error: unknown) => ({ refusedAfterMs: performance.now() - started, error })) : job;
      }),
    );
    const busy = results.filter((r) => r.status === 'rejected' && r.reason instanceof PasswordBusyError);
    // 1 running + 3 queued (the normal lane leaves a quarter of the queue to the priority lane).
    expect(results.filter((r) => r.status === 'fulfilled' && typeof r.value === 'boolean')).toHaveLength(4);
    expect(busy).toHaveLength(5);
    const last = results[9];
    expect(last?.status === 'fulfilled' && (last.value as { error: unknown }).error).toBeInstanceOf(PasswordBusyError);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
  });

  it('says beforehand whether a job would be refused, keeping a quarter of the queue for the priority lane', async () => {
    const pool = new PasswordPool(1, 4);
    expect(pool.hasRoom('normal')).toBe(true);
    const jobs = Array.from({ length: 4 }, () => pool.run(compare('wrong'), 'normal')); // 1 running + 3 queued
    expect(pool.hasRoom('normal')).toBe(false);
    expect(pool.hasRoom('priority')).toBe(true);
    jobs.push(pool.run(compare('wrong'), 'priority'));
    expect(pool.hasRoom('priority')).toBe(false);
    await Promise.all(jobs);
    expect(pool.hasRoom('normal')).toBe(true);
  });

  it('serves the priority lane (clients that signed in before) ahead of a flood', async () => {
    const pool = new PasswordPool(1, 8);
    const order: string[] = [];
    const flood = Array.from({ length: 5 }, (_, i) => pool.run(compare('wrong'), 'normal').then(() => order.push(`flood-${i}`)));
    const owner = pool.run(compare('the right password'), 'priority').then((ok) => order.push(`owner-${ok}`));
    await Promise.all([...flood, owner]);
    // flood-0 was already running; the owner goes next.
    expect(order.slice(0, 2)).toEqual(['flood-0', 'owner-true']);
  });

  it('runs jobs on all its workers side by side', async () => {
    const pool = new PasswordPool(2, 8);
    const jobs = Array.from({ length: 4 }, () => pool.run(compare('wrong'), 'normal'));
    expect(pool.running).toBe(2);
    expect(pool.queued).toBe(2);
    await Promise.all(jobs);
    expect(pool.running).toBe(0);
    expect(pool.queued).toBe(0);
  });
});

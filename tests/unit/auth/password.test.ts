import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hash as argon2Hash, type Algorithm } from '@node-rs/argon2';
import {
  ARGON2,
  CURRENT_HASH_PREFIX,
  DUMMY_HASH,
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
  it('hashes with Argon2id at ARGON2 (at least OWASP\'s minimum) and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith(CURRENT_HASH_PREFIX)).toBe(true);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    // OWASP: m >= 19 MiB with t >= 2 (or equivalent), one lane.
    expect(ARGON2.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2.timeCost).toBeGreaterThanOrEqual(2);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toEqual({ ok: true, rehashed: null });
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toEqual({ ok: false, rehashed: null });
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 123'), hashPassword('same password 123')]);
    expect(a).not.toBe(b);
  });

  it('the unknown-email path really runs a comparison at the current parameters and fails', async () => {
    // The dummy is hashed like every new account, so "no such user" costs what a wrong password does.
    expect(DUMMY_HASH.startsWith(CURRENT_HASH_PREFIX)).toBe(true);
    await expect(verifyAgainstNothing('anything at all')).resolves.toBe(false);
    // The dummy is a hash the worker really checks (a malformed one would be an error, not false).
    await expect(verifyPassword('anything at all', DUMMY_HASH)).resolves.toEqual({ ok: false, rehashed: null });
  });

  it('hashes are Argon2id (asked for by number: the library\'s Algorithm enum is not there at run time) and the library verifies them', async () => {
    const { verifySync } = await import('@node-rs/argon2');
    const hash = await hashPassword('explicit algorithm 1');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(verifySync(hash, 'explicit algorithm 1')).toBe(true);
  });

  it('does not re-hash a bcrypt match longer than the 72 bytes bcrypt read (that would lock the owner out)', async () => {
    const real = 'p'.repeat(72);
    const legacy = bcrypt.hashSync(real, 4);
    // bcrypt ignores what comes after 72 bytes: the longer text matches, as it always did…
    const longer = await verifyPassword(`${real} trailing`, legacy);
    expect(longer).toEqual({ ok: true, rehashed: null });
    // …and the password itself is what gets re-hashed.
    const right = await verifyPassword(real, legacy);
    expect(right.ok).toBe(true);
    await expect(verifyPassword(real, right.rehashed!)).resolves.toEqual({ ok: true, rehashed: null });
    await expect(verifyPassword(`${real} trailing`, right.rehashed!)).resolves.toEqual({ ok: false, rehashed: null });
  });

  it('checks a bcrypt hash from before and re-hashes the right password with Argon2id', async () => {
    const legacy = bcrypt.hashSync('an older password', 4);
    const right = await verifyPassword('an older password', legacy);
    expect(right.ok).toBe(true);
    expect(right.rehashed?.startsWith(CURRENT_HASH_PREFIX)).toBe(true);
    await expect(verifyPassword('an older password', right.rehashed!)).resolves.toEqual({ ok: true, rehashed: null });
    await expect(verifyPassword('an older passworD', right.rehashed!)).resolves.toEqual({ ok: false, rehashed: null });
    // A wrong password is never re-hashed.
    await expect(verifyPassword('not the password', legacy)).resolves.toEqual({ ok: false, rehashed: null });
  });

  it('re-hashes an Argon2id hash made with other parameters, and only when the password is right', async () => {
    const weaker = await argon2Hash('kept password 42', { algorithm: 2 as Algorithm /* Argon2id: a const enum cannot be read here */, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    const right = await verifyPassword('kept password 42', weaker);
    expect(right.ok).toBe(true);
    expect(right.rehashed?.startsWith(CURRENT_HASH_PREFIX)).toBe(true);
    await expect(verifyPassword('kept password 43', weaker)).resolves.toEqual({ ok: false, rehashed: null });
  });

  it('refuses a stored hash it cannot read instead of reading it as a wrong password', async () => {
    await expect(verifyPassword('whatever it is', 'x')).rejects.toThrow('unknown password hash format');
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
    // Several hashes: one takes only ~20 ms, a few 5 ms ticks.
    for (let i = 0; i < 8; i++) await hashPassword('a password to hash slowly');
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
    expect(results.filter((r) => r.status === 'fulfilled' && typeof r.value === 'object' && 'ok' in r.value)).toHaveLength(4);
    expect(busy).toHaveLength(5);
    const last = results[9];
    expect(last?.status === 'fulfilled' && (last.value as { error: unknown }).error).toBeInstanceOf(PasswordBusyError);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { ok: true } });
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
    const owner = pool.run(compare('the right password'), 'priority').then((check) => order.push(`owner-${typeof check === 'string' ? check : check.ok}`));
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

import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { BCRYPT_COST, hashPassword, verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';

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

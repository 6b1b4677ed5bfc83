// The sign-in itself (next-auth's credentials authorize, on a real migrated database): an account
// whose password was hashed with bcrypt before Argon2id signs in as before, and its hash is
// replaced by the Argon2id one; a wrong password changes nothing.
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClassDb } from '../support/class-db';

const db = openClassDb('rehash');
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
let authorize: Authorize;
let prefix: string;

beforeAll(async () => {
  await db.migrate();
  const { authOptions } = await import('@/lib/auth/options');
  ({ CURRENT_HASH_PREFIX: prefix } = await import('@/lib/auth/password'));
  authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
});
afterAll(() => db.close());

let address = 0;
const signIn = (email: string, password: string) => {
  address += 1;
  return authorize({ email, password }, { headers: { 'x-forwarded-for': `198.51.100.${address}` } }).catch((error: Error) => error.message);
};
const storedHash = async (id: string) => (await db.prisma().user.findUniqueOrThrow({ where: { id } })).passwordHash;

describe('signing in with a bcrypt hash from before', () => {
  it('signs in, then holds an Argon2id hash of the same password', async () => {
    const user = await db.user();
    const legacy = bcrypt.hashSync('a password from 2025', 4);
    await db.prisma().user.update({ where: { id: user.id }, data: { passwordHash: legacy } });

    await expect(signIn(user.email, 'a password from 2025 ')).resolves.toBe('invalid-credentials');
    expect(await storedHash(user.id)).toBe(legacy);

    await expect(signIn(user.email, 'a password from 2025')).resolves.toMatchObject({ id: user.id });
    const upgraded = await storedHash(user.id);
    expect(upgraded.startsWith(prefix)).toBe(true);

    // The new hash is the same password's, and is not replaced again.
    await expect(signIn(user.email, 'a password from 2025')).resolves.toMatchObject({ id: user.id });
    expect(await storedHash(user.id)).toBe(upgraded);
    await expect(signIn(user.email, 'a password from 2024')).resolves.toBe('invalid-credentials');
  });

  it('stores the re-hash only over the hash it checked (a password changed meanwhile stays)', async () => {
    const { replacePasswordHash } = await import('@/lib/db/users');
    const user = await db.user();
    await db.prisma().user.update({ where: { id: user.id }, data: { passwordHash: 'changed-meanwhile' } });
    await expect(replacePasswordHash(user.id, 'the-one-checked', `${prefix}new`)).resolves.toBe(false);
    expect(await storedHash(user.id)).toBe('changed-meanwhile');
    await expect(replacePasswordHash(user.id, 'changed-meanwhile', `${prefix}new`)).resolves.toBe(true);
    expect(await storedHash(user.id)).toBe(`${prefix}new`);
  });
});

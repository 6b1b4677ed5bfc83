import { decode as nextAuthDecode, encode as nextAuthEncode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, encodeSessionToken } from '@/lib/auth/session-token';

const secret = 'unit-test-secret-0123456789abcdefghijklmnop';
const token = { uid: 'user-1', role: 'STUDENT' as const, sid: 'session-1', name: 'Ada', email: 'ada@example.test' };

describe('session tokens with a kept derived key', () => {
  it('reads tokens next-auth wrote, and next-auth reads ours', async () => {
    expect(await decodeSessionToken({ token: await nextAuthEncode({ token, secret }), secret })).toMatchObject(token);
    expect(await nextAuthDecode({ token: await encodeSessionToken({ token, secret }), secret })).toMatchObject(token);
  });

  it('keeps one key per secret and salt: another secret or salt cannot read the token', async () => {
    const written = await encodeSessionToken({ token, secret });
    await expect(decodeSessionToken({ token: written, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: written, secret, salt: 'other-salt' })).rejects.toThrow();
    // The first secret's key is still the right one after another was derived.
    expect(await decodeSessionToken({ token: written, secret })).toMatchObject(token);
    const salted = await encodeSessionToken({ token, secret, salt: 'other-salt' });
    expect(await nextAuthDecode({ token: salted, secret, salt: 'other-salt' })).toMatchObject(token);
  });

  it('refuses an expired or altered token, and reads a missing one as no session', async () => {
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    const written = await encodeSessionToken({ token, secret });
    const altered = `${written.slice(0, -3)}${written.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    await expect(decodeSessionToken({ token: altered, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: '', secret })).toBeNull();
  });

  it('sets the expiry from maxAge and a fresh token id each time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const first = await nextAuthDecode({ token: await encodeSessionToken({ token, secret, maxAge: 3600 }), secret });
    const second = await nextAuthDecode({ token: await encodeSessionToken({ token, secret, maxAge: 3600 }), secret });
    expect(first?.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(first?.exp).toBeLessThanOrEqual(before + 3601);
    expect(first?.jti).not.toEqual(second?.jti);
  });
});

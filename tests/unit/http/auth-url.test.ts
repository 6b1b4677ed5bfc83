import { getToken } from 'next-auth/jwt';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSessionToken, decodeSessionToken } from '@/lib/auth/session-token';
import { preferenceCookie } from '@/lib/http/cookies';
import { canonicalAuthUrl } from '../../../scripts/server.mjs';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const SECURE_COOKIE = '__Secure-next-auth.session-token';

/** The session as next-auth's getToken reads it from a request carrying only `cookie`. */
async function readSession(cookie: { name: string; value: string }) {
  const cookies = { getAll: () => [cookie], get: (name: string) => (name === cookie.name ? { value: cookie.value } : undefined) };
  const req = { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  return getToken({ req, secret: SECRET, decode: decodeSessionToken });
}

describe('NEXTAUTH_URL with an upper-case scheme', () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  });

  it('is spelled with a lower-case scheme by the server, and nothing else changes', () => {
    expect(canonicalAuthUrl('HTTPS://Lockstep.Example/base')).toBe('https://Lockstep.Example/base');
    expect(canonicalAuthUrl('Http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(canonicalAuthUrl('https://lockstep.example')).toBe('https://lockstep.example');
    expect(canonicalAuthUrl(undefined)).toBeUndefined();
  });

  it('as written, hides the secure session cookie that signing in sets; canonical, the session is read', async () => {
    // Signing in parses the URL, so HTTPS:// sets the __Secure- cookie; reading compares the raw text.
    const token = await encodeSessionToken({ token: { uid: 'u1', sid: 's1' }, secret: SECRET, maxAge: 3600 });
    process.env.NEXTAUTH_URL = 'HTTPS://lockstep.example';
    expect(await readSession({ name: SECURE_COOKIE, value: token })).toBeNull();
    process.env.NEXTAUTH_URL = canonicalAuthUrl('HTTPS://lockstep.example');
    expect(await readSession({ name: SECURE_COOKIE, value: token })).toMatchObject({ uid: 'u1' });
    // and the app's own cookies are Secure with it, like the session's
    expect(preferenceCookie(60).secure).toBe(true);
  });
});

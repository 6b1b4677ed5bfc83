// cookiesOf (lib/http/cookies.ts), the answer endpoint's cookie reader outside Next, against
// Next's own RequestCookies (what `cookies()` and `request.cookies` are) on the same headers.
import fc from 'fast-check';
import { RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { describe, expect, it } from 'vitest';
import { cookiesOf } from '@/lib/http/cookies';

const nextReads = (header: string) => {
  const cookies = new RequestCookies(new Headers({ cookie: header }));
  return { all: cookies.getAll().map(({ name, value }) => ({ name, value })), get: (name: string) => cookies.get(name)?.value };
};

const check = (header: string) => {
  const ours = cookiesOf(header);
  const next = nextReads(header);
  expect(ours.getAll()).toEqual(next.all);
  for (const { name } of next.all) expect(ours.get(name)?.value).toBe(next.get(name));
  expect(ours.get('absent-cookie')).toBeUndefined();
};

describe('cookiesOf reads a Cookie header as Next does', () => {
  it.each([
    ['a session cookie among others', 'lockstep-locale=ko; next-auth.session-token=eyJhbGciOi.x_y-z; lockstep-test-offset-ms=-86400000'],
    ['chunked session cookies', '__Secure-next-auth.session-token.0=part0; __Secure-next-auth.session-token.1=part1'],
    ['%-escapes, a malformed one left out', 'b=%20x; d=%E0%A4%A; tz=Asia%2FSeoul'],
    ['repeated names, a bare name, an empty name, = in a value', 'a=1; c; a=2; =z; f=a=b'],
    ['spaces around names and values, empty parts', ' e = y ;;  g=1;'],
    ['nothing', ''],
  ])('%s', (_name, header) => check(header));

  it('for any header made of cookie-ish text', () => {
    const piece = fc.constantFrom('a', 'b', '=', ';', ' ', '%', '%2', '%20', '%E0%A4', 'é', 'next-auth.session-token', '"', ',');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), (header) => check(header)), { numRuns: 500 });
  });

  it('no header is no cookies', () => {
    expect(cookiesOf(undefined).getAll()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { safeCallbackPath, safeRedirectUrl } from '@/lib/safe-redirect';

describe('safeCallbackPath', () => {
  it.each([
    ['/teach', '/teach'],
    ['/practice/lock-holder?seed=3#top', '/practice/lock-holder?seed=3#top'],
    ['/classes/../teach', '/teach'],
    ['https://evil.example/', '/home'],
    ['//evil.example/x', '/home'],
    ['/\\evil.example', '/home'],
    // Browsers drop tabs and newlines: these mean //evil.example.
    ['/\t/evil.example', '/home'],
    ['/\n/evil.example', '/home'],
    ['/\r/evil.example', '/home'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['0', '/home'],
    ['', '/home'],
    ['/sign-in', '/home'],
    ['/sign-up?x=1', '/home'],
    ['/api/auth/signout', '/home'],
    [undefined, '/home'],
    [['/teach', '/home'], '/home'],
  ])('%j → %s', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it('returns a value that is safe in a Location header', () => {
    expect(safeCallbackPath('/a b"<x>')).toBe('/a%20b%22%3Cx%3E');
  });
});

describe('safeRedirectUrl (next-auth redirect callback)', () => {
  const base = 'http://127.0.0.1:3000';
  it.each([
    ['/teach', `${base}/teach`],
    [`${base}/sign-in?callbackUrl=%2Fteach`, `${base}/sign-in?callbackUrl=%2Fteach`],
    ['https://evil.example/', base],
    ['http://127.0.0.1:3001/', base],
    ['//evil.example', base],
    ['/\t/evil.example', base],
    ['/%0A', `${base}/%0A`],
    ['0', `${base}/0`],
    ['javascript:alert(1)', base],
    ['', base],
  ])('%j → %s', (input, expected) => {
    expect(safeRedirectUrl(input, base)).toBe(expected);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [undefined, null, 0, {}, 'http://[', '%', 'x'.repeat(5000)]) {
      expect(typeof safeRedirectUrl(value, base)).toBe('string');
    }
  });
});

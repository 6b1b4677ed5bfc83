import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from '@/i18n/locales';
import { safeCallbackPath } from '@/lib/safe-redirect';

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['ko-KR,ko;q=0.9,en-US;q=0.8', 'ko'],
    ['en-US,en;q=0.9,ko;q=0.8', 'en'],
    ['fr-FR,ko;q=0.5,en;q=0.4', 'ko'],
    ['en;q=0.2,ko;q=0.9', 'ko'],
    ['fr, de', 'en'],
    ['', 'en'],
    ['ko;q=0', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('safeCallbackPath', () => {
  it.each([
    ['/teach', '/teach'],
    ['/practice/lock-holder?seed=3', '/practice/lock-holder?seed=3'],
    ['https://evil.example/', '/home'],
    ['//evil.example/x', '/home'],
    ['/\\evil.example', '/home'],
    ['/sign-in', '/home'],
    [undefined, '/home'],
  ])('%s → %s', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const good = { DATABASE_URL: 'file:./data/x.db', NEXTAUTH_SECRET: 'a'.repeat(43) };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  return [];
}

describe('parseEnv', () => {
  it('accepts a valid environment', () => {
    expect(parseEnv(good)).toMatchObject(good);
  });

  it('names a missing DATABASE_URL', () => {
    const found = problems({ ...good, DATABASE_URL: undefined });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^DATABASE_URL: .*missing/);
  });

  it('names a DATABASE_URL that is neither SQLite nor PostgreSQL', () => {
    expect(problems({ ...good, DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL: .*file:.*postgresql:/);
    expect(problems({ ...good, DATABASE_URL: 'postgresql://' })[0]).toMatch(/^DATABASE_URL: /);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(problems({ ...good, DATABASE_URL: 'postgresql://lockstep@127.0.0.1:5432/lockstep' })).toEqual([]);
    expect(problems({ ...good, DATABASE_URL: 'postgres://lockstep@db/lockstep' })).toEqual([]);
  });

  it('names a missing or short secret', () => {
    expect(problems({ ...good, NEXTAUTH_SECRET: undefined })[0]).toMatch(/^NEXTAUTH_SECRET: .*missing/);
    expect(problems({ ...good, NEXTAUTH_SECRET: 'short' })[0]).toMatch(/^NEXTAUTH_SECRET: .*32 characters/);
  });

  it('reports every bad variable at once', () => {
    expect(problems({}).map((p) => p.split(':')[0])).toEqual(['DATABASE_URL', 'NEXTAUTH_SECRET']);
  });

  it('rejects a malformed NEXTAUTH_URL and ignores an empty one', () => {
    expect(problems({ ...good, NEXTAUTH_URL: 'not a url' })[0]).toMatch(/^NEXTAUTH_URL/);
    expect(parseEnv({ ...good, NEXTAUTH_URL: '' }).NEXTAUTH_URL).toBeUndefined();
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, resolveDatabaseUrl } from '@/lib/db/client';
import { sqliteFile } from '@/lib/db/database-url.mjs';

const root = path.resolve('/srv/lockstep');

describe('sqliteFile', () => {
  it('resolves a relative path from the root, whatever the working directory', () => {
    expect(sqliteFile('file:./data/x.db', root)).toBe(path.join(root, 'data', 'x.db'));
    expect(sqliteFile('file:data/x.db', root)).toBe(path.join(root, 'data', 'x.db'));
    expect(sqliteFile(DEFAULT_DATABASE_URL, root)).toBe(path.join(root, 'data', 'lockstep.db'));
  });

  it('keeps an absolute path, also written file:///, and drops query options', () => {
    expect(sqliteFile('file:/var/db/x.db', root)).toBe(path.resolve('/var/db/x.db'));
    expect(sqliteFile('file:///var/db/x.db', root)).toBe(path.resolve('/var/db/x.db'));
    expect(sqliteFile('file:./x.db?connection_limit=1', root)).toBe(path.join(root, 'x.db'));
  });

  it('knows the in-memory database and refuses what names no SQLite file', () => {
    expect(sqliteFile('file::memory:', root)).toBe(':memory:');
    expect(sqliteFile('file:', root)).toBeNull();
    expect(sqliteFile('file:?mode=ro', root)).toBeNull();
    expect(sqliteFile('postgres://db/lockstep', root)).toBeNull();
  });
});

describe('resolveDatabaseUrl', () => {
  it('opens the default database under the project root', () => {
    expect(resolveDatabaseUrl(DEFAULT_DATABASE_URL)).toBe(`file:${path.join(process.cwd(), 'data', 'lockstep.db')}`);
  });

  it('refuses a URL the app cannot open', () => {
    expect(() => resolveDatabaseUrl('postgres://db/lockstep')).toThrow(/SQLite "file:" URL/);
    expect(() => resolveDatabaseUrl('file:')).toThrow(/SQLite "file:" URL/);
  });
});

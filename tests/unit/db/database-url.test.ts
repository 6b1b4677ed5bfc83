import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, resolveDatabaseUrl } from '@/lib/db/client';
import { PRISMA_LAYOUT, databaseProvider, redactDatabaseUrl, sqliteFile } from '@/lib/db/database-url.mjs';
import { expectedPostgresSchema } from '../../../scripts/postgres-schema.mjs';

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
    expect(() => resolveDatabaseUrl('mysql://db/lockstep')).toThrow(/SQLite "file:" URL.*postgresql:/);
    expect(() => resolveDatabaseUrl('file:')).toThrow(/SQLite "file:" URL/);
  });

  it('passes a PostgreSQL URL on unchanged, and selects the PostgreSQL schema for it', () => {
    expect(resolveDatabaseUrl('postgresql://app@db:5432/lockstep')).toBe('postgresql://app@db:5432/lockstep');
    expect(databaseProvider('postgres://app@db/lockstep')).toBe('postgresql');
    expect(databaseProvider('file:./data/lockstep.db')).toBe('sqlite');
    expect(PRISMA_LAYOUT.postgresql.schema).not.toBe(PRISMA_LAYOUT.sqlite.schema);
    expect(redactDatabaseUrl('postgresql://app:s3cret@db/lockstep')).not.toContain('s3cret');
  });

  it('keeps the PostgreSQL schema derived from prisma/schema.prisma', () => {
    expect(fs.readFileSync(PRISMA_LAYOUT.postgresql.schema, 'utf8')).toBe(expectedPostgresSchema());
  });
});

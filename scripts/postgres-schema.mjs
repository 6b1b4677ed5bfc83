#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma: the same models for the
// PostgreSQL provider, with its client generated into generated/prisma-pg. prisma/schema.prisma
// stays the one file people edit; `--check` fails when the PostgreSQL copy is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRISMA_LAYOUT } from '../lib/db/database-url.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The PostgreSQL schema text for a SQLite schema text. */
export function postgresSchema(sqliteSchema) {
  const replaceOnce = (text, pattern, replacement, what) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: ${what} not found`);
    return text.replace(pattern, replacement);
  };
  let text = replaceOnce(sqliteSchema, /^\/\/ Lockstep database schema \(SQLite\)\./m, '// Lockstep database schema (PostgreSQL).\n//\n// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: edit that file instead.', 'the header line');
  text = replaceOnce(text, /(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'the sqlite datasource');
  text = replaceOnce(text, /(generator client \{[^}]*output\s*=\s*)"\.\.\/generated\/prisma"/, '$1"../../generated/prisma-pg"', 'the client output');
  return text;
}

export function expectedPostgresSchema() {
  return postgresSchema(fs.readFileSync(path.join(root, PRISMA_LAYOUT.sqlite.schema), 'utf8'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = path.join(root, PRISMA_LAYOUT.postgresql.schema);
  const expected = expectedPostgresSchema();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== expected) {
      console.error(`${PRISMA_LAYOUT.postgresql.schema} is out of date: run node scripts/postgres-schema.mjs`);
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, expected);
  }
}

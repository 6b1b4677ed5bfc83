// Prepared statements kept per SQLite connection.
//
// Prisma's better-sqlite3 adapter (7.10) prepares every query's SQL anew, runs it once and drops
// the statement: SQLite parses and plans the same dozen statements again for every answer. Under
// load that was 6% of the server's busy CPU (`npm run bench -- http` with --cpu-prof: better-
// sqlite3's `prepare`, about 1.1 ms of every answer). Here the connection the adapter holds is
// replaced by one whose `prepare` returns the statement already prepared for the same SQL text,
// with the query's arguments passed to each run instead of bound to it (better-sqlite3 allows a
// statement's `bind` only once). SQLite re-prepares a kept statement by itself when the schema
// changes (see `withArgs` for the columns the adapter reads before running it).

import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { Database, Statement } from 'better-sqlite3';

/** Most distinct SQL texts kept per connection (the least recently used goes first). */
export const MAX_STATEMENTS = 256;

type Args = unknown[];

/**
 * What the adapter does with a statement it prepared (performIO, executeIO, startTransaction):
 * binds the query's arguments once, or none, then runs it or reads all its rows.
 */
interface KeptStatement {
  readonly reader: boolean;
  bind(args?: Args): KeptStatement;
  run(): unknown;
  columns(): ReturnType<Statement['columns']>;
  raw(): { all(): unknown[] };
}

/**
 * `stmt` with `args` passed to each run, never bound to it (bind is allowed once per statement).
 * The adapter asks a reader for its columns before it reads the rows; a kept statement learns of
 * a schema change (a migration, from any process) only when it runs, so its columns are read
 * after running it, and the rows it read are what `raw().all()` then returns.
 */
function withArgs(stmt: Statement<Args>, args: Args): KeptStatement {
  let rows: unknown[] | null = null;
  const read = () => stmt.raw(true).all(args) as unknown[];
  return {
    reader: stmt.reader,
    bind: (more: Args = []) => withArgs(stmt, [...args, ...more]),
    run: () => stmt.run(args),
    columns: () => {
      rows = read();
      return stmt.columns();
    },
    raw: () => ({
      all: () => {
        const all = rows ?? read();
        rows = null;
        return all;
      },
    }),
  };
}

/** The connection, with `prepare(sql).bind(args)` served from prepared statements kept by SQL text. */
export function cachingConnection(db: Database, max = MAX_STATEMENTS): Database {
  const kept = new Map<string, Statement<Args>>();
  const statement = (sql: string): Statement<Args> => {
    let stmt = kept.get(sql);
    if (stmt) {
      // most recently used last
      kept.delete(sql);
    } else {
      stmt = db.prepare<Args>(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value as string);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  const prepare = (sql: string): KeptStatement => withArgs(statement(sql), []);
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Gives a better-sqlite3 adapter the caching connection. Returns false, changing nothing, when
 * the adapter does not hold its connection as `client` (another adapter version): the queries
 * then run as before, and tests/unit/db/statement-cache.test.ts fails.
 */
export function keepPreparedStatements(adapter: SqlDriverAdapter): boolean {
  const holder = adapter as unknown as { client?: unknown };
  const db = holder.client as Database | undefined;
  if (!db || typeof db.prepare !== 'function' || typeof db.exec !== 'function') return false;
  holder.client = cachingConnection(db);
  return true;
}

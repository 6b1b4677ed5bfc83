// The Prisma client for the app and for scripts (seed, tsx tools, tests).
//
// Deliberately no `import 'server-only'` here: scripts run outside Next.js.
// App code should import `prisma` through server-only modules (lib/db/*.ts).
//
// The client talks to SQLite through better-sqlite3, or to PostgreSQL through pg when
// DATABASE_URL is a postgresql:// URL (driver adapter + wasm query compiler): no native Prisma
// engine, no network.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../../generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '../../generated/prisma-pg/client';
import { DEFAULT_DATABASE_URL, databaseProvider, isPostgresUrl, sqliteFile, type DatabaseProvider } from './database-url.mjs';
import { clusterWriteLock } from './cluster-write-lock.mjs';
import { ConnectionWatch, inTransaction, queryRows, TRANSACTION_MAX_WAIT_MS, type RawReader, type RawTransaction } from './raw';
import { keepPreparedStatements } from './statement-cache';
import { WriteGatedAdapter } from './write-gate';

export type { PrismaClient, DatabaseProvider };
export { DEFAULT_DATABASE_URL };

/** How long a connection waits for another one's write lock before failing (SQLite busy_timeout). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Pragmas run on every new connection, before any query:
 * - WAL lets readers proceed while a writer writes (the default rollback
 *   journal blocks them), which matters once several requests overlap.
 * - NORMAL synchronous is the recommended pairing with WAL (durable across
 *   application crashes, may lose the last commits on power loss).
 * - foreign keys are enforced explicitly rather than by build default.
 */
const CONNECTION_PRAGMAS = [
  'PRAGMA journal_mode = WAL;',
  'PRAGMA synchronous = NORMAL;',
  'PRAGMA foreign_keys = ON;',
].join('\n');

/** The nearest directory at or above `start` that holds prisma.config.ts; `start` if none does. */
function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'prisma.config.ts'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/**
 * Normalises a SQLite URL to `file:` + the absolute path the driver opens (database-url.mjs,
 * the rule the Prisma CLI and the scripts share), relative paths resolved from the project
 * root. The app cannot start on any other URL, so one is a thrown error.
 */
export function resolveDatabaseUrl(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  if (isPostgresUrl(url)) return url;
  const file = sqliteFile(url, findProjectRoot(process.cwd()));
  if (file === null) throw new Error(`DATABASE_URL must be a SQLite "file:" URL with a file path or a postgresql:// URL, got ${JSON.stringify(url)}`);
  return `file:${file}`;
}

/** Wraps the better-sqlite3 adapter factory: every connection keeps its prepared statements (statement-cache.ts) and gets CONNECTION_PRAGMAS and the write gate. */
class TunedSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;

  constructor(private readonly inner: PrismaBetterSqlite3) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    keepPreparedStatements(adapter);
    await adapter.executeScript(CONNECTION_PRAGMAS);
    // Plain writes wait while a transaction is open on this (only) connection, and every write
    // waits its turn in the cluster when there is one: see write-gate.ts.
    return new WriteGatedAdapter(adapter, clusterWriteLock(BUSY_TIMEOUT_MS));
  }
}

/** Connections each server process keeps open to PostgreSQL (pg's pool size). */
export const POSTGRES_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE) || 10;

/** Which provider each client was made for: raw SQL that differs between them asks. */
/**
 * What each process keeps once, whichever copy of this module loads first (see `prisma` below):
 * the client, and which database each client made here talks to.
 */
const processWide = globalThis as unknown as {
  lockstepPrisma?: PrismaClient;
  lockstepDatabaseProviders?: WeakMap<object, DatabaseProvider>;
  lockstepRawReaders?: WeakMap<object, RawReader>;
};
const providers = (processWide.lockstepDatabaseProviders ??= new WeakMap<object, DatabaseProvider>());
/** How to read past each client made here (raw.ts): its adapter factory's watch. */
const rawReaders = (processWide.lockstepRawReaders ??= new WeakMap<object, RawReader>());

/** Registers a new client with its provider and the watch on its adapter factory. */
function registered(client: PrismaClient, provider: DatabaseProvider, watch: ConnectionWatch): PrismaClient {
  providers.set(client, provider);
  rawReaders.set(client, { watch, dialect: provider, connect: () => client.$connect() });
  return client;
}

/** The database a client talks to ('sqlite' for a client not made here, e.g. a transaction's). */
export function providerOf(db: object): DatabaseProvider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * A client for PostgreSQL. Its generated client (generated/prisma-pg, from the same models)
 * differs from the SQLite one only in the provider and its query compiler, so the app uses
 * the SQLite client's type for both.
 */
function createPostgresClient(url: string): PrismaClient {
  const adapter = new ConnectionWatch(new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE }));
  return registered(new PostgresPrismaClient({ adapter }) as unknown as PrismaClient, 'postgresql', adapter);
}

/**
 * Creates a new client (and, on first query, a new connection) for the database the URL
 * names: a SQLite file (its directory created if needed) or, for a postgresql:// URL, a
 * PostgreSQL database. Call `$disconnect()` when done, e.g. at the end of a script.
 */
export function createPrismaClient(url?: string): PrismaClient {
  const resolved = resolveDatabaseUrl(url);
  if (databaseProvider(resolved) === 'postgresql') return createPostgresClient(resolved);
  const file = resolved.slice('file:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new ConnectionWatch(new TunedSqliteAdapterFactory(new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS })));
  return registered(new PrismaClient({ adapter }), 'sqlite', adapter);
}

// One client, so one SQLite connection, per process. A production server loads this module
// more than once (Next builds separate module graphs, e.g. for route handlers and pages), and
// development re-evaluates it on every change: each copy would open its own connection, and two
// connections of one process contend for SQLite's write lock, which the write gate (one per
// client) cannot see — a sign-in's write then waited out the busy timeout behind another
// request's long transaction ("Operation has timed out"). The client lives on globalThis, with
// the map that says which database it talks to (another copy's map would not know it).

/** The process-wide client, for DATABASE_URL (default file:./data/lockstep.db). */
export const prisma: PrismaClient = processWide.lockstepPrisma ?? createPrismaClient();

/** The database the process-wide client talks to. */
export const databaseDialect: DatabaseProvider = providerOf(prisma);

processWide.lockstepPrisma = prisma;

/**
 * Runs a read (a Prisma.sql template) as `db.$queryRaw` would and returns the same rows, sent
 * to the client's driver adapter directly (raw.ts: a fraction of the CPU). `db` defaults to
 * the process-wide client; a client not made here (a transaction's) reads through $queryRaw.
 */
export function readRows<T>(query: Prisma.Sql, db: object = prisma): Promise<T[]> {
  const reader = rawReaders.get(db);
  return reader ? queryRows<T>(reader, query) : (db as PrismaClient).$queryRaw<T[]>(query);
}

/**
 * Runs `work` in one write transaction, committed when it returns and rolled back when it
 * throws (failing when it cannot begin within `maxWaitMs`), on the client's driver adapter directly (raw.ts's inTransaction) for a client made
 * here, through `db.$transaction` otherwise.
 */
export function writeTransaction<T>(work: (tx: RawTransaction) => Promise<T>, db: object = prisma, { maxWaitMs = TRANSACTION_MAX_WAIT_MS } = {}): Promise<T> {
  const reader = rawReaders.get(db);
  if (reader) return inTransaction(reader, work, maxWaitMs);
  return (db as PrismaClient).$transaction((tx) => work({ query: <R>(query: Prisma.Sql) => tx.$queryRaw<R[]>(query), execute: (query) => tx.$executeRaw(query) }), { maxWait: maxWaitMs });
}

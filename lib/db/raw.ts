// Raw reads for the hot path, sent to the database driver without the Prisma client's pipeline.
//
// `prisma.$queryRaw` turns its values into JSON text and back, builds a query plan, runs it
// through the query interpreter and turns the result set into JSON-like values and back again:
// ~170 µs of CPU for one card's row in-process, where the statement itself takes ~20 µs.
// A drill answer reads eight times (session, lockdown, settings, card, durations, deck, today's
// counts, due cards), and under load this was most of the Prisma client's share of the
// server's CPU (`npm run bench -- http` with --cpu-prof). `queryRows` sends the same SQL, with
// the same arguments and argument types, to the same driver adapter the client uses (so the
// write gate, the kept statements and PostgreSQL's pool all apply), and converts the result
// set's values exactly as `$queryRaw` does (tests/unit/db/raw.test.ts compares the two on both
// databases).
//
// Reads outside transactions; and `inTransaction`, the one write transaction of every drill
// answer (the review log and the card), which through `prisma.$transaction` cost ~370 µs of
// CPU before its first statement. It follows the protocol of Prisma's transaction manager
// (the adapter's BEGIN, COMMIT or ROLLBACK sent as statements unless the adapter ends its
// transactions itself, then the adapter's commit or rollback; a wait of at most 2 s to begin,
// Prisma's default maxWait), so the write gate and the cluster's write lock hold it as they
// hold the client's transactions.

import { randomBytes } from 'node:crypto';
import type { ArgType, ColumnType, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { Prisma } from '../../generated/prisma/client';
import { WriteGatedAdapter } from './write-gate';

type Sql = Prisma.Sql;

/**
 * Wraps a driver adapter factory and remembers the adapter it connected last, until it is
 * disposed: the one the Prisma client sends its queries to.
 */
export class ConnectionWatch implements SqlDriverAdapterFactory {
  readonly provider: SqlDriverAdapterFactory['provider'];
  readonly adapterName: string;
  /** The adapter in use, or null before the client connects and after it disconnects. */
  current: SqlDriverAdapter | null = null;

  constructor(private readonly inner: SqlDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (this.current === adapter) this.current = null;
      return dispose();
    };
    this.current = adapter;
    return adapter;
  }
}

/** What a client needs for raw reads: its factory's watch, and how to make it connect. */
export interface RawReader {
  watch: ConnectionWatch;
  dialect: 'sqlite' | 'postgresql';
  connect(): Promise<void>;
}

/** The adapter to read through, connecting the client first when it has not yet (or not again). */
async function adapterOf(reader: RawReader): Promise<SqlDriverAdapter> {
  if (!reader.watch.current) await reader.connect();
  const adapter = reader.watch.current;
  if (!adapter) throw new Error('the database client did not connect its driver adapter');
  return adapter;
}

/** One value of a Prisma.sql template, as `$queryRaw` hands it to the adapter, with its type. */
function argument(value: unknown): { arg: unknown; type: ArgType } {
  if (Array.isArray(value)) {
    const items = value.map(argument);
    return { arg: items.map((i) => i.arg), type: { scalarType: items[0]?.type.scalarType ?? 'unknown', arity: 'list' } };
  }
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    if (Number.isNaN(date.getTime())) throw new Error('Provided Date object is invalid');
    return { arg: date.toJSON(), type: { scalarType: 'datetime', arity: 'scalar' } };
  }
  if (typeof value === 'bigint') return { arg: value.toString(), type: { scalarType: 'bigint', arity: 'scalar' } };
  // $queryRaw sends its values as JSON, where NaN and ±Infinity are null
  if (typeof value === 'number') return Number.isFinite(value) ? { arg: value, type: { scalarType: 'decimal', arity: 'scalar' } } : { arg: null, type: { scalarType: 'unknown', arity: 'scalar' } };
  if (typeof value === 'string') return { arg: value, type: { scalarType: 'string', arity: 'scalar' } };
  if (value === null || value === undefined || typeof value === 'boolean') return { arg: value ?? null, type: { scalarType: 'unknown', arity: 'scalar' } };
  // Decimals, bytes and plain objects: no hot-path query sends one; $queryRaw encodes each its own way.
  throw new Error(`queryRows does not send ${Object.prototype.toString.call(value)} values; use prisma.$queryRaw`);
}

/** A result value as `$queryRaw` returns it for its column type (its serialize, then deserialize, steps). */
function resultValue(value: unknown, type: ColumnType): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(typeof value === 'number' ? value : Number(value));
    case ColumnTypeEnum.Int64:
      return BigInt(typeof value === 'number' ? Math.trunc(value) : (value as string));
    case ColumnTypeEnum.Json:
      return JSON.parse(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === 'boolean' ? value : typeof value === 'number' ? value === 1 : value === 'true' || value === '1';
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Numeric:
    case ColumnTypeEnum.Bytes:
      throw new Error(`queryRows does not read ${type === ColumnTypeEnum.Numeric ? 'decimal' : 'bytes'} columns; use prisma.$queryRaw`);
    default:
      if (type >= ColumnTypeEnum.Int32Array && type < ColumnTypeEnum.UnknownNumber) throw new Error('queryRows does not read array columns; use prisma.$queryRaw');
      return value;
  }
}

/** The result set's rows as objects keyed by column name, each value as `$queryRaw` returns it. */
function rowsOf<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes } = result;
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) object[columnNames[i]!] = resultValue(row[i], columnTypes[i]!);
    return object as T;
  });
}

/** The statement and its arguments as the adapter takes them. */
function adapterQuery(dialect: RawReader['dialect'], query: Sql): SqlQuery {
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  for (const value of query.values) {
    const { arg, type } = argument(value);
    args.push(arg);
    argTypes.push(type);
  }
  return { sql: dialect === 'postgresql' ? query.text : query.sql, args, argTypes };
}

/** Runs a read (a Prisma.sql template) through the client's driver adapter; the rows as `$queryRaw<T>` returns them. */
export async function queryRows<T>(reader: RawReader, query: Sql): Promise<T[]> {
  const statement = adapterQuery(reader.dialect, query);
  if (!WriteGatedAdapter.isRead(statement.sql)) throw new Error('queryRows only reads: send writes through the Prisma client or inTransaction');
  const adapter = await adapterOf(reader);
  return rowsOf<T>(await adapter.queryRaw(statement));
}

/** The statements a transaction runs: reads (rows as `$queryRaw` returns them) and writes (rows changed, as `$executeRaw`). */
export interface RawTransaction {
  query<T>(query: Sql): Promise<T[]>;
  execute(query: Sql): Promise<number>;
}

const COMMIT: SqlQuery = { sql: 'COMMIT', args: [], argTypes: [] };
const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] };

/** How long a transaction waits to begin (another one holding the connection or the pool) before it fails: Prisma's default maxWait. */
export const TRANSACTION_MAX_WAIT_MS = 2000;

/** A transaction that could not begin within its wait. */
export class TransactionWaitError extends Error {
  constructor(maxWaitMs: number) {
    super(`Transaction could not begin within ${maxWaitMs} ms: the database is busy.`);
    this.name = 'TransactionWaitError';
  }
}

/** Ends a transaction without its writes; a failure to do so is logged, never thrown over the error that led here. */
async function discard(tx: Transaction): Promise<void> {
  try {
    if (!tx.options.usePhantomQuery) await tx.executeRaw(ROLLBACK);
  } catch (error) {
    console.error('ROLLBACK failed', error);
  } finally {
    await tx.rollback().catch((error: unknown) => console.error('ending a transaction failed', error));
  }
}

/** The adapter's transaction, or TransactionWaitError after `maxWaitMs`; one that begins after that is ended at once. */
async function startWithin(adapter: SqlDriverAdapter, maxWaitMs: number): Promise<Transaction> {
  const starting = adapter.startTransaction();
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransactionWaitError(maxWaitMs)), maxWaitMs);
  });
  try {
    return await Promise.race([starting, waited]);
  } catch (error) {
    if (error instanceof TransactionWaitError) void starting.then(discard, () => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` in one transaction on the client's driver adapter: committed when it returns,
 * rolled back when it throws (the error is rethrown). Statements of `work` run one after
 * another; it must not keep the transaction after it returns.
 */
export async function inTransaction<T>(reader: RawReader, work: (tx: RawTransaction) => Promise<T>, maxWaitMs = TRANSACTION_MAX_WAIT_MS): Promise<T> {
  const adapter = await adapterOf(reader);
  const tx = await startWithin(adapter, maxWaitMs);
  const statements: RawTransaction = {
    query: async <R>(query: Sql) => rowsOf<R>(await tx.queryRaw(adapterQuery(reader.dialect, query))),
    execute: (query: Sql) => tx.executeRaw(adapterQuery(reader.dialect, query)),
  };
  let result: T;
  try {
    result = await work(statements);
  } catch (error) {
    await discard(tx);
    throw error;
  }
  if (tx.options.usePhantomQuery) {
    await tx.commit();
  } else {
    try {
      await tx.executeRaw(COMMIT);
    } catch (error) {
      await tx.rollback().catch((cause: unknown) => console.error('ending a transaction failed', cause));
      throw error;
    }
    await tx.commit();
  }
  return result;
}

/** Whether a failed statement broke a unique constraint (from the adapter here, or P2002 from the client). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: { kind?: unknown } };
  return code === 'P2002' || (name === 'DriverAdapterError' && cause?.kind === 'UniqueConstraintViolation');
}

let idCounter = 0;

/**
 * A new row id for a row written without the client, shaped like the cuids Prisma makes so that
 * ids keep sorting by creation as theirs do (queries break ties of equal times by id): "c", the
 * time in ms in base 36 (8 digits), a per-process counter (4), then 12 random hex digits.
 */
export function newRowId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, '0')}${idCounter.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}

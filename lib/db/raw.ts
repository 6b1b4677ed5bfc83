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
// Reads only, outside transactions: a transaction's queries go through its `tx` client.

import type { ArgType, ColumnType, SqlDriverAdapter, SqlDriverAdapterFactory, SqlResultSet } from '@prisma/driver-adapter-utils';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { Prisma } from '../../generated/prisma/client';

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
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('Provided Date object is invalid');
    return { arg: value.toJSON(), type: { scalarType: 'datetime', arity: 'scalar' } };
  }
  if (typeof value === 'bigint') return { arg: value.toString(), type: { scalarType: 'bigint', arity: 'scalar' } };
  if (typeof value === 'number') return { arg: value, type: { scalarType: 'decimal', arity: 'scalar' } };
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
export function rowsOf<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes } = result;
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) object[columnNames[i]!] = resultValue(row[i], columnTypes[i]!);
    return object as T;
  });
}

/** Runs a read (a Prisma.sql template) through the client's driver adapter; the rows as `$queryRaw<T>` returns them. */
export async function queryRows<T>(reader: RawReader, query: Sql): Promise<T[]> {
  const sql = reader.dialect === 'postgresql' ? query.text : query.sql;
  if (!/^\s*(SELECT|WITH)\b/i.test(sql)) throw new Error('queryRows only reads: send writes through the Prisma client');
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  for (const value of query.values) {
    const { arg, type } = argument(value);
    args.push(arg);
    argTypes.push(type);
  }
  const adapter = await adapterOf(reader);
  return rowsOf<T>(await adapter.queryRaw({ sql, args, argTypes }));
}

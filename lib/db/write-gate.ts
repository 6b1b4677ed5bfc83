import type { IsolationLevel, SqlDriverAdapter, SqlQuery, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils';
import type { CrossProcessLock } from './cluster-write-lock.mjs';

/**
 * One SQLite connection serves every request (the better-sqlite3 adapter). The adapter queues
 * transactions behind each other, but not plain statements: a plain write of another request,
 * run while a transaction is open (between its awaited statements), lands inside that
 * transaction. Its request is told "saved", yet a rollback, or a crash before the commit,
 * takes the write away with the transaction. A long transaction that yields to the event loop
 * (the progress import writes a 20 MB file a chunk at a time) makes that window seconds wide.
 *
 * This wrapper holds plain writes back while a transaction is open and sends them once it has
 * committed or rolled back, as a second connection's writes would wait for SQLite's lock.
 * Plain reads go through at once (they only ever see uncommitted rows of the transaction's
 * own user, the importing learner), so pages and /api/health stay quick during an import.
 *
 * Several server processes (`npm start` runs one per core) share the file, each with its own
 * connection. The adapter's plain BEGIN is deferred: a transaction that read, then writes after
 * another process committed, fails at once with SQLITE_BUSY (its snapshot is stale, and waiting
 * cannot help). So every transaction takes the write lock first (BEGIN IMMEDIATE's effect, by a
 * write that changes nothing), waiting up to busy_timeout for another process to commit: the
 * transactions of all processes run one after another, as they already do within one.
 *
 * Waiting for that lock inside SQLite stops the whole process (better-sqlite3's busy handler
 * sleeps on its one thread), so when the cluster's primary arbitrates the lock
 * (cluster-write-lock.mjs), every transaction and plain write asks it first and waits without
 * blocking; SQLite's lock is then free when it is taken.
 */
/** A write that matches no row: it makes the open transaction take SQLite's write lock now. */
export const TAKE_WRITE_LOCK = 'UPDATE "_prisma_migrations" SET id = id WHERE 0';

export class WriteGatedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  /** One promise per transaction begun or about to begin, settled when it ends. */
  private readonly transactions = new Set<Promise<void>>();
  /** Plain writes that passed the gate and may still be running. */
  private readonly writesInFlight = new Set<Promise<unknown>>();

  readonly getConnectionInfo?: SqlDriverAdapter['getConnectionInfo'];

  /** `crossProcess`: the cluster's write lock, taken around every transaction and plain write. */
  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly crossProcess: CrossProcessLock | null = null,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  /** A plain SELECT only reads; anything else (INSERT, UPDATE, DELETE, PRAGMA…) may write. */
  static isRead(sql: string): boolean {
    return /^\s*SELECT\b/i.test(sql);
  }

  private async outsideTransactions(): Promise<void> {
    while (this.transactions.size > 0) await Promise.all(this.transactions);
  }

  /** Runs a plain write once no transaction is open, and remembers it until it is done. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    await this.outsideTransactions();
    const running = this.holdingCrossProcessLock(run);
    this.writesInFlight.add(running);
    try {
      return await running;
    } finally {
      this.writesInFlight.delete(running);
    }
  }

  private async holdingCrossProcessLock<T>(run: () => Promise<T>): Promise<T> {
    if (!this.crossProcess) return run();
    const release = await this.crossProcess.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (WriteGatedAdapter.isRead(query.sql)) return this.inner.queryRaw(query);
    return this.write(() => this.inner.queryRaw(query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    if (WriteGatedAdapter.isRead(query.sql)) return this.inner.executeRaw(query);
    return this.write(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // Close the gate first, then let the plain writes already past it finish before BEGIN:
    // one of them must not start after BEGIN and land inside the transaction.
    let end = () => {};
    const open = new Promise<void>((resolve) => (end = resolve));
    this.transactions.add(open);
    let releaseCrossProcess = () => {};
    const finish = () => {
      releaseCrossProcess();
      this.transactions.delete(open);
      end();
    };
    let tx: Transaction;
    try {
      while (this.writesInFlight.size > 0) await Promise.allSettled(this.writesInFlight);
      if (this.crossProcess) releaseCrossProcess = await this.crossProcess.acquire();
      tx = await this.inner.startTransaction(isolationLevel);
    } catch (error) {
      finish();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(finish);
    tx.rollback = () => rollback().finally(finish);
    try {
      await tx.executeRaw({ sql: TAKE_WRITE_LOCK, args: [], argTypes: [] });
    } catch (error) {
      // The adapter's rollback() only releases its lock; the statement ends the transaction.
      await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => 0);
      await tx.rollback();
      throw error;
    }
    return tx;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

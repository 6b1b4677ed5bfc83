import type { IsolationLevel, SqlDriverAdapter, SqlQuery, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils';

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
 */
export class WriteGatedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  /** Settles when the open transaction ends; null while none is open. */
  private open: Promise<void> | null = null;

  readonly getConnectionInfo?: SqlDriverAdapter['getConnectionInfo'];

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  /** A plain SELECT only reads; anything else (INSERT, UPDATE, DELETE, PRAGMA…) may write. */
  static isRead(sql: string): boolean {
    return /^\s*SELECT\b/i.test(sql);
  }

  private async outsideTransactions(): Promise<void> {
    while (this.open) await this.open;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (!WriteGatedAdapter.isRead(query.sql)) await this.outsideTransactions();
    return this.inner.queryRaw(query);
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    if (!WriteGatedAdapter.isRead(query.sql)) await this.outsideTransactions();
    return this.inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const tx = await this.inner.startTransaction(isolationLevel);
    let end = () => {};
    const open = new Promise<void>((resolve) => (end = resolve));
    this.open = open;
    const finish = () => {
      if (this.open === open) this.open = null;
      end();
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(finish);
    tx.rollback = () => rollback().finally(finish);
    return tx;
  }


  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

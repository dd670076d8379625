import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { DatabaseBackend } from '../../application/ports/database-admin.js';

export type SqlRow = Record<string, unknown>;

export interface SqlResult<R> {
  readonly rows: R[];
  /** Rows returned or affected, as the server reports them. */
  readonly rowCount: number;
}

export const CopyFormat = { TEXT: 'text', BINARY: 'binary' } as const;
export type CopyFormat = (typeof CopyFormat)[keyof typeof CopyFormat];

/** Drizzle over one connection; node-postgres and PGlite drizzles share this type. */
export type OrmDatabase = PgDatabase<PgQueryResultHKT>;

/**
 * One connection as repositories use it, the same on both backends. Values come back typed alike on
 * both: bigint (int8) and numeric as strings (exact), double precision as numbers, timestamptz as Date,
 * jsonb parsed. A session is lent for one operation and must not be kept after it.
 */
export interface SqlSession {
  query<R = SqlRow>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Several statements separated by semicolons, without parameters (migrations). */
  execScript(sql: string): Promise<void>;
  /**
   * `COPY <target> FROM STDIN` in the given format, fed with `chunks` (which need not align with rows);
   * resolves to the number of rows copied. `target` is a table with an optional column list.
   */
  copyFrom(target: string, format: CopyFormat, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number>;
  /** `COPY (<query>) TO STDOUT` in the given format: the output as one buffer. */
  copyTo(query: string, format: CopyFormat): Promise<Uint8Array>;
  /** Drizzle ORM bound to this connection. Never call its `transaction()`: use the executor's. */
  orm(): OrmDatabase;
}

export const IsolationLevel = {
  READ_COMMITTED: 'read committed',
  REPEATABLE_READ: 'repeatable read',
  SERIALIZABLE: 'serializable',
} as const;
export type IsolationLevel = (typeof IsolationLevel)[keyof typeof IsolationLevel];

export interface TransactionOptions {
  /** Default read committed. */
  readonly isolation?: IsolationLevel;
  readonly readOnly?: boolean;
  /** Lifts the statement timeout for this transaction only: bulk imports, backups and restores. */
  readonly noStatementTimeout?: boolean;
  /** Never re-run after a transient failure: for work that consumes a stream or writes a file. */
  readonly noRetry?: boolean;
}

/**
 * What repositories are built over: the database itself, or one open transaction. Every call names its
 * operation (e.g. "marketData.latestBar"): metrics are counted and timed per name.
 *
 * - On the database, `run` lends a connection for one autocommit operation and `transaction` opens a
 *   transaction; both are retried as a whole after a transient failure (see isTransientDbError).
 * - On a transaction, `run` uses the transaction's connection and `transaction` joins the transaction
 *   (no nesting, no savepoint); nothing is retried inside, the outermost transaction is.
 *
 * @example
 * const latest = await executor.run('marketData.latestBar', (session) => session.query(sql, [id]));
 * await db.transaction('import', async (tx) => { await new PostgresMarketDataRepository(tx).ingest(s); });
 */
export interface SqlExecutor {
  readonly backend: DatabaseBackend;
  run<T>(operation: string, work: (session: SqlSession) => Promise<T>): Promise<T>;
  transaction<T>(operation: string, work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

import { type DatabaseHealth, HealthStatus } from '../../application/ports/database-admin.js';
import type { Logger } from '../../application/ports/logger.js';
import { Retry } from '../../shared/resilience/index.js';
import type { ConnectionSource } from './connection-source.js';
import type { Database } from './database.js';
import type { QueryMetrics } from './query-metrics.js';
import {
  IsolationLevel,
  type SqlExecutor,
  type SqlSession,
  type TransactionOptions,
} from './sql-executor.js';
import { TransactionExecutor } from './transaction-executor.js';
import { isConnectionError, isTransientDbError } from './transient-error.js';
import { translateDbError } from './translate-db-error.js';

export interface RetrySettings {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Default 50 ms, doubling per attempt with full jitter. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface SqlDatabaseOptions {
  readonly source: ConnectionSource;
  readonly metrics: QueryMetrics;
  readonly logger: Logger;
  readonly retry?: RetrySettings;
  /** Monotonic milliseconds for the health check's latency. */
  readonly now?: () => number;
}

/**
 * The database both backends share, composed of small parts: a ConnectionSource lends sessions, a
 * Retry re-runs whole operations after transient failures (isTransientDbError), QueryMetrics counts and
 * times every named operation, translateDbError turns driver errors into AtbErrors, and transactions
 * hand repositories a TransactionExecutor bound to their connection.
 */
export class SqlDatabase implements Database {
  readonly backend;
  readonly location;
  readonly #source: ConnectionSource;
  readonly #metrics: QueryMetrics;
  readonly #logger: Logger;
  readonly #retry: Required<RetrySettings>;
  readonly #now: () => number;
  /** One Retry per operation name, made on first use: building one per call cost a transaction tens of µs. */
  readonly #retries = new Map<string, Retry>();
  #closed = false;

  constructor(options: SqlDatabaseOptions) {
    this.#source = options.source;
    this.backend = options.source.backend;
    this.location = options.source.location;
    this.#metrics = options.metrics;
    this.#logger = options.logger;
    this.#retry = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 2_000, ...options.retry };
    this.#now = options.now ?? (() => performance.now());
  }

  run<T>(operation: string, work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.#metrics.observe(operation, () =>
      this.#retrying(operation, () =>
        this.#source.withSession(async (session) => {
          try {
            return await work(session);
          } catch (error) {
            throw translateDbError(error, operation);
          }
        }),
      ),
    );
  }

  transaction<T>(operation: string, work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const attempt = (): Promise<T> => this.#source.withSession((session) => this.#inTransaction(session, operation, work, options));
    return this.#metrics.observe(operation, () => (options.noRetry === true ? attempt() : this.#retrying(operation, attempt)));
  }

  async health(): Promise<DatabaseHealth> {
    const base = { backend: this.backend, location: this.location };
    try {
      return await this.#source.withSession(async (session) => {
        const started = this.#now();
        await session.query('SELECT 1');
        const latencyMs = this.#now() - started;
        const facts = await this.#source.describe(session);
        return { ...base, status: HealthStatus.OK, latencyMs, ...facts, error: undefined };
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ...base,
        status: HealthStatus.DOWN,
        latencyMs: undefined,
        serverVersion: undefined,
        pool: undefined,
        durability: undefined,
        error: message,
      };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#source.close();
  }

  async #inTransaction<T>(
    session: SqlSession,
    operation: string,
    work: (tx: SqlExecutor) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    const tx = new TransactionExecutor(session, this.backend, this.#metrics);
    try {
      await session.query(beginStatement(options));
      // PGlite cannot enforce a statement timeout (no timer signals in WebAssembly), so it has none to lift.
      if (options.noStatementTimeout === true && this.backend === 'postgres') {
        await session.query('SET LOCAL statement_timeout = 0');
      }
      const result = await work(tx);
      tx.end();
      await session.query('COMMIT');
      return result;
    } catch (error) {
      tx.end();
      await rollbackQuietly(session, error);
      throw translateDbError(error, operation);
    }
  }

  #retrying<T>(operation: string, attempt: () => Promise<T>): Promise<T> {
    let retry = this.#retries.get(operation);
    if (retry === undefined) {
      retry = new Retry({
        name: operation,
        ...this.#retry,
        retryable: isTransientDbError,
        onRetry: (event) => {
          this.#metrics.retried(operation);
          this.#logger.warn('database operation failed transiently; running it again', {
            operation,
            attempt: event.attempt,
            delayMs: Math.round(event.delayMs),
            error: event.error instanceof Error ? event.error.message : String(event.error),
          });
        },
      });
      if (this.#retries.size < 1_000) this.#retries.set(operation, retry);
    }
    return retry.execute(() => attempt());
  }
}

function beginStatement(options: TransactionOptions): string {
  const isolation = options.isolation ?? IsolationLevel.READ_COMMITTED;
  return `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}${options.readOnly === true ? ' READ ONLY' : ''}`;
}

/**
 * Rolls back after a failure. When the connection itself failed there is nothing to roll back (the
 * server aborts the transaction of a lost connection), and the pool discards the connection.
 */
async function rollbackQuietly(session: SqlSession, failure: unknown): Promise<void> {
  if (isConnectionError(failure)) return;
  try {
    await session.query('ROLLBACK');
  } catch {
    // The original failure is what the caller needs; a failed rollback means the connection is gone.
  }
}

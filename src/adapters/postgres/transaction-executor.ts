import type { DatabaseBackend } from '../../application/ports/database-admin.js';
import type { QueryMetrics } from './query-metrics.js';
import type { SqlExecutor, SqlSession } from './sql-executor.js';
import { translateDbError } from './translate-db-error.js';

/**
 * The executor inside one open transaction: every operation runs on the transaction's connection and is
 * counted and timed, but never retried on its own (a statement cannot be repeated inside a transaction
 * the server has aborted; the whole transaction is retried by whoever opened it). A nested
 * `transaction()` joins this one. Using it after its transaction ended is a bug and throws.
 */
export class TransactionExecutor implements SqlExecutor {
  #ended = false;

  constructor(
    private readonly session: SqlSession,
    readonly backend: DatabaseBackend,
    private readonly metrics: QueryMetrics,
  ) {}

  run<T>(operation: string, work: (session: SqlSession) => Promise<T>): Promise<T> {
    this.#checkOpen(operation);
    return this.metrics.observe(operation, async () => {
      try {
        return await work(this.session);
      } catch (error) {
        throw translateDbError(error, operation);
      }
    });
  }

  transaction<T>(operation: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.#checkOpen(operation);
    return this.metrics.observe(operation, () => work(this));
  }

  /** Called by the owner when the transaction commits or rolls back. */
  end(): void {
    this.#ended = true;
  }

  #checkOpen(operation: string): void {
    if (this.#ended) {
      // A bug, not an input problem: a repository of a unit of work escaped it.
      throw new Error(`${operation}: used a transaction after it ended (keep repositories of a unit of work inside it)`);
    }
  }
}

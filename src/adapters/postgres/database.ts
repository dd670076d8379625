import type { DatabaseHealth } from '../../application/ports/database-admin.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * An open database, PostgreSQL server or embedded PGlite: an executor for repositories plus a real
 * health check and `close()`, which ends every connection (and, embedded, releases the data folder).
 */
export interface Database extends SqlExecutor {
  /** The server URL without its password, or the embedded data folder ("memory" when in memory). */
  readonly location: string;
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

import type { DatabaseBackend, DurabilitySettings, PoolStats } from '../../application/ports/database-admin.js';
import type { SqlSession } from './sql-executor.js';

/**
 * Where sessions come from: a node-postgres pool, or PGlite's single connection behind a mutex. The
 * rest of the database (transactions, retries, metrics, errors, health) is built on top once, in
 * SqlDatabase, and is the same for both backends.
 */
export interface ConnectionSource {
  readonly backend: DatabaseBackend;
  /** The server URL without its password, or the embedded data folder. */
  readonly location: string;
  /** Lends a session for the duration of `work`. */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Backend facts for the health report, read through a lent session. */
  describe(session: SqlSession): Promise<BackendFacts>;
  close(): Promise<void>;
}

export interface BackendFacts {
  readonly serverVersion: string;
  readonly pool: PoolStats | undefined;
  readonly durability: DurabilitySettings;
}

/**
 * Operating the system of record: migrations, health, logical backup and restore. Used by `atb db` and
 * health endpoints; repositories are a separate port (unit-of-work.ts).
 */
export interface DatabaseAdmin {
  /** Applies the pending migrations in order, each in its own transaction; resolves to those applied. */
  migrate(): Promise<readonly MigrationRef[]>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Never rejects: a failed check is a report with status 'down' and the reason. */
  health(): Promise<DatabaseHealth>;
  /** Writes a logical dump of every ATB table to `path` (replacing it only once complete). */
  backup(path: string): Promise<BackupSummary>;
  /**
   * Loads a dump made by `backup` into an empty database (every ATB table empty), on either backend;
   * rejects with CONFLICT, changing nothing, when a table has rows.
   */
  restore(path: string): Promise<BackupSummary>;
  close(): Promise<void>;
}

export const DatabaseBackend = { POSTGRES: 'postgres', PGLITE: 'pglite' } as const;
export type DatabaseBackend = (typeof DatabaseBackend)[keyof typeof DatabaseBackend];

/** A migration file, `0001_market_data.sql`: version 1, name "market_data". */
export interface MigrationRef {
  readonly version: number;
  readonly name: string;
}

export interface AppliedMigration extends MigrationRef {
  readonly appliedAt: Date;
}

export interface MigrationStatus {
  readonly applied: readonly AppliedMigration[];
  readonly pending: readonly MigrationRef[];
  /** Applied migrations whose file has changed since (a committed migration must never be edited). */
  readonly changed: readonly MigrationRef[];
  /** Applied migrations this version of ATB has no file for: the database is newer than the code. */
  readonly unknown: readonly MigrationRef[];
}

export const HealthStatus = { OK: 'ok', DOWN: 'down' } as const;
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

/** What a health check found by really querying the database. */
export interface DatabaseHealth {
  readonly status: HealthStatus;
  readonly backend: DatabaseBackend;
  /** The server URL without its password, or the embedded data folder ("memory" when in memory). */
  readonly location: string;
  /** Round trip of `SELECT 1`, undefined when it failed. */
  readonly latencyMs: number | undefined;
  readonly serverVersion: string | undefined;
  readonly pool: PoolStats | undefined;
  readonly durability: DurabilitySettings | undefined;
  /** Why the status is 'down'. */
  readonly error: string | undefined;
}

export interface PoolStats {
  readonly max: number;
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface DurabilitySettings {
  /** `SHOW fsync`. */
  readonly fsync: string;
  /** `SHOW synchronous_commit`. */
  readonly synchronousCommit: string;
  /** PGlite only: false, so every query waits for its writes to reach the file system. */
  readonly relaxedDurability: boolean | undefined;
  /** What these settings mean for a crash, in words. */
  readonly note: string;
}

export interface BackupSummary {
  readonly path: string;
  /** The migration level of the data: a restore migrates the target to it first. */
  readonly migrationVersion: number;
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
}

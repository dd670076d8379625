import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Registry } from 'prom-client';
import { DatabaseBackend } from '../../application/ports/database-admin.js';
import type { Logger } from '../../application/ports/logger.js';
import { AtbError } from '../../shared/errors.js';
import { Bulkhead } from '../../shared/resilience/index.js';
import type { BackendFacts, ConnectionSource } from './connection-source.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import type { Database } from './database.js';
import { durabilityNote } from './durability-note.js';
import { PGLITE_PARSERS, PgliteSession } from './pglite-session.js';
import { QueryMetrics } from './query-metrics.js';
import { type RetrySettings, SqlDatabase } from './sql-database.js';
import type { SqlSession } from './sql-executor.js';

export interface EmbeddedOptions {
  /** The data folder, created when missing; undefined keeps the database in memory (tests). */
  readonly dataDir?: string;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly retry?: RetrySettings;
  /** A PGDATA tarball (PGlite `dumpDataDir`) to start a new database from instead of running initdb. */
  readonly initialDataDir?: Blob;
}

/**
 * Opens the embedded database (PGlite: PostgreSQL compiled to WebAssembly, in this process). Its folder
 * is locked for this process (data-dir-lock.ts); a second process gets AtbError LOCKED. PGlite has a
 * single connection, so every operation is serialised through one queue (a Bulkhead of one), and a
 * transaction holds the queue until it ends. The first open of a new folder runs initdb (seconds).
 */
export async function openEmbeddedDatabase(options: EmbeddedOptions): Promise<Database> {
  const folder = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  let lock: DataDirLock | undefined;
  if (folder !== undefined) {
    await mkdir(dirname(folder), { recursive: true });
    lock = await lockDataDir(folder, { logger: options.logger });
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(folder === undefined ? {} : { dataDir: folder }),
      // Explicitly off: every query waits until its writes reached the file system before it returns.
      relaxedDurability: false,
      parsers: PGLITE_PARSERS,
      ...(options.initialDataDir === undefined ? {} : { loadDataDir: options.initialDataDir }),
    });
  } catch (error) {
    await lock?.release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AtbError('UNAVAILABLE', `cannot open the embedded database at ${folder ?? 'memory'}: ${reason}`, { folder }, { cause: error });
  }
  return new SqlDatabase({
    source: new PgliteConnectionSource(pglite, folder ?? 'memory', lock),
    metrics: new QueryMetrics(options.registry, DatabaseBackend.PGLITE),
    logger: options.logger,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
}

class PgliteConnectionSource implements ConnectionSource {
  readonly backend = DatabaseBackend.PGLITE;
  readonly #session: PgliteSession;
  readonly #queue = new Bulkhead({ name: 'pglite', maxConcurrent: 1, maxQueued: Number.MAX_SAFE_INTEGER });
  #closed = false;

  constructor(
    private readonly pglite: PGlite,
    readonly location: string,
    private readonly lock: DataDirLock | undefined,
  ) {
    this.#session = new PgliteSession(pglite);
  }

  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closedError());
    return this.#queue.execute(() => (this.#closed ? Promise.reject(this.#closedError()) : work(this.#session)));
  }

  async describe(session: SqlSession): Promise<BackendFacts> {
    const { rows } = await session.query<{ version: string; fsync: string; sync: string }>(
      "SELECT version() AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync",
    );
    const row = rows[0] ?? { version: 'unknown', fsync: 'unknown', sync: 'unknown' };
    return {
      // "PostgreSQL 18.6 (PGlite 0.5.16) on wasm32-unknown-emscripten, compiled by ...": the part before " on ".
      serverVersion: row.version.split(' on ')[0] ?? row.version,
      pool: undefined,
      durability: {
        fsync: row.fsync,
        synchronousCommit: row.sync,
        relaxedDurability: false,
        note: durabilityNote(DatabaseBackend.PGLITE, row.fsync, row.sync),
      },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Queued behind whatever is running, so an operation in progress finishes (or rolls back) first.
    await this.#queue.execute(async () => {
      this.#closed = true;
      await this.pglite.close();
    });
    await this.lock?.release();
  }

  #closedError(): AtbError {
    return new AtbError('UNAVAILABLE', `the embedded database at ${this.location} is closed`, { location: this.location });
  }
}

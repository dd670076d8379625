import { resolve } from 'node:path';
import { Registry } from 'prom-client';
import type { Logger } from '../../application/ports/logger.js';
import type { Database } from '../../adapters/postgres/database.js';
import { migrationLabel, readMigrationFiles } from '../../adapters/postgres/migration-files.js';
import { Migrator } from '../../adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../../adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../adapters/postgres/pglite-database.js';
import type { DatabaseConfig } from '../config/schema.js';

export interface OpenDatabaseDeps {
  readonly logger: Logger;
  /** Where per-operation metrics go; a private registry when absent (the CLI exports none). */
  readonly registry?: Registry;
  /** The embedded folder (database.embeddedPath) is relative to this. */
  readonly cwd: string;
}

/**
 * Opens the configured database: the PostgreSQL server of `database.url` (DATABASE_URL) when set, else
 * the embedded one in `database.embeddedPath`. With `migrate`, pending migrations are applied before it
 * is handed out (ATB migrates on start); the database is closed again if that fails.
 *
 * @example
 * const db = await openConfiguredDatabase(config.database, { logger, cwd }, { migrate: true });
 * try { const series = await new PostgresMarketDataRepository(db).readSeries(id, tf); } finally { await db.close(); }
 */
export async function openConfiguredDatabase(
  config: DatabaseConfig,
  deps: OpenDatabaseDeps,
  options: { readonly migrate: boolean },
): Promise<Database> {
  const registry = deps.registry ?? new Registry();
  const db =
    config.url === undefined
      ? await openEmbeddedDatabase({ dataDir: resolve(deps.cwd, config.embeddedPath), logger: deps.logger, registry })
      : await openPostgresDatabase({
          url: config.url,
          poolMax: config.poolMax,
          idleTimeoutMs: config.idleTimeoutMs,
          connectionTimeoutMs: config.connectionTimeoutMs,
          statementTimeoutMs: config.statementTimeoutMs,
          ssl: config.ssl,
          logger: deps.logger,
          registry,
        });
  if (!options.migrate) return db;
  try {
    const applied = await new Migrator(db, await readMigrationFiles()).migrate();
    for (const migration of applied) deps.logger.info(`applied migration ${migrationLabel(migration)}`, { location: db.location });
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

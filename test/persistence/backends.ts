import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { type DatabaseBackend } from '../../src/application/ports/database-admin.js';
import { type Logger, silentLogger } from '../../src/application/ports/logger.js';
import type { Database } from '../../src/adapters/postgres/database.js';
import { readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { Migrator } from '../../src/adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../src/adapters/postgres/pglite-database.js';
import type { RetrySettings } from '../../src/adapters/postgres/sql-database.js';
import { pgliteTemplate } from './pglite-template.js';

/**
 * The contract-test harness for persistence: `describeEachBackend` runs one suite against the embedded
 * database (PGlite, in memory) and against the PostgreSQL server at TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test). Each suite gets its own database (PGlite) or schema
 * (PostgreSQL), migrated once; every table is emptied before each test, so tests are isolated.
 *
 * Without a reachable server the PostgreSQL half is skipped with one loud line, except under CI=true,
 * where it fails.
 *
 * @example
 * describeEachBackend('market data', (current) => {
 *   it('stores bars', async () => {
 *     const repo = new PostgresMarketDataRepository(current().db);
 *     ...
 *   });
 * });
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const IN_CI = process.env.CI === 'true';

export interface TestDatabase {
  readonly backend: DatabaseBackend;
  readonly db: Database;
  readonly registry: Registry;
  /** The PostgreSQL schema holding this database's tables (undefined for PGlite). */
  readonly schema: string | undefined;
  /** Empties every table but schema_migrations; the harness runs it before each test. */
  truncateAll(): Promise<void>;
  /** Closes the database and drops its schema. */
  dispose(): Promise<void>;
}

export interface OpenTestDatabaseOptions {
  /** Default true: apply the committed migrations. */
  readonly migrate?: boolean;
  readonly logger?: Logger;
  readonly retry?: RetrySettings;
  /** PostgreSQL only: the statement timeout of every connection. Default 30 s. */
  readonly statementTimeoutMs?: number;
  readonly poolMax?: number;
  /** PostgreSQL only: how long to wait for a pooled connection. Default 5 s. */
  readonly connectionTimeoutMs?: number;
}

/** Why the server cannot be used, or undefined when it answered. Probed once per test file. */
export const postgresUnavailable: string | undefined = await probePostgres();

if (postgresUnavailable !== undefined && !IN_CI) {
  console.warn(`!!! SKIPPING PostgreSQL persistence tests: ${TEST_DATABASE_URL} is unreachable (${postgresUnavailable}); CI=true makes this a failure`);
}

/** Under CI=true a missing server fails the suite; elsewhere the PostgreSQL half is skipped. */
export function skipPostgres(): boolean {
  return postgresUnavailable !== undefined && !IN_CI;
}

export const BACKENDS: readonly DatabaseBackend[] = ['pglite', 'postgres'];

export function describeEachBackend(
  title: string,
  suite: (current: () => TestDatabase) => void,
  options: OpenTestDatabaseOptions = {},
): void {
  for (const backend of BACKENDS) {
    describe.skipIf(backend === 'postgres' && skipPostgres())(`${title} [${backend}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(backend, options);
      });
      beforeEach(async () => {
        await database?.truncateAll();
      });
      afterAll(async () => {
        await database?.dispose();
      });
      suite(() => {
        if (database === undefined) throw new Error(`the ${backend} test database did not open (see beforeAll)`);
        return database;
      });
    });
  }
}

/** A fresh migrated database of the given backend: PGlite in memory, or a new schema on the server. */
export async function openTestDatabase(backend: DatabaseBackend, options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const registry = new Registry();
  const logger = options.logger ?? silentLogger;
  let db: Database;
  let schema: string | undefined;
  if (backend === 'pglite') {
    db = await openEmbeddedDatabase({ logger, registry, initialDataDir: await pgliteTemplate(), ...retry(options) });
  } else {
    if (postgresUnavailable !== undefined) {
      throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is required under CI=true but unreachable: ${postgresUnavailable}`);
    }
    schema = newSchemaName();
    db = await openPostgresDatabase({ ...postgresTestOptions(options), schema, logger, registry, ...retry(options) });
  }
  if (options.migrate ?? true) await new Migrator(db, await readMigrationFiles()).migrate();
  return {
    backend,
    db,
    registry,
    schema,
    truncateAll: () => truncateAll(db),
    dispose: async () => {
      if (schema !== undefined) await db.run('test.dropSchema', (s) => s.execScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      await db.close();
    },
  };
}

/** The PostgreSQL options tests use, for opening a second database on the same schema (or a new one). */
export function postgresTestOptions(options: OpenTestDatabaseOptions = {}) {
  return {
    url: TEST_DATABASE_URL,
    poolMax: options.poolMax ?? 4,
    idleTimeoutMs: 5_000,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
    ssl: { mode: 'disable' as const },
  };
}

/** A schema name no other test file uses: atb_test_<pid>_<random>. */
export function newSchemaName(): string {
  return `atb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema through a short-lived connection (for tests that created one themselves). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

async function truncateAll(db: Database): Promise<void> {
  await db.run('test.truncateAll', async (session) => {
    const { rows } = await session.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
    );
    if (rows.length > 0) await session.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`);
  });
}

function retry(options: OpenTestDatabaseOptions): { retry?: RetrySettings } {
  return options.retry === undefined ? {} : { retry: options.retry };
}

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

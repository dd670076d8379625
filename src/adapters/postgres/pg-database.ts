import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { Registry } from 'prom-client';
import { DatabaseBackend } from '../../application/ports/database-admin.js';
import type { Logger } from '../../application/ports/logger.js';
import { AtbError } from '../../shared/errors.js';
import type { BackendFacts, ConnectionSource } from './connection-source.js';
import type { Database } from './database.js';
import { durabilityNote } from './durability-note.js';
import { PgSession } from './pg-session.js';
import { QueryMetrics } from './query-metrics.js';
import { redactUrl } from './redact-url.js';
import { type RetrySettings, SqlDatabase } from './sql-database.js';
import type { SqlSession } from './sql-executor.js';
import { isConnectionError } from './transient-error.js';

export const SslMode = { DISABLE: 'disable', REQUIRE: 'require', VERIFY_FULL: 'verify-full' } as const;
export type SslMode = (typeof SslMode)[keyof typeof SslMode];

export interface PostgresOptions {
  /** postgres://user:password@host:5432/database */
  readonly url: string;
  readonly poolMax: number;
  readonly idleTimeoutMs: number;
  /** How long to wait for a connection; node-postgres waits forever by default. */
  readonly connectionTimeoutMs: number;
  /** Set on every connection; 0 means none. Bulk operations lift it for their own transaction. */
  readonly statementTimeoutMs: number;
  /**
   * `require` encrypts without checking the certificate; `verify-full` checks it against `ca` (a PEM
   * file) or the system's authorities. An `sslmode` in the URL takes precedence (node-postgres).
   */
  readonly ssl: { readonly mode: SslMode; readonly ca?: string };
  /** Put ATB's tables in this schema (created when missing) instead of the user's default one. */
  readonly schema?: string;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly retry?: RetrySettings;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool on a PostgreSQL server and checks that it answers; rejects with AtbError UNAVAILABLE
 * (naming the server, without its password) when it cannot connect within the connection timeout.
 */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new AtbError('INVALID_INPUT', `invalid schema name, was ${JSON.stringify(options.schema)}: expected lower-case letters, digits and _`, {
      field: 'schema',
      value: options.schema,
    });
  }
  const location = redactUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    idleTimeoutMillis: options.idleTimeoutMs,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    application_name: 'atb',
    ssl: sslOptions(options.ssl),
    keepAlive: true,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection that fails (server restart, network cut) is reported here; without a listener
  // node would crash the process. The pool drops it and opens another on demand.
  pool.on('error', (error) => options.logger.warn('an idle database connection failed and was dropped', { error: error.message }));
  try {
    const client = await pool.connect();
    try {
      if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AtbError('UNAVAILABLE', `cannot reach the PostgreSQL server at ${location}: ${reason}`, { location }, { cause: error });
  }
  const source = new PgConnectionSource(pool, location, options.poolMax);
  return new SqlDatabase({
    source,
    metrics: new QueryMetrics(options.registry, DatabaseBackend.POSTGRES),
    logger: options.logger,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
}

function sslOptions(ssl: PostgresOptions['ssl']): false | ConnectionOptions {
  if (ssl.mode === SslMode.DISABLE) return false;
  if (ssl.mode === SslMode.REQUIRE) return { rejectUnauthorized: false };
  if (ssl.ca === undefined) return { rejectUnauthorized: true };
  try {
    return { rejectUnauthorized: true, ca: readFileSync(ssl.ca, 'utf8') };
  } catch (error) {
    throw new AtbError('CONFIG_INVALID', `invalid database.ssl.ca, was ${JSON.stringify(ssl.ca)}: expected a readable PEM file`, {
      field: 'database.ssl.ca',
      value: ssl.ca,
    }, { cause: error });
  }
}

class PgConnectionSource implements ConnectionSource {
  readonly backend = DatabaseBackend.POSTGRES;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    private readonly poolMax: number,
  ) {}

  async withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // pg-pool listens for errors only on idle clients. A checked-out connection that the server ends
    // between two statements (57P01 after pg_terminate_backend, a restart) emits 'error' with no query
    // to carry it, which node turns into an uncaught exception. Keep it here: the next statement then
    // fails with a connection error, and the connection is destroyed on release.
    let lost: Error | undefined;
    const onError = (error: Error): void => {
      lost ??= error;
    };
    client.on('error', onError);
    const release = (failure: Error | undefined): void => {
      // A destroyed connection keeps the listener: it may still report its end after release.
      if (failure === undefined) client.removeListener('error', onError);
      client.release(failure);
    };
    try {
      const result = await work(new PgSession(client));
      release(lost);
      return result;
    } catch (error) {
      // A connection that failed is destroyed rather than handed to the next caller.
      release(lost ?? (isConnectionError(error) ? (error as Error) : undefined));
      throw error;
    }
  }

  async describe(session: SqlSession): Promise<BackendFacts> {
    const { rows } = await session.query<{ version: string; fsync: string; sync: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync",
    );
    const row = rows[0] ?? { version: 'unknown', fsync: 'unknown', sync: 'unknown' };
    return {
      serverVersion: `PostgreSQL ${row.version}`,
      pool: { max: this.poolMax, total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount },
      durability: {
        fsync: row.fsync,
        synchronousCommit: row.sync,
        relaxedDurability: undefined,
        note: durabilityNote(DatabaseBackend.POSTGRES, row.fsync, row.sync),
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/application/ports/logger.js';
import { openPostgresDatabase } from '../../src/adapters/postgres/pg-database.js';
import { PostgresMarketDataRepository } from '../../src/adapters/postgres/postgres-market-data-repository.js';
import { IsolationLevel, type SqlExecutor } from '../../src/adapters/postgres/sql-executor.js';
import { AtbError } from '../../src/shared/errors.js';
import { describeEachBackend, openTestDatabase, postgresTestOptions, skipPostgres, type TestDatabase } from './backends.js';
import { barSeries } from './bar-series.js';

// Shared behaviour of both backends: health, metrics, error translation, transactions, isolation.

async function metricValue(database: TestDatabase, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await database.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as { labels: Record<string, string>; value: number; metricName?: string }[];
  return values
    .filter((v) => (v.metricName === undefined || v.metricName === name || v.metricName === `${name}_count`) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describeEachBackend('database core', (current) => {
  it('health really queries and reports the backend, version and durability', async () => {
    const health = await current().db.health();
    expect(health.status).toBe('ok');
    expect(health.backend).toBe(current().backend);
    expect(health.latencyMs).toBeGreaterThan(0);
    expect(health.serverVersion).toMatch(/^PostgreSQL \d+/);
    if (current().backend === 'pglite') {
      expect(health.location).toBe('memory');
      expect(health.pool).toBeUndefined();
      expect(health.durability).toMatchObject({ relaxedDurability: false, synchronousCommit: 'on' });
      expect(health.durability?.note).toMatch(/survive a crash or kill of ATB, not a power cut/);
    } else {
      expect(health.location).toMatch(/^postgres:\/\/.*127\.0\.0\.1:5432\/test$/);
      expect(health.pool).toMatchObject({ max: 4 });
      expect(health.durability?.fsync).toMatch(/^(on|off)$/);
      expect(health.durability?.relaxedDurability).toBeUndefined();
    }
  });

  it('hands values over typed alike on both backends: numeric and bigint as exact strings', async () => {
    const { rows } = await current().db.run('test.types', (s) =>
      s.query(
        `SELECT '12345678901234567890.123456789012345678'::numeric AS money, 9007199254740993::bigint AS big,
                0.1::double precision AS ratio, true AS flag, '{"a": [1, "2"]}'::jsonb AS doc,
                '2024-02-29T12:00:00.123Z'::timestamptz AS at, NULL::text AS nothing`,
      ),
    );
    expect(rows[0]).toEqual({
      money: '12345678901234567890.123456789012345678',
      big: '9007199254740993',
      ratio: 0.1,
      flag: true,
      doc: { a: [1, '2'] },
      at: new Date('2024-02-29T12:00:00.123Z'),
      nothing: null,
    });
  });

  it('counts and times every named operation, and counts errors by code', async () => {
    const repository = new PostgresMarketDataRepository(current().db);
    await repository.latestBar('BTC/USDT' as never, '1m' as never);
    await repository.latestBar('BTC/USDT' as never, '1m' as never);
    const failing = current().db.run('test.badInsert', (session) =>
      session.query("INSERT INTO bars VALUES ('x', '1m', 1, 1, 1, 1, 1, 1), ('x', '1m', 1, 1, 1, 1, 1, 1)"),
    );
    await expect(failing).rejects.toMatchObject({ code: 'CONFLICT' });
    const backend = current().backend;
    expect(await metricValue(current(), 'atb_db_operations_total', { operation: 'marketData.latestBar', backend, outcome: 'ok' })).toBe(2);
    expect(await metricValue(current(), 'atb_db_operation_duration_seconds', { operation: 'marketData.latestBar', backend })).toBe(2);
    expect(await metricValue(current(), 'atb_db_operations_total', { operation: 'test.badInsert', outcome: 'error' })).toBe(1);
    expect(await metricValue(current(), 'atb_db_errors_total', { operation: 'test.badInsert', code: '23505' })).toBe(1);
    expect(await metricValue(current(), 'atb_db_retries_total', { operation: 'test.badInsert' }), 'constraint violations are never retried').toBe(0);
  });

  it('turns a check violation into INVALID_INPUT naming the constraint', async () => {
    const insert = current().db.run('test.longId', (session) =>
      session.query("INSERT INTO bars VALUES ($1, '1m', 1, 1, 1, 1, 1, 1)", ['X'.repeat(65)]),
    );
    const error = (await insert.catch((e: unknown) => e)) as AtbError;
    expect(error).toBeInstanceOf(AtbError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ constraint: 'bars_instrument_id_length', table: 'bars' });
  });

  it('rolls a failed transaction back and commits a good one', async () => {
    const failed = current().db.transaction('test.fails', async (tx) => {
      await tx.run('test.insert', (s) => s.query("INSERT INTO bars VALUES ('a', '1m', 1, 1, 1, 1, 1, 1)"));
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    await current().db.transaction('test.works', async (tx) => {
      await tx.run('test.insert', (s) => s.query("INSERT INTO bars VALUES ('b', '1m', 1, 1, 1, 1, 1, 1)"));
      // A nested transaction joins the open one.
      await tx.transaction('test.nested', (inner) => inner.run('test.insert', (s) => s.query("INSERT INTO bars VALUES ('c', '1m', 1, 1, 1, 1, 1, 1)")));
    });
    const ids = await current().db.run('test.read', (s) => s.query<{ instrument_id: string }>('SELECT instrument_id FROM bars ORDER BY 1'));
    expect(ids.rows.map((r) => r.instrument_id)).toEqual(['b', 'c']);
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    let leaked: SqlExecutor | undefined;
    await current().db.transaction('test.leak', (tx) => {
      leaked = tx;
      return Promise.resolve();
    });
    expect(() => leaked?.run('test.late', (s) => s.query('SELECT 1'))).toThrow(/used a transaction after it ended/);
  });

  it('a query issued while a transaction is open never joins it', async () => {
    const events: string[] = [];
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const writer = current().db.transaction('test.writer', async (tx) => {
      await tx.run('test.insert', (s) => s.query("INSERT INTO bars VALUES ('uncommitted', '1m', 1, 1, 1, 1, 1, 1)"));
      inside();
      await new Promise((resolve) => setTimeout(resolve, 150));
      events.push('writer commits');
    });
    await entered;
    const reader = current().db.run('test.reader', async (s) => {
      const { rows } = await s.query<{ n: string }>('SELECT count(*) AS n FROM bars');
      events.push(`reader sees ${rows[0]?.n}`);
    });
    await Promise.all([writer, reader]);
    // PostgreSQL: the reader's own connection sees the committed state (0 before the commit, 1 after);
    // PGlite: the reader waits for the transaction and then sees its commit. Never a dirty read.
    expect(events).toContain('writer commits');
    expect(events.some((e) => e === 'reader sees 0' || e === 'reader sees 1')).toBe(true);
    if (current().backend === 'pglite') expect(events).toEqual(['writer commits', 'reader sees 1']);
  });

  it('reports a closed database as down instead of throwing', async () => {
    const own = await openTestDatabase(current().backend, { migrate: false });
    await own.db.close();
    const health = await own.db.health();
    expect(health.status).toBe('down');
    expect(health.error).toBeTruthy();
  });
});

describe.skipIf(skipPostgres())('database core on a PostgreSQL server', () => {
  it('re-runs a whole transaction whose connection was killed, on a new connection', async () => {
    const database = await openTestDatabase('postgres', { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    try {
      let attempts = 0;
      const result = await database.db.transaction('test.killed', (tx) =>
        tx.run('test.work', async (session) => {
          attempts++;
          await session.query("INSERT INTO bars VALUES ('k', '1m', $1, 1, 1, 1, 1, 1)", [attempts]);
          if (attempts === 1) {
            const { rows } = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            await database.db.run('test.kill', (other) => other.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]));
            await session.query('SELECT 1'); // fails: the server closed this connection (57P01)
          }
          return attempts;
        }),
      );
      expect(result).toBe(2);
      const rows = await database.db.run('test.read', (s) => s.query<{ ts_open: string }>('SELECT ts_open FROM bars'));
      expect(rows.rows.map((r) => r.ts_open), 'only the second attempt committed').toEqual(['2']);
      expect(await metricValue(database, 'atb_db_retries_total', { operation: 'test.killed' })).toBe(1);
    } finally {
      await database.dispose();
    }
  });

  it('survives the server ending a checked-out connection between two statements', async () => {
    // The server's goodbye (57P01) arrives while no statement is running: node-postgres then emits
    // 'error' on the client, which must not become an uncaught exception; the next statement fails with
    // a connection error, the operation is re-run on a new connection and the dead one is not reused.
    const database = await openTestDatabase('postgres', { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    try {
      const pids: number[] = [];
      const result = await database.db.run('test.idleKilled', async (session) => {
        const { rows } = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const pid = Number(rows[0]?.pid);
        pids.push(pid);
        if (pids.length === 1) {
          await database.db.run('test.kill', (other) => other.query('SELECT pg_terminate_backend($1)', [pid]));
          await new Promise((resolve) => setTimeout(resolve, 200)); // let the goodbye arrive while idle
          await session.query('SELECT 1');
        }
        return pids.length;
      });
      expect(result).toBe(2);
      expect(pids[1], 'the second attempt ran on another connection').not.toBe(pids[0]);
      expect(await metricValue(database, 'atb_db_retries_total', { operation: 'test.idleKilled' })).toBe(1);
    } finally {
      await database.dispose();
    }
  });

  it('re-runs a serializable transaction that lost a conflict', async () => {
    const database = await openTestDatabase('postgres', { retry: { maxAttempts: 5, baseDelayMs: 1 } });
    try {
      let attempts = 0;
      let bothRead!: () => void;
      let reads = 0;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      // Each transaction reads the count and inserts a bar numbered after it: under SERIALIZABLE one of
      // two concurrent ones must fail (40001) and, re-run, sees the other's bar.
      const addNext = () =>
        database.db.transaction(
          'test.next',
          (tx) =>
            tx.run('test.readThenWrite', async (session) => {
              attempts++;
              const { rows } = await session.query<{ n: string }>("SELECT count(*) AS n FROM bars WHERE instrument_id = 's'");
              if (++reads === 2) bothRead();
              await Promise.race([barrier, new Promise((resolve) => setTimeout(resolve, 500))]);
              await session.query("INSERT INTO bars VALUES ('s', '1m', $1, 1, 1, 1, 1, 1)", [Number(rows[0]?.n)]);
            }),
          { isolation: IsolationLevel.SERIALIZABLE },
        );
      await Promise.all([addNext(), addNext()]);
      const rows = await database.db.run('test.read', (s) => s.query<{ ts_open: string }>("SELECT ts_open FROM bars WHERE instrument_id = 's' ORDER BY 1"));
      expect(rows.rows.map((r) => r.ts_open)).toEqual(['0', '1']);
      expect(attempts).toBe(3);
    } finally {
      await database.dispose();
    }
  });

  it('cancels a statement past the statement timeout without retrying it; bulk transactions lift it', async () => {
    const database = await openTestDatabase('postgres', { statementTimeoutMs: 200 });
    try {
      const slow = database.db.run('test.slow', (s) => s.query('SELECT pg_sleep(1)'));
      await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT', retryable: false });
      await database.db.transaction('test.bulk', (tx) => tx.run('test.slowOk', (s) => s.query('SELECT pg_sleep(0.3)')), { noStatementTimeout: true });
      expect(await metricValue(database, 'atb_db_retries_total', { operation: 'test.slow' })).toBe(0);
    } finally {
      await database.dispose();
    }
  });

  it('gives up waiting for a pooled connection after the connection timeout', async () => {
    const database = await openTestDatabase('postgres', { poolMax: 1, connectionTimeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    try {
      let release!: () => void;
      const held = database.db.transaction('test.hold', () => new Promise<void>((resolve) => (release = resolve)));
      const startedMs = performance.now();
      const waiting = database.db.run('test.wait', (s) => s.query('SELECT 1')).catch((e: unknown) => e);
      const error = (await waiting) as AtbError;
      release();
      await held;
      expect(error.code).toBe('RETRIES_EXHAUSTED');
      expect(String((error.cause as Error).message)).toMatch(/timeout exceeded when trying to connect/);
      expect(performance.now() - startedMs, 'two attempts of 300 ms each').toBeGreaterThan(550);
    } finally {
      await database.dispose();
    }
  });

  it('TLS: require fails clearly against a server without TLS; verify-full needs a readable CA file', async () => {
    const base = { ...postgresTestOptions(), logger: silentLogger, registry: new Registry() };
    const probe = await openPostgresDatabase(base);
    const serverSsl = await probe.run('test.ssl', (s) => s.query<{ ssl: string }>("SELECT current_setting('ssl') AS ssl"));
    await probe.close();
    const required = await openPostgresDatabase({ ...base, ssl: { mode: 'require' } }).catch((e: unknown) => e);
    if (serverSsl.rows[0]?.ssl === 'on') {
      await (required as Awaited<ReturnType<typeof openPostgresDatabase>>).close();
    } else {
      expect((required as AtbError).code).toBe('UNAVAILABLE');
      expect((required as AtbError).message).toMatch(/^cannot reach the PostgreSQL server at .*: The server does not support SSL connections/);
    }
    const noCa = (await openPostgresDatabase({ ...base, ssl: { mode: 'verify-full', ca: '/nonexistent/ca.pem' } }).catch((e: unknown) => e)) as AtbError;
    expect(noCa.code).toBe('CONFIG_INVALID');
    expect(noCa.message).toBe('invalid database.ssl.ca, was "/nonexistent/ca.pem": expected a readable PEM file');
  });

  it('fails to open with UNAVAILABLE naming the server without its password', async () => {
    const opening = openPostgresDatabase({
      ...postgresTestOptions(),
      url: 'postgres://atb:hunter2@127.0.0.1:1/none',
      connectionTimeoutMs: 1_000,
      logger: silentLogger,
      registry: new Registry(),
    });
    const error = (await opening.catch((e: unknown) => e)) as AtbError;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/^cannot reach the PostgreSQL server at postgres:\/\/atb:\*\*\*@127\.0\.0\.1:1\/none: /);
    expect(error.message).not.toContain('hunter2');
  });
});

it('stores bars whose open times are before 1970', async () => {
  const database = await openTestDatabase('pglite');
  try {
    const series = barSeries('OLD/USD', '1d', 50, { startMs: Date.UTC(1960, 0, 1) });
    const repository = new PostgresMarketDataRepository(database.db);
    await repository.ingest(series);
    expect(Array.from((await repository.readSeries(series.instrumentId, series.timeframe)).tsOpen)).toEqual(Array.from(series.tsOpen));
  } finally {
    await database.dispose();
  }
});

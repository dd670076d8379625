// Order + fill write latency (issue 5): `npm run bench order-store`.
//
// One unit of work = insert an accepted order, append its fill, update the order to FILLED, commit: what
// the engine writes for each execution. Measured N = 2,000 times (after 200 warm-up units) through the
// repositories (sqlUnitOfWork: PostgresOrderRepository with its checks, metrics, error translation) and,
// as the same-run baseline, as the same five statements sent raw (BEGIN, INSERT orders, INSERT fills,
// UPDATE orders, COMMIT) with their parameters built beforehand: the floor the database sets.
// The two cases take turns unit by unit, so both see the same background load.
//
// 1. PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, in a schema of its
//    own, dropped at the end), durability as the server is set (fsync, synchronous_commit: printed).
//    Target: p99 <= 5 ms through the repositories.
// 2. PGlite in a data folder (the embedded default, relaxedDurability off), baseline a bare PGlite in
//    another folder with the same migrations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Registry } from 'prom-client';
import { silentLogger } from '../src/application/ports/logger.js';
import type { Database } from '../src/adapters/postgres/database.js';
import { readMigrationFiles } from '../src/adapters/postgres/migration-files.js';
import { Migrator } from '../src/adapters/postgres/migrator.js';
import { FILL_COLUMNS, fillParams, ORDER_COLUMNS, ORDER_STATE_ASSIGNMENTS, orderInsertParams, orderStateParams } from '../src/adapters/postgres/order-rows.js';
import { openPostgresDatabase } from '../src/adapters/postgres/pg-database.js';
import { PGLITE_PARSERS } from '../src/adapters/postgres/pglite-session.js';
import { openEmbeddedDatabase } from '../src/adapters/postgres/pglite-database.js';
import { sqlUnitOfWork } from '../src/adapters/postgres/repositories-for.js';
import { placeholders } from '../src/adapters/postgres/sql-placeholders.js';
import type { UnitOfWork } from '../src/application/ports/unit-of-work.js';
import { createFill, type Fill } from '../src/domain/fills/fill.js';
import { clientOrderId } from '../src/domain/orders/client-order-id.js';
import { Order } from '../src/domain/orders/order.js';
import { instrumentId } from '../src/domain/instruments/instrument-id.js';
import { Money } from '../src/domain/values/money.js';
import { Price } from '../src/domain/values/price.js';
import { Quantity } from '../src/domain/values/quantity.js';
import { printTable } from './bench-support.js';

const N = 2_000;
const WARMUP = 200;
const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `atb_bench_orders_${process.pid}`;
const BTC = instrumentId('BTC/USDT');
const T0 = Date.UTC(2024, 0, 1);

interface Unit {
  readonly accepted: Order;
  readonly fill: Fill;
  readonly filled: Order;
}

/** Unit i of a case: an accepted limit order, its complete fill, the order after the fill. */
function unit(prefix: string, i: number): Unit {
  const id = clientOrderId(`${prefix}-${i}`);
  const tsMs = T0 + i;
  let order = Order.create(
    { clientOrderId: id, instrumentId: BTC, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: Quantity.of('0.015'), price: Price.of('43210.5'), postOnly: false, reduceOnly: false, strategyId: 'bench' },
    tsMs,
  );
  order = order.apply({ type: 'OrderSubmitted', clientOrderId: id, tsMs }).apply({ type: 'OrderAccepted', clientOrderId: id, tsMs, venueOrderId: `v-${i}` });
  const fill = createFill({
    venue: 'sim',
    tradeId: `${prefix}-t-${i}`,
    clientOrderId: id,
    venueOrderId: `v-${i}`,
    instrumentId: BTC,
    side: 'BUY',
    price: Price.of('43210.5'),
    quantity: Quantity.of('0.015'),
    fee: Money.of('0.6481575', 'USDT'),
    liquidity: 'MAKER',
    tsMs: tsMs + 1,
  });
  return { accepted: order, fill, filled: order.apply({ type: 'OrderFilled', clientOrderId: id, tsMs: tsMs + 1, fill }) };
}

const INSERT_ORDER = `INSERT INTO orders (${ORDER_COLUMNS}) VALUES (${placeholders(28)})`;
const INSERT_FILL = `INSERT INTO fills (${FILL_COLUMNS}) VALUES (${placeholders(12)}) ON CONFLICT (venue, trade_id) DO NOTHING`;
const UPDATE_ORDER = `UPDATE orders SET ${ORDER_STATE_ASSIGNMENTS} WHERE client_order_id = $1 AND version = $2`;

/** The raw statements' parameters, built before the clock starts. */
function rawParams(u: Unit): readonly (readonly unknown[])[] {
  return [orderInsertParams(u.accepted), fillParams(u.fill), [u.filled.clientOrderId, u.accepted.version, ...orderStateParams(u.filled)]];
}

type Query = (text: string, params?: readonly unknown[]) => Promise<unknown>;

async function rawUnit(query: Query, params: readonly (readonly unknown[])[]): Promise<void> {
  await query('BEGIN');
  await query(INSERT_ORDER, params[0]);
  await query(INSERT_FILL, params[1]);
  await query(UPDATE_ORDER, params[2]);
  await query('COMMIT');
}

function repositoryUnit(uow: UnitOfWork, u: Unit): Promise<void> {
  return uow.run('bench.orderAndFill', async ({ orders }) => {
    await orders.save(u.accepted);
    await orders.appendFill(u.fill);
    await orders.update(u.filled, u.accepted.version);
  });
}

interface Stats {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

/** Runs both cases in turns: WARMUP unmeasured units each, then N measured. */
async function measure(repository: (i: number) => Promise<void>, raw: (i: number) => Promise<void>): Promise<{ repository: Stats; raw: Stats }> {
  const repoMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    // Alternate which goes first, so that neither always follows the other's commit.
    const order = i % 2 === 0 ? ([repository, raw] as const) : ([raw, repository] as const);
    for (const run of order) {
      const started = performance.now();
      await run(i);
      const ms = performance.now() - started;
      if (i >= WARMUP) (run === repository ? repoMs : rawMs).push(ms);
    }
  }
  return { repository: stats(repoMs), raw: stats(rawMs) };
}

const table: string[][] = [['backend', 'unit of work (order + fill + update)', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'p50 / raw', 'p99 / raw', 'target']];
const addRows = (backend: string, result: { repository: Stats; raw: Stats }, target: string): void => {
  const row = (name: string, s: Stats, ratio: boolean, goal: string): string[] => [
    backend,
    name,
    String(N),
    s.p50.toFixed(3),
    s.p99.toFixed(3),
    s.mean.toFixed(3),
    ratio ? `${(s.p50 / result.raw.p50).toFixed(2)}x` : '',
    ratio ? `${(s.p99 / result.raw.p99).toFixed(2)}x` : '',
    goal,
  ];
  table.push(row('repositories (sqlUnitOfWork)', result.repository, true, target));
  table.push(row('raw statements (baseline)', result.raw, false, ''));
};

/** The units of both cases; the raw case has its own client order ids and trade ids. */
function prepared(prefix: string): { units: Unit[]; params: (readonly (readonly unknown[])[])[] } {
  const units = Array.from({ length: WARMUP + N }, (_, i) => unit(prefix, i));
  return { units, params: units.map((_, i) => rawParams(unit(`${prefix}-raw`, i))) };
}

async function postgres(): Promise<void> {
  let db: Database;
  try {
    db = await openPostgresDatabase({
      url: URL,
      schema: SCHEMA,
      poolMax: 2,
      idleTimeoutMs: 30_000,
      connectionTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      ssl: { mode: 'disable' },
      logger: silentLogger,
      registry: new Registry(),
    });
  } catch (error) {
    console.log(`PostgreSQL at ${URL} is unreachable, skipped: ${(error as Error).message}`);
    return;
  }
  const client = new pg.Client({ connectionString: URL, options: `-c search_path=${SCHEMA}` });
  try {
    await new Migrator(db, await readMigrationFiles()).migrate();
    await client.connect();
    const settings = await client.query<{ fsync: string; sync: string; version: string }>(
      "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync, current_setting('server_version') AS version",
    );
    const s = settings.rows[0];
    console.log(`PostgreSQL ${s?.version} at ${URL}: fsync ${s?.fsync}, synchronous_commit ${s?.sync}`);
    const { units, params } = prepared('pg');
    const uow = sqlUnitOfWork(db);
    const query: Query = (text, values) => client.query(text, values as unknown[]);
    addRows('PostgreSQL', await measure((i) => repositoryUnit(uow, units[i] as Unit), (i) => rawUnit(query, params[i] ?? [])), 'p99 <= 5 ms');
  } finally {
    await client.end().catch(() => undefined);
    await db.run('bench.drop', (session) => session.execScript(`DROP SCHEMA ${SCHEMA} CASCADE`));
    await db.close();
  }
}

async function embedded(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'atb-order-bench-'));
  const db = await openEmbeddedDatabase({ dataDir: join(dir, 'repo'), logger: silentLogger, registry: new Registry() });
  const bare = await PGlite.create({ dataDir: join(dir, 'raw'), relaxedDurability: false, parsers: PGLITE_PARSERS });
  try {
    const migrations = await readMigrationFiles();
    await new Migrator(db, migrations).migrate();
    for (const file of migrations) await bare.exec(file.sql);
    const { units, params } = prepared('pgl');
    const uow = sqlUnitOfWork(db);
    const query: Query = (text, values) => bare.query(text, values as unknown[]);
    addRows('PGlite (data folder)', await measure((i) => repositoryUnit(uow, units[i] as Unit), (i) => rawUnit(query, params[i] ?? [])), '');
  } finally {
    await db.close();
    await bare.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await postgres();
await embedded();
printTable(`order + fill write latency: one unit of work per execution, N = ${N} after ${WARMUP} warm-up, cases in turns`, table);

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeIdentifier } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atbTables } from '../../src/adapters/postgres/atb-tables.js';
import { readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { repositoriesFor } from '../../src/adapters/postgres/repositories-for.js';
import { SqlDatabaseAdmin } from '../../src/adapters/postgres/sql-database-admin.js';
import type { DatabaseBackend } from '../../src/application/ports/database-admin.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import { Position } from '../../src/domain/positions/position.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { currency, Money } from '../../src/domain/values/money.js';
import { openTestDatabase, skipPostgres, type TestDatabase } from './backends.js';
import { backtestReport } from './backtest-report-fixture.js';
import { crashRound } from './crash-rounds.js';
import { BTC, T0 } from './trading-fixtures.js';

// The logical backup carries the trading tables too: rows of every one of them, written through the
// repositories on one backend, restore exactly into the other, and identity ids go on after them.

const TRADING_TABLES = [
  'orders',
  'fills',
  'positions',
  'position_snapshots',
  'balances',
  'equity_points',
  'strategies',
  'strategy_params',
  'strategy_state',
  'strategy_runs',
  'risk_limits',
  'risk_events',
  'risk_metrics',
  'ml_models',
  'ml_training_runs',
  'ml_predictions',
  'backtest_runs',
  'backtest_trades',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-trading-backup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function populate(database: TestDatabase): Promise<void> {
  const r = repositoriesFor(database.db);
  for (let n = 1; n <= 3; n++) {
    const round = crashRound(n);
    await r.orders.save(round.accepted);
    await r.orders.appendFill(round.fill);
    await r.orders.update(round.filled, round.accepted.version);
  }
  const position = Position.flat(BTC).apply(crashRound(1).fill).position;
  await r.positions.saveCurrent('main', position, T0);
  await r.positions.appendSnapshot('main', position, T0);
  await r.positions.appendSnapshot('main', position, T0 + 1);
  const free = Decimal.of('0.1').add(Decimal.of('0.2'));
  await r.portfolio.saveBalances('main', [{ currency: currency('USDT'), free, locked: Decimal.of('1e-30'), total: free }], T0);
  await r.portfolio.saveEquityPoint('main', { tsMs: T0, equity: Money.of('10000.5', 'USDT'), peakEquity: Money.of('10001', 'USDT'), drawdown: Decimal.of('1').div(Decimal.of('3')) });
  await r.strategies.saveDefinition({ name: "tab\there \"quoted\" '; --", kind: 'sma-cross', description: 'line1\nline2 \\ back' }, T0);
  await r.strategies.addParameterSet("tab\there \"quoted\" '; --", { fast: 10, text: 'ünïcødé ✓ \t \\' }, T0);
  await r.strategies.saveState("tab\there \"quoted\" '; --", { nested: [1, { a: null }] }, 0, T0);
  await r.strategies.startRun({ runId: 'run-1', strategyName: "tab\there \"quoted\" '; --", mode: 'paper', paramsVersion: 1, startedTsMs: T0 });
  await r.risk.saveLimits({ accountId: 'main' }, { maxOrderNotional: Decimal.of('123.456'), maxDrawdownPct: 15 }, T0);
  await r.risk.saveLimits({ accountId: 'main', strategyId: 's' }, { maxOpenOrders: 3 }, T0);
  await r.risk.recordEvent({ type: 'TRADING_STATE_CHANGED', accountId: 'main', tsMs: T0, from: 'ACTIVE', to: 'HALTED', reason: 'x' });
  await r.risk.recordEvent({ type: 'ORDER_REJECTED', accountId: 'main', tsMs: T0, clientOrderId: clientOrderId('o-1'), source: 'VENUE', code: 'C', reason: '' });
  await r.risk.saveMetrics({ accountId: 'main', tsMs: T0, confidence: 0.95, varPct: 0.1 + 0.2, cvarPct: undefined, drawdownPct: 1, equity: Decimal.of('5') });
  await r.ml.saveModel({ name: 'm', version: 1, parameters: {}, metrics: { auc: 0.5 }, featureSchema: { f: ['a'] }, artifact: new Uint8Array([0, 0x5c, 0x0a, 0xff]), createdTsMs: T0 });
  await r.ml.startTrainingRun({ runId: 't-1', modelName: 'm', params: {}, dataset: { rows: 1 }, startedTsMs: T0 });
  await r.ml.savePredictions([{ modelName: 'm', modelVersion: 1, instrumentId: BTC, tsMs: T0, value: 1 / 3, label: undefined, featuresHash: 'h' }]);
  await r.backtestRuns.save(backtestReport(5), { createdTsMs: T0 });
}

/** Every row of every ATB table as text, tables in backup order, rows sorted. */
async function snapshot(database: TestDatabase): Promise<Record<string, string[]>> {
  return database.db.transaction('test.snapshot', (tx) =>
    tx.run('test.snapshot.read', async (s) => {
      await s.query('SET LOCAL extra_float_digits = 1');
      const result: Record<string, string[]> = {};
      for (const table of await atbTables(s)) {
        const { rows } = await s.query<{ row: string }>(`SELECT t::text AS row FROM ${escapeIdentifier(table.name)} t ORDER BY 1`);
        result[table.name] = rows.map((r) => r.row);
      }
      return result;
    }),
  );
}

const pairs: [DatabaseBackend, DatabaseBackend][] = [
  ['pglite', 'postgres'],
  ['postgres', 'pglite'],
];

for (const [from, to] of pairs) {
  describe.skipIf(skipPostgres())(`trading tables: backup from ${from}, restore into ${to}`, () => {
    it('restores every row of every trading table exactly, and ids go on after them', async () => {
      const migrations = await readMigrationFiles();
      const source = await openTestDatabase(from);
      const target = await openTestDatabase(to, { migrate: false });
      try {
        await populate(source);
        const file = join(dir, `${from}-${to}.atb-backup`);
        const backup = await new SqlDatabaseAdmin(source.db, migrations).backup(file);
        const counted = new Map(backup.tables.map((t) => [t.name, t.rows]));
        for (const table of TRADING_TABLES) expect(counted.get(table), `${table} is in the backup with rows`).toBeGreaterThan(0);
        const names = backup.tables.map((t) => t.name);
        expect(names.indexOf('fills'), 'parents before children').toBeGreaterThan(names.indexOf('orders'));
        expect(names.indexOf('backtest_trades')).toBeGreaterThan(names.indexOf('backtest_runs'));
        expect(names.indexOf('ml_predictions')).toBeGreaterThan(names.indexOf('ml_models'));

        expect(await new SqlDatabaseAdmin(target.db, migrations).restore(file)).toEqual(backup);
        const restored = await snapshot(target);
        expect(restored).toEqual(await snapshot(source));
        expect(restored.balances?.[0]).toContain('0.3');

        const again = repositoriesFor(target.db);
        const id = await again.backtestRuns.save(backtestReport(1), { createdTsMs: T0 + 1 });
        expect(Number(id), 'the next run id follows the restored one').toBe(2);
        expect((await again.backtestRuns.findByIdOrThrow('1')).report).toEqual(backtestReport(5));
        await again.positions.appendSnapshot('main', Position.flat(BTC), T0 + 2);
        expect((await again.positions.findSnapshots('main', BTC)).length).toBe(3);
        expect(await again.orders.appendFill(crashRound(4).fill).catch((e: { code: string }) => e.code), 'the foreign key came back too').toBe('NOT_FOUND');
      } finally {
        await source.dispose();
        await target.dispose();
      }
    });
  });
}

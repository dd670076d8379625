import { expect, it } from 'vitest';
import { PostgresBacktestRunRepository } from '../../src/adapters/postgres/postgres-backtest-run-repository.js';
import type { BacktestRunRepository } from '../../src/application/ports/backtest-run-repository.js';
import { describeEachBackend } from './backends.js';
import { backtestReport, trade } from './backtest-report-fixture.js';
import { T0 } from './trading-fixtures.js';

// The backtest-run repository contract, run against PGlite and PostgreSQL.

describeEachBackend('backtest-run repository', (current) => {
  const runs = (): BacktestRunRepository => new PostgresBacktestRunRepository(current().db);

  it('saves a run and reads back the same report, money to the last digit', async () => {
    const report = backtestReport(12_000);
    const id = await runs().save(report, { createdTsMs: T0 });
    expect(id).toMatch(/^[1-9][0-9]*$/);
    const stored = await runs().findByIdOrThrow(id);
    expect(stored.id).toBe(id);
    expect(stored.createdTsMs).toBe(T0);
    expect(stored.report).toEqual(report);
    expect(JSON.stringify(stored.report), 'the same JSON, key order included').toBe(JSON.stringify(report));
    expect(stored.report.finalEquity, 'the scale as written').toBe('10166.2553000');
    expect(stored.report.trades[0]?.pnl).toBe('-1011.23456789012345678901234566');
    expect(stored.report.trades.at(-1)?.entryTsMs).toBe(T0 + 11_999 * 3_600_000);
  });

  it('lists runs newest first with their key figures', async () => {
    const first = await runs().save(backtestReport(2), { createdTsMs: T0 });
    const second = await runs().save(backtestReport(0, "bollinger '; --"), { createdTsMs: T0 + 1 });
    const listed = await runs().list();
    expect(listed).toEqual([
      {
        id: second,
        createdTsMs: T0 + 1,
        strategy: "bollinger '; --",
        instrumentId: 'SOL/USDT',
        timeframe: '1h',
        period: { from: '2024-01-01T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' },
        bars: 1_440,
        closedTrades: 0,
        finalEquity: '10166.2553000',
        currency: 'USDT',
        totalReturnPct: 1.662553,
      },
      expect.objectContaining({ id: first, closedTrades: 2 }),
    ]);
    expect(await runs().list({ limit: 1 })).toHaveLength(1);
    expect((await runs().findByIdOrThrow(second)).report.trades).toEqual([]);
  });

  it('tells an unknown run from text that is no run id', async () => {
    expect(await runs().findById('987654321')).toBeUndefined();
    await expect(runs().findByIdOrThrow('987654321')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no backtest run 987654321 is stored (see atb runs list)' });
    await expect(runs().findById("1; DROP TABLE backtest_runs; --")).rejects.toThrow(
      `invalid backtest run 'id', was "1; DROP TABLE backtest_runs; --": expected a run id: a positive whole number such as 12 (see atb runs list)`,
    );
    await expect(runs().list({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a report it could not store as written, and stores nothing of it', async () => {
    const bad = backtestReport(3);
    await expect(runs().save({ ...bad, finalEquity: '1e5' }, { createdTsMs: T0 })).rejects.toThrow(
      `invalid backtest run 'finalEquity', was "1e5": expected a plain decimal such as "10166.2553"`,
    );
    await expect(runs().save({ ...bad, trades: [trade(0), { ...trade(1), fees: 'NaN' }] }, { createdTsMs: T0 })).rejects.toThrow(
      `invalid backtest trade 1 'fees', was "NaN": expected a plain decimal such as "10166.2553"`,
    );
    await expect(runs().save({ ...bad, strategy: { name: 's'.repeat(129), params: {} } }, { createdTsMs: T0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await runs().list()).toEqual([]);
  });
});

import type { BacktestReport, TradeRow } from '../../src/application/backtest/backtest-report.js';
import { T0 } from './trading-fixtures.js';

/** Closed trade `i` of the fixture report: money with many digits, a scale to keep, negative P&L. */
export function trade(i: number): TradeRow {
  const entryTsMs = T0 + i * 3_600_000;
  const exitTsMs = entryTsMs + 1_800_000;
  return {
    instrumentId: 'SOL/USDT',
    side: i % 2 === 0 ? 'LONG' : 'SHORT',
    quantity: '10.00000001',
    entryTime: new Date(entryTsMs).toISOString(),
    exitTime: new Date(exitTsMs).toISOString(),
    entryTsMs,
    exitTsMs,
    durationMs: exitTsMs - entryTsMs,
    entryPrice: '101.123456789012345678901234567890',
    exitPrice: '0.000000000000000000000000000001',
    pnl: i % 3 === 0 ? '-1011.23456789012345678901234566' : '12.5',
    fees: '0.30',
    netPnl: '-999999999999999999999999.000000000000000001',
    returnPct: -0.1 * i + 0.30000000000000004,
  };
}

/** A complete backtest report with `trades` closed trades and text that needs quoting. */
export function backtestReport(trades: number, name = 'sma-cross'): BacktestReport {
  return {
    strategy: { name, params: { fast: 10, slow: 30, size: '1', note: "it's \"odd\"; --" } },
    instrumentId: 'SOL/USDT',
    timeframe: '1h',
    period: { from: '2024-01-01T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' },
    settings: { cash: '10000', feeBps: 10, slippageBps: 0, fill: 'next-open', maxVolumeFraction: null, risk: { maxOpenOrders: 20 }, data: 'SOLUSDT-1h.csv' },
    bars: 1_440,
    closedTrades: trades,
    openTrades: 1,
    startingEquity: '10000',
    finalEquity: '10166.2553000',
    currency: 'USDT',
    metrics: {
      totalReturnPct: 1.662553,
      cagrPct: null,
      annualVolatilityPct: 12.345678901234567,
      sharpe: 0.1,
      sortino: null,
      calmar: null,
      maxDrawdownPct: 3.2,
      maxDrawdownDurationMs: 86_400_000,
      winRatePct: 50,
      profitFactor: 1.25,
      expectancy: 9.7,
      avgWin: 30,
      avgLoss: -10,
      bestTradePct: 3,
      worstTradePct: -1,
      avgTradeDurationMs: 1_800_000,
      exposurePct: 40,
      trades,
      feesPaid: '12.3456',
      var95Pct: null,
      cvar95Pct: null,
      dailyReturns: 60,
    },
    metricNotes: { sortino: 'no losing day', var95Pct: 'fewer than 30 daily returns' },
    orders: { submitted: 40, filled: 34, canceled: 4, rejected: 2, expired: 0 },
    tradingState: { final: 'ACTIVE', changes: [{ time: '2024-02-01T00:00:00.000Z', from: 'ACTIVE', to: 'REDUCING', reason: 'daily loss' }] },
    trades: Array.from({ length: trades }, (_, i) => trade(i)),
    openPositions: [{ instrumentId: 'SOL/USDT', side: 'LONG', quantity: '1', entryTime: '2024-02-29T00:00:00.000Z', entryPrice: '100', markPrice: '101', unrealizedPnl: '1' }],
    rejections: [{ time: '2024-01-02T00:00:00.000Z', clientOrderId: 'o-9', source: 'RISK', code: 'MAX_OPEN_ORDERS', reason: "20 open; '; DROP TABLE backtest_runs; --" }],
  };
}

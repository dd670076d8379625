import fc from 'fast-check';
import { getMaxDrawdown, getSharpeRatio } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { AtbError } from '../../shared/errors.js';
import type { TradeRow } from '../backtest/backtest-report.js';
import { dailyReturns } from './daily-returns.js';
import { computeMetrics, type MetricsInput, type PerformanceMetrics } from './performance-metrics.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** A daily curve: point i closes day i, stamped at the next midnight like a 1d bar's close time. */
function dailyCurve(equity: readonly number[], startingEquity = 100, extra: Partial<MetricsInput> = {}): MetricsInput {
  return {
    tsMs: Float64Array.from(equity, (_, i) => T0 + (i + 1) * DAY),
    equity: Float64Array.from(equity),
    length: equity.length,
    startingEquity,
    startTsMs: T0,
    trades: [],
    barsInMarket: 0,
    feesPaid: '0',
    ...extra,
  };
}

/** Compounds daily returns from 100 into a daily curve. */
function curveFromReturns(returns: readonly number[]): MetricsInput {
  let e = 100;
  return dailyCurve(returns.map((r) => (e *= 1 + r)));
}

function trade(netPnl: string, returnPct: number, durationMs = DAY): TradeRow {
  return {
    instrumentId: 'BTC/USDT', side: 'LONG', quantity: '1', entryTime: '', exitTime: '', entryTsMs: T0, exitTsMs: T0 + durationMs,
    durationMs, entryPrice: '100', exitPrice: '100', pnl: netPnl, fees: '0', netPnl, returnPct,
  };
}

const alternating = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0.02 : -0.01));

describe('computeMetrics: the equity curve', () => {
  it('total return, max drawdown depth and its recovered duration, by hand', () => {
    const { metrics, notes } = computeMetrics(dailyCurve([110, 99, 121]));
    expect(metrics.totalReturnPct, '121 from 100').toBe(21);
    expect(metrics.maxDrawdownPct, '110 -> 99').toBe(10);
    expect(metrics.maxDrawdownDurationMs, 'peak closes day 1, regained at the close of day 3').toBe(2 * DAY);
    expect(metrics.dailyReturns).toBe(3);
    expect(metrics.sharpe).toBeNull();
    expect(notes.sharpe).toBe('3 daily returns; at least 30 are needed');
  });

  it('an unrecovered drawdown lasts to the end; a flat top is not under water', () => {
    expect(computeMetrics(dailyCurve([100, 90, 95])).metrics).toMatchObject({ maxDrawdownPct: 10, maxDrawdownDurationMs: 2 * DAY });
    const flatTop = computeMetrics(dailyCurve([100, 100, 100, 90, 100])).metrics;
    expect(flatTop.maxDrawdownDurationMs, 'from the last point at 100 (day 3) to day 5').toBe(2 * DAY);
  });

  it('a loss on the first bar is a drawdown from the starting equity, timed from startTsMs', () => {
    const { metrics } = computeMetrics(dailyCurve([80, 100]));
    expect(metrics.maxDrawdownPct).toBe(20);
    expect(metrics.maxDrawdownDurationMs, 'T0 to the close of day 2').toBe(2 * DAY);
  });

  it('no drawdown is 0, and Calmar is then null with a reason', () => {
    const { metrics, notes } = computeMetrics(dailyCurve([101, 102, 103]));
    expect(metrics).toMatchObject({ maxDrawdownPct: 0, maxDrawdownDurationMs: 0, calmar: null });
    expect(notes.calmar).toMatch(/^no CAGR/);
  });

  it('CAGR over two calendar years and Calmar = CAGR / max drawdown', () => {
    const input: MetricsInput = { ...dailyCurve([]), tsMs: Float64Array.of(T0 + 365.25 * DAY, T0 + 730.5 * DAY), equity: Float64Array.of(80, 121), length: 2 };
    const { metrics } = computeMetrics(input);
    expect(metrics.cagrPct, '1.21 = 1.1^2').toBeCloseTo(10, 8);
    expect(metrics.maxDrawdownPct).toBe(20);
    expect(metrics.calmar).toBeCloseTo(0.5, 8);
  });

  it('CAGR is null with a reason under 30 days or when the final equity is not positive', () => {
    const short = computeMetrics(dailyCurve(Array.from({ length: 29 }, () => 101)));
    expect(short.metrics.cagrPct).toBeNull();
    expect(short.notes.cagrPct).toBe('the backtest spans 29 days; CAGR needs at least 30');
    const ruined = computeMetrics(dailyCurve(Array.from({ length: 40 }, (_, i) => (i === 39 ? 0 : 100))));
    expect(ruined.metrics.cagrPct).toBeNull();
    expect(ruined.notes.cagrPct).toMatch(/final equity is not positive/);
    expect(ruined.metrics.totalReturnPct).toBe(-100);
  });

  it('exposure is bars in market over points', () => {
    expect(computeMetrics(dailyCurve([100, 100, 100, 100], 100, { barsInMarket: 3 })).metrics.exposurePct).toBe(75);
  });

  it('an empty curve or a non-positive starting equity gives nulls with reasons, never NaN', () => {
    const empty = computeMetrics(dailyCurve([]));
    expect(empty.metrics).toMatchObject({ totalReturnPct: null, maxDrawdownPct: null, exposurePct: null, sharpe: null, dailyReturns: 0 });
    expect(empty.notes.totalReturnPct).toBe('no equity points');
    const broke = computeMetrics(dailyCurve([1, 2], 0));
    expect(broke.metrics.totalReturnPct).toBeNull();
    expect(broke.notes.totalReturnPct).toBe('the starting equity is 0, not positive');
  });
});

describe('computeMetrics: daily statistics', () => {
  it('Sharpe, Sortino and volatility of +2 % / -1 % alternating days, in closed form', () => {
    const { metrics } = computeMetrics(curveFromReturns(alternating));
    // mean 0.005; deviations are all ±0.015, so the sample std is 0.015 * sqrt(40 / 39).
    const std = 0.015 * Math.sqrt(40 / 39);
    expect(metrics.dailyReturns).toBe(40);
    expect(metrics.annualVolatilityPct).toBeCloseTo(std * Math.sqrt(365) * 100, 6);
    expect(metrics.sharpe).toBeCloseTo((0.005 / std) * Math.sqrt(365), 6);
    // downside deviation: 20 days of -0.01 over 40 days -> sqrt(20 * 0.0001 / 40).
    expect(metrics.sortino).toBeCloseTo((0.005 / Math.sqrt(0.00005)) * Math.sqrt(365), 6);
    expect(metrics.var95Pct, 'k = ceil(2) = 2nd worst of twenty -1 % days').toBeCloseTo(1, 8);
    expect(metrics.cvar95Pct).toBeCloseTo(1, 8);
  });

  it('annualizationDays scales by its square root', () => {
    const crypto = computeMetrics(curveFromReturns(alternating)).metrics;
    const stocks = computeMetrics({ ...curveFromReturns(alternating), annualizationDays: 252 }).metrics;
    expect((stocks.sharpe ?? 0) / (crypto.sharpe ?? 1)).toBeCloseTo(Math.sqrt(252 / 365), 8);
  });

  it('VaR and CVaR: the k-th worst day and the mean of the k worst', () => {
    const returns = [-0.05, -0.04, -0.03, ...Array.from({ length: 37 }, () => 0.01)];
    const { metrics } = computeMetrics(curveFromReturns(returns));
    expect(metrics.var95Pct, 'n = 40, k = 2: the 2nd worst day').toBeCloseTo(4, 8);
    expect(metrics.cvar95Pct, 'mean of -5 % and -4 %').toBeCloseTo(4.5, 8);
    const allGains = computeMetrics(curveFromReturns(Array.from({ length: 40 }, (_, i) => 0.01 + i / 10_000))).metrics;
    expect(allGains.var95Pct, 'negative: even the 5 % worst days were gains').toBeCloseTo(-0.0101 * 100, 6);
  });

  it('matches an independent computation (trading-signals) on random returns', () => {
    fc.assert(
      // Whole basis points, so that two different returns differ by far more than float noise.
      fc.property(fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: 30, maxLength: 200 }), (bps) => {
        fc.pre(bps.some((r) => r !== bps[0]));
        const returns = bps.map((bp) => bp / 10_000);
        const input = curveFromReturns(returns);
        const { metrics } = computeMetrics(input);
        const realised = Array.from(input.equity, (e, i) => e / (i === 0 ? 100 : (input.equity[i - 1] as number)) - 1);
        const n = realised.length;
        // trading-signals divides by n; the sample standard deviation divides by n - 1.
        const sharpe = getSharpeRatio(realised) * Math.sqrt((n - 1) / n) * Math.sqrt(365);
        expect(metrics.sharpe).toBeCloseTo(sharpe, 5);
        const sorted = [...realised].sort((a, b) => a - b);
        const k = Math.ceil((n * 5) / 100);
        expect(metrics.var95Pct).toBeCloseTo(-(sorted[k - 1] as number) * 100, 6);
        expect(metrics.cvar95Pct).toBeCloseTo((-sorted.slice(0, k).reduce((a, b) => a + b, 0) / k) * 100, 6);
        expect(metrics.maxDrawdownPct).toBeCloseTo(getMaxDrawdown([100, ...input.equity]), 6);
      }),
      { numRuns: 100, seed: 42 },
    );
  });

  it('no variance or no losing day: Sharpe or Sortino null with a reason, not a huge number', () => {
    const { metrics, notes } = computeMetrics(curveFromReturns(Array.from({ length: 40 }, () => 0.01)));
    expect(metrics.sharpe).toBeNull();
    expect(notes.sharpe).toBe('daily returns have no variance: Sharpe is unbounded');
    expect(metrics.sortino).toBeNull();
    expect(notes.sortino).toMatch(/no losing day/);
    expect(metrics.annualVolatilityPct).toBeCloseTo(0, 6);
  });

  it('equity at zero before a day ends leaves no daily returns to measure', () => {
    const equity = Array.from({ length: 40 }, (_, i) => (i >= 10 && i < 12 ? 0 : 100 + i));
    const { metrics, notes } = computeMetrics(dailyCurve(equity));
    expect(metrics.sharpe).toBeNull();
    expect(notes.sharpe).toMatch(/positive equity to measure from/);
    expect(metrics.maxDrawdownPct).toBe(100);
  });
});

describe('dailyReturns', () => {
  it('takes the last point of each UTC day, a point at 00:00 closing the day before, and skips empty days', () => {
    const hour = 3_600_000;
    // Day 1: 12:00 -> 110, 24:00 -> 120 (belongs to day 1); day 2 has no data; day 3: 06:00 -> 90.
    const ts = Float64Array.of(T0 + 12 * hour, T0 + 24 * hour, T0 + 2 * DAY + 6 * hour);
    const result = dailyReturns(ts, Float64Array.of(110, 120, 90), 3, 100);
    expect(result.ok).toBe(true);
    expect(result.ok && Array.from(result.returns)).toEqual([120 / 100 - 1, 90 / 120 - 1]);
  });
});

describe('computeMetrics: trades', () => {
  const trades = [trade('30', 3, DAY), trade('-10', -1, 2 * DAY), trade('20', 2, 3 * DAY), trade('0', 0, 4 * DAY), trade('-20', -2, 5 * DAY)];

  it('win rate, profit factor, expectancy, average win and loss, best and worst, by hand', () => {
    const { metrics } = computeMetrics(dailyCurve([100], 100, { trades, feesPaid: '1.25' }));
    expect(metrics).toMatchObject({
      trades: 5,
      feesPaid: '1.25',
      winRatePct: 40, // 2 wins of 5, the break-even trade counts in the denominator
      profitFactor: 1.666666667, // 50 / 30
      expectancy: 4, // 20 / 5
      avgWin: 25,
      avgLoss: -15,
      bestTradePct: 3,
      worstTradePct: -2,
      avgTradeDurationMs: 3 * DAY,
    });
  });

  it('no trades or no losing trade: nulls with reasons', () => {
    const none = computeMetrics(dailyCurve([100]));
    expect(none.metrics).toMatchObject({ trades: 0, winRatePct: null, profitFactor: null, expectancy: null });
    expect(none.notes.winRatePct).toBe('no closed trades');
    const allWins = computeMetrics(dailyCurve([100], 100, { trades: [trade('5', 1)] }));
    expect(allWins.metrics.profitFactor).toBeNull();
    expect(allWins.notes.profitFactor).toMatch(/no losing trades/);
    expect(allWins.notes.avgLoss).toBe('no losing trades');
    expect(allWins.metrics.winRatePct).toBe(100);
  });

  it('a malformed net P&L is a clear error naming the field', () => {
    const call = (): unknown => computeMetrics(dailyCurve([100], 100, { trades: [trade('12', 1), trade('abc', 1)] }));
    expect(call).toThrow(AtbError);
    expect(call).toThrow(`invalid trade net P&L 'trades[1].netPnl', was "abc": expected a decimal string`);
  });
});

describe('computeMetrics: input checks and determinism', () => {
  it('rejects time going backwards, NaN equity and impossible exposure', () => {
    const back = { ...dailyCurve([1, 2]), tsMs: Float64Array.of(T0 + DAY, T0) };
    expect(() => computeMetrics(back)).toThrow(`invalid metrics input 'tsMs[1]'`);
    expect(() => computeMetrics(dailyCurve([1, Number.NaN]))).toThrow(`'equity[1]', was "NaN"`);
    expect(() => computeMetrics(dailyCurve([1, 2], 100, { barsInMarket: 3 }))).toThrow(`'barsInMarket', was 3`);
  });

  it('the same input gives byte-identical JSON, rounded to 10 significant digits', () => {
    const input = { ...curveFromReturns(alternating), trades: [trade('1', 0.1), trade('-3', -0.3)] };
    const a = JSON.stringify(computeMetrics(input));
    expect(JSON.stringify(computeMetrics(input))).toBe(a);
    for (const v of Object.values(computeMetrics(input).metrics)) {
      if (typeof v === 'number') expect(v, 'at most 10 significant digits').toBe(Number(v.toPrecision(10)));
    }
  });
});

describe('computeMetrics: property', () => {
  const nullable = [
    'totalReturnPct', 'cagrPct', 'annualVolatilityPct', 'sharpe', 'sortino', 'calmar', 'maxDrawdownPct', 'maxDrawdownDurationMs',
    'winRatePct', 'profitFactor', 'expectancy', 'avgWin', 'avgLoss', 'bestTradePct', 'worstTradePct', 'avgTradeDurationMs',
    'exposurePct', 'var95Pct', 'cvar95Pct',
  ] as const satisfies readonly (keyof PerformanceMetrics)[];

  it('every metric is a finite number, or null with a note, for any curve and trades', () => {
    const point = fc.record({ stepMs: fc.integer({ min: 0, max: 3 * DAY }), equity: fc.oneof(fc.double({ min: -1e6, max: 1e15, noNaN: true }), fc.constant(0)) });
    const tradeArb = fc.record({ pnl: fc.double({ min: -1e9, max: 1e9, noNaN: true }), ret: fc.double({ min: -100, max: 1e4, noNaN: true }), dur: fc.nat(1e10) });
    fc.assert(
      fc.property(
        fc.array(point, { maxLength: 120 }),
        fc.oneof(fc.double({ min: -10, max: 1e9, noNaN: true }), fc.constant(100)),
        fc.array(tradeArb, { maxLength: 8 }),
        fc.nat(120),
        (points, startingEquity, rawTrades, inMarket) => {
          let t = T0;
          const tsMs = Float64Array.from(points, (p) => (t += p.stepMs));
          const input: MetricsInput = {
            tsMs, equity: Float64Array.from(points, (p) => p.equity), length: points.length, startingEquity,
            trades: rawTrades.map((r) => trade(String(r.pnl), r.ret, r.dur)),
            barsInMarket: Math.min(inMarket, points.length), feesPaid: '0',
          };
          const { metrics, notes } = computeMetrics(input);
          for (const name of nullable) {
            const v = metrics[name];
            if (v === null) expect(notes[name], `${name} is null without a note`).toMatch(/\S/);
            else expect(Number.isFinite(v), `${name} = ${v}`).toBe(true);
          }
          expect(JSON.stringify(metrics)).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

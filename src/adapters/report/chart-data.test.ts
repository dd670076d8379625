import { describe, expect, it } from 'vitest';
import { drawdownCurve } from '../../application/analytics/drawdown.js';
import type { BacktestCurves, FillRow } from '../../application/backtest/backtest-report.js';
import { FIXTURE_START, syntheticBacktest } from '../../../test/report/report-fixture.js';
import { buildChartData } from './chart-data.js';

const fill = (tsMs: number, side: 'BUY' | 'SELL'): FillRow => ({ tsMs, side, price: '1', quantity: '1', fee: '0', liquidity: 'TAKER', clientOrderId: 'c' });

describe('buildChartData', () => {
  it('draws one candle per bar when they fit, the curve point that closes bar j on candle j', () => {
    const { candles, curves } = syntheticBacktest({ bars: 300 });
    const data = buildChartData(candles, curves, 10_000);
    expect(data.bucketMs).toBeNull();
    expect(data.time).toEqual(Array.from(candles.tsOpen, (t) => t / 1000));
    expect(data.high[17]).toBe(Number((candles.high[17] as number).toPrecision(10)));
    expect(data.equity[42], 'the point stamped at the close of bar 42').toBe(Number((curves.equity[42] as number).toPrecision(10)));
    expect(data.equityLow, 'one point per candle: no low line').toBeNull();
  });

  it('aggregates into round epoch-aligned buckets with OHLCV combined like a resample', () => {
    const { candles, curves } = syntheticBacktest({ bars: 10_000, timeframe: '1m' });
    const data = buildChartData(candles, curves, 10_000, 5_000);
    expect(data.bucketMs, '10,000 minutes fit in 5,000 buckets of 5m').toBe(300_000);
    expect(data.time.length).toBe(2_000);
    // Bucket 3 holds bars 15..19 (the fixture starts on an hour).
    const bars = [15, 16, 17, 18, 19];
    expect(data.time[3]).toBe((FIXTURE_START + 15 * 60_000) / 1000);
    expect(data.open[3]).toBe(Number((candles.open[15] as number).toPrecision(10)));
    expect(data.close[3]).toBe(Number((candles.close[19] as number).toPrecision(10)));
    expect(data.high[3]).toBe(Number(Math.max(...bars.map((i) => candles.high[i] as number)).toPrecision(10)));
    expect(data.low[3]).toBe(Number(Math.min(...bars.map((i) => candles.low[i] as number)).toPrecision(10)));
    expect(data.volume[3]).toBeCloseTo(bars.reduce((s, i) => s + (candles.volume[i] as number), 0), 6);
    expect(data.equityLow, 'five points per bucket: the low line is drawn').not.toBeNull();
    expect(data.time.every((t, i) => i === 0 || t > (data.time[i - 1] as number)), 'strictly increasing times').toBe(true);
  });

  it('keeps the deepest drawdown and the lowest equity when aggregating', () => {
    const { candles, curves, report } = syntheticBacktest({ bars: 60_000, timeframe: '1m', everyBars: 500, holdBars: 400 });
    const data = buildChartData(candles, curves, 10_000, 1_000);
    expect(data.time.length).toBeLessThanOrEqual(1_000);
    const deepest = -Math.min(...data.drawdown.map((v) => v ?? 0));
    const full = Math.max(...drawdownCurve(curves.equity, curves.length, 10_000));
    expect(deepest).toBeCloseTo(full, 3);
    expect(deepest).toBeCloseTo(report.metrics.maxDrawdownPct ?? Number.NaN, 3);
    const lowest = Math.min(...(data.equityLow ?? []).map((v) => v ?? Infinity));
    expect(lowest).toBeCloseTo(Math.min(...curves.equity), 4);
  });

  it('falls back to whole weeks when no round bucket is coarse enough', () => {
    const { candles, curves } = syntheticBacktest({ bars: 24 * 400, timeframe: '1h' });
    const data = buildChartData(candles, curves, 10_000, 20);
    expect((data.bucketMs ?? 0) % (7 * 86_400_000)).toBe(0);
    expect(data.time.length).toBeLessThanOrEqual(20);
  });

  it('puts fills on the candle holding their time, one marker per candle and side', () => {
    const { candles } = syntheticBacktest({ bars: 10 });
    const h = 3_600_000;
    const curves: BacktestCurves = {
      tsMs: new Float64Array(0), equity: new Float64Array(0), length: 0,
      fills: [fill(FIXTURE_START + 2 * h, 'BUY'), fill(FIXTURE_START + 2 * h + 5, 'BUY'), fill(FIXTURE_START + 3 * h - 1, 'SELL'), fill(FIXTURE_START + 9 * h + 1, 'SELL')],
    };
    const data = buildChartData(candles, curves, 10_000);
    expect(data.markers).toEqual([[2, 'B', 2], [2, 'S', 1], [9, 'S', 1]]);
    expect(data.fills).toBe(4);
    expect(data.equity.every((v) => v === null), 'no curve: every bucket is whitespace').toBe(true);
  });
});

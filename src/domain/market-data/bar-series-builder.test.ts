import { describe, expect, it } from 'vitest';
import { instrumentId } from '../instruments/instrument-id.js';
import { barAt } from './bar.js';
import { BarSeriesBuilder } from './bar-series-builder.js';
import { timeframe } from './timeframe.js';

const BTC = instrumentId('BTC/USDT');
const M1 = timeframe('1m');

describe('BarSeriesBuilder', () => {
  it('grows past its initial capacity and keeps every bar in order', () => {
    const builder = new BarSeriesBuilder(16);
    for (let i = 0; i < 1000; i += 1) builder.push(i * 60_000, i, i + 2, i - 1, i + 1, i * 10);
    const series = builder.build(BTC, M1);
    expect(series.length).toBe(1000);
    expect(series.open.length, 'columns are exactly as long as the series').toBe(1000);
    expect(barAt(series, 999)).toEqual({ instrumentId: BTC, timeframe: M1, tsOpen: 999 * 60_000, open: 999, high: 1001, low: 998, close: 1000, volume: 9990 });
    expect(barAt(series, 1000)).toBeUndefined();
  });

  it('shares memory when nearly full and copies when mostly empty', () => {
    const full = new BarSeriesBuilder(100);
    for (let i = 0; i < 90; i += 1) full.push(i, 1, 1, 1, 1, 1);
    expect(full.build(BTC, M1).close.buffer.byteLength, 'a view over the builder').toBe(100 * 8);
    const sparse = new BarSeriesBuilder(1000);
    sparse.push(0, 1, 1, 1, 1, 1);
    expect(sparse.build(BTC, M1).close.buffer.byteLength, 'a copy of one bar').toBe(8);
  });

  it('exposes the open times pushed so far', () => {
    const builder = new BarSeriesBuilder();
    builder.push(5, 1, 1, 1, 1, 1);
    builder.push(7, 1, 1, 1, 1, 1);
    expect([...builder.tsOpenView()]).toEqual([5, 7]);
  });
});

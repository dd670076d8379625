import { describe, expect, it } from 'vitest';
import { instrumentId, timeframe, type BarSeries } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';
import { resampleSeries } from './resample-series.js';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

/** One-minute bars at the given minutes after T0: open m, high m + 2, low m - 1, close m + 1, volume 1 + m. */
function minutes(at: readonly number[]): BarSeries {
  const n = at.length;
  const column = (f: (m: number) => number) => Float64Array.from(at, f);
  return {
    instrumentId: instrumentId('BTC/USDT'),
    timeframe: timeframe('1m'),
    length: n,
    tsOpen: column((m) => T0 + m * MINUTE),
    open: column((m) => 100 + m),
    high: column((m) => 102 + m),
    low: column((m) => 99 + m),
    close: column((m) => 101 + m),
    volume: column((m) => 1 + m),
  };
}

const rows = (s: BarSeries) => Array.from({ length: s.length }, (_, i) => [(s.tsOpen[i] ?? 0) - T0, s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]]);

describe('resampleSeries', () => {
  it('aggregates into epoch-aligned buckets: first open, highest high, lowest low, last close, summed volume', () => {
    const fiveMinutes = resampleSeries(minutes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), timeframe('5m'));
    expect(fiveMinutes.timeframe).toBe('5m');
    expect(rows(fiveMinutes)).toEqual([
      [0, 100, 106, 99, 105, 15],
      [5 * MINUTE, 105, 111, 104, 110, 40],
    ]);
  });

  it('drops a last bucket the data does not reach the end of', () => {
    expect(rows(resampleSeries(minutes([0, 1, 2, 3, 4, 5, 6, 7]), timeframe('5m')))).toEqual([[0, 100, 106, 99, 105, 15]]);
  });

  it('a bucket with missing minutes inside is built from the minutes there are', () => {
    expect(rows(resampleSeries(minutes([0, 2, 4, 5, 9]), timeframe('5m')))).toEqual([
      [0, 100, 106, 99, 105, 1 + 3 + 5],
      [5 * MINUTE, 105, 111, 104, 110, 6 + 10],
    ]);
  });

  it('refuses targets that are not whole multiples, finer than the source, or months', () => {
    const source = minutes([0, 1, 2]);
    for (const target of ['90s', '1M']) {
      expect(() => resampleSeries(source, timeframe(target))).toThrow(AtbError);
    }
    expect(() => resampleSeries(resampleSeries(minutes([0, 1, 2, 3, 4]), timeframe('5m')), timeframe('1m'))).toThrow(/cannot resample 5m bars into 1m/);
  });
});

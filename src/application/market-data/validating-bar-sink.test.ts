import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { ValidatingBarSink } from './validating-bar-sink.js';

const T0 = Date.UTC(2024, 0, 1);
const M1 = 60_000;

describe('ValidatingBarSink', () => {
  it('stores valid rows column by column', () => {
    const sink = new ValidatingBarSink({ file: 'f.csv' });
    sink.accept(2, T0, 1, 2, 0.5, 1.5, 10);
    sink.accept(3, T0 + M1, 1.5, 1.5, 1.5, 1.5, 0);
    const series = sink.bars.build(instrumentId('BTC/USDT'), timeframe('1m'));
    expect([...series.close]).toEqual([1.5, 1.5]);
    expect(sink.rowsRead).toBe(2);
  });

  it('writes positions through locate and labels rows for formats without lines', () => {
    const sink = new ValidatingBarSink({ file: 'f.feather', position: 'row', locate: (row) => row + 1 });
    sink.accept(0, T0 + M1, 1, 2, 0.5, 1.5, 10);
    expect(() => sink.accept(1, T0, 1, 2, 0.5, 1.5, 10)).toThrow(
      "f.feather:row 2: timestamp 2024-01-01T00:00:00Z is before the previous row's 2024-01-01T00:01:00Z (row 1): rows must be in increasing time order",
    );
  });

  it('checks order across rows the from/to filter leaves out', () => {
    const sink = new ValidatingBarSink({ file: 'f.csv', fromMs: T0 + 5 * M1, skipBadRows: true });
    sink.accept(2, T0 + 2 * M1, 1, 2, 0.5, 1.5, 10);
    sink.accept(3, T0 + M1, 1, 2, 0.5, 1.5, 10);
    sink.accept(4, T0 + 6 * M1, 1, 2, 0.5, 1.5, 10);
    expect(sink.filteredOut).toBe(1);
    expect(sink.skipped.count).toBe(1);
    expect(sink.bars.length).toBe(1);
  });

  it('rejects infinite and NaN values with their names', () => {
    const sink = new ValidatingBarSink({ file: 'f.csv', skipBadRows: true });
    sink.accept(2, Number.NaN, 1, 2, 0.5, 1, 1);
    sink.accept(3, T0, 1, Number.POSITIVE_INFINITY, 0.5, 1, 1);
    sink.accept(4, T0, 1, 2, 0.5, 1, Number.NaN);
    expect(sink.skipped.first.map((b) => b.reason)).toEqual([
      'timestamp NaN is not a time',
      'high Infinity is not a finite number',
      'volume NaN is not a finite number',
    ]);
  });
});

import type { InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import type { BarSeries } from '../../src/domain/market-data/bar.js';
import { BarSeriesBuilder } from '../../src/domain/market-data/bar-series-builder.js';
import { timeframeMs, type Timeframe } from '../../src/domain/market-data/timeframe.js';

/**
 * A deterministic series for persistence tests: `count` bars from `startMs`, one timeframe apart
 * (unless `skip` says to leave some out), with awkward doubles (0.1 + 0.2, tiny and huge magnitudes)
 * so that a lossy round trip shows. The instrument id is not checked: tests store odd ones on purpose.
 */
export function barSeries(
  instrumentId: string,
  timeframe: string,
  count: number,
  options: { readonly startMs?: number; readonly skip?: (index: number) => boolean; readonly priceShift?: number } = {},
): BarSeries {
  const stepMs = timeframeMs(timeframe as Timeframe);
  const builder = new BarSeriesBuilder(count);
  const shift = options.priceShift ?? 0;
  for (let i = 0; i < count; i++) {
    if (options.skip?.(i) === true) continue;
    const base = 100 + Math.sin(i / 7) * 10 + shift;
    const close = i % 5 === 0 ? 0.1 + 0.2 + shift : base + 1 / 3;
    builder.push((options.startMs ?? 1_700_000_000_000) + i * stepMs, base, base + 2.5e-9 + 2, base - 1e-7 - 1, close, i % 7 === 0 ? 1e-300 : 12345.678901234567 * i);
  }
  return builder.build(instrumentId as InstrumentId, timeframe as Timeframe);
}

/** The series' columns as plain arrays, for toEqual comparisons with useful diffs. */
export function columns(series: BarSeries): Record<string, number[]> {
  return {
    tsOpen: Array.from(series.tsOpen),
    open: Array.from(series.open),
    high: Array.from(series.high),
    low: Array.from(series.low),
    close: Array.from(series.close),
    volume: Array.from(series.volume),
  };
}

import type { InstrumentId } from '../instruments/instrument-id.js';
import type { Timeframe } from './timeframe.js';

/**
 * One OHLCV bar. Prices and volume are float64: market data is measured, not money; exact prices are
 * made from them (rounded to the instrument's tick) only where an order is priced or filled.
 * `tsOpen` is the bar's open time in epoch milliseconds; a bar is visible to strategies only once closed.
 */
export interface Bar {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly tsOpen: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * Bars of one instrument and timeframe held column by column in typed arrays, oldest first, so that a
 * backtest over millions of bars reads plain numbers and allocates nothing per bar. All columns have
 * `length` entries; `tsOpen` holds epoch milliseconds (exact in a float64 up to year 285,000).
 */
export interface BarSeries {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly length: number;
  readonly tsOpen: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The bar at `index` as an object (allocates; for tests, reports and edges, not the hot loop). */
export function barAt(series: BarSeries, index: number): Bar | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= series.length) return undefined;
  return {
    instrumentId: series.instrumentId,
    timeframe: series.timeframe,
    tsOpen: series.tsOpen[index] ?? Number.NaN,
    open: series.open[index] ?? Number.NaN,
    high: series.high[index] ?? Number.NaN,
    low: series.low[index] ?? Number.NaN,
    close: series.close[index] ?? Number.NaN,
    volume: series.volume[index] ?? Number.NaN,
  };
}

/** A plain-object copy of any Bar, such as a view onto a series whose fields are getters (a spread would copy none). */
export function toBar(bar: Bar): Bar {
  return {
    instrumentId: bar.instrumentId,
    timeframe: bar.timeframe,
    tsOpen: bar.tsOpen,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
  };
}

import type { InstrumentId } from '../instruments/instrument-id.js';
import type { BarSeries } from './bar.js';
import type { Timeframe } from './timeframe.js';

/**
 * Appends bars column by column into Float64Arrays that grow by doubling, so loading a million bars makes
 * a handful of allocations instead of a million objects. Give `initialCapacity` when the count is roughly
 * known (a loader estimates it from the file size) to avoid regrowth altogether.
 */
export class BarSeriesBuilder {
  private capacity: number;
  private count = 0;
  private tsOpen: Float64Array;
  private open: Float64Array;
  private high: Float64Array;
  private low: Float64Array;
  private close: Float64Array;
  private volume: Float64Array;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.tsOpen = new Float64Array(this.capacity);
    this.open = new Float64Array(this.capacity);
    this.high = new Float64Array(this.capacity);
    this.low = new Float64Array(this.capacity);
    this.close = new Float64Array(this.capacity);
    this.volume = new Float64Array(this.capacity);
  }

  get length(): number {
    return this.count;
  }

  /** The open times pushed so far, as a view (no copy) that later pushes may invalidate. */
  tsOpenView(): Float64Array {
    return this.tsOpen.subarray(0, this.count);
  }

  push(tsOpen: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    this.tsOpen[i] = tsOpen;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
    this.count = i + 1;
  }

  /**
   * The bars pushed so far as a series. Columns share memory with the builder when little capacity is
   * unused (no copy) and are copied to their exact length otherwise; push no more after building.
   */
  build(instrumentId: InstrumentId, timeframe: Timeframe): BarSeries {
    const n = this.count;
    const fit = (column: Float64Array): Float64Array =>
      n >= this.capacity * 0.75 ? column.subarray(0, n) : column.slice(0, n);
    return {
      instrumentId,
      timeframe,
      length: n,
      tsOpen: fit(this.tsOpen),
      open: fit(this.open),
      high: fit(this.high),
      low: fit(this.low),
      close: fit(this.close),
      volume: fit(this.volume),
    };
  }

  private grow(): void {
    this.capacity *= 2;
    const larger = (column: Float64Array): Float64Array => {
      const next = new Float64Array(this.capacity);
      next.set(column);
      return next;
    };
    this.tsOpen = larger(this.tsOpen);
    this.open = larger(this.open);
    this.high = larger(this.high);
    this.low = larger(this.low);
    this.close = larger(this.close);
    this.volume = larger(this.volume);
  }
}

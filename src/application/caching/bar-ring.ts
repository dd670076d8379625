import type { Bar, BarSeries, InstrumentId, Timeframe } from '../../domain/index.js';

/**
 * The latest `capacity` bars of one series in a ring of typed-array columns: appending allocates
 * nothing, and the oldest bar is overwritten once the ring is full. Bars arrive in time order; a bar with
 * the newest open time again replaces it (a live feed revising the last bar), an older one is refused.
 */
export class BarRing {
  readonly capacity: number;
  readonly #tsOpen: Float64Array;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  readonly #volume: Float64Array;
  /** Where the next bar goes. */
  #next = 0;
  #length = 0;

  constructor(
    readonly instrumentId: InstrumentId,
    readonly timeframe: Timeframe,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.#tsOpen = new Float64Array(capacity);
    this.#open = new Float64Array(capacity);
    this.#high = new Float64Array(capacity);
    this.#low = new Float64Array(capacity);
    this.#close = new Float64Array(capacity);
    this.#volume = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** The open time of the newest bar, or undefined when empty. */
  get lastTsOpen(): number | undefined {
    return this.#length === 0 ? undefined : this.#tsOpen[this.#slot(this.#length - 1)];
  }

  /** Adds a bar; false (and nothing changed) when it is older than the newest bar held. */
  push(tsOpen: number, open: number, high: number, low: number, close: number, volume: number): boolean {
    const last = this.lastTsOpen;
    if (last !== undefined && tsOpen < last) return false;
    let slot: number;
    if (last === tsOpen) {
      slot = this.#slot(this.#length - 1);
    } else {
      slot = this.#next;
      this.#next = (this.#next + 1) % this.capacity;
      if (this.#length < this.capacity) this.#length++;
    }
    this.#tsOpen[slot] = tsOpen;
    this.#open[slot] = open;
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#close[slot] = close;
    this.#volume[slot] = volume;
    return true;
  }

  clear(): void {
    this.#next = 0;
    this.#length = 0;
  }

  /** The newest `count` bars (fewer if not held), oldest first, copied into a new series. */
  recent(count: number): BarSeries {
    const n = Math.max(0, Math.min(Math.floor(count), this.#length));
    const first = this.#length - n;
    const copy = (column: Float64Array): Float64Array => {
      const out = new Float64Array(n);
      const start = this.#slot(first);
      const tail = Math.min(n, this.capacity - start);
      out.set(column.subarray(start, start + tail), 0);
      if (tail < n) out.set(column.subarray(0, n - tail), tail);
      return out;
    };
    return {
      instrumentId: this.instrumentId,
      timeframe: this.timeframe,
      length: n,
      tsOpen: copy(this.#tsOpen),
      open: copy(this.#open),
      high: copy(this.#high),
      low: copy(this.#low),
      close: copy(this.#close),
      volume: copy(this.#volume),
    };
  }

  /** The newest bar as an object, or undefined when empty. */
  latest(): Bar | undefined {
    if (this.#length === 0) return undefined;
    const slot = this.#slot(this.#length - 1);
    return {
      instrumentId: this.instrumentId,
      timeframe: this.timeframe,
      tsOpen: this.#tsOpen[slot] ?? Number.NaN,
      open: this.#open[slot] ?? Number.NaN,
      high: this.#high[slot] ?? Number.NaN,
      low: this.#low[slot] ?? Number.NaN,
      close: this.#close[slot] ?? Number.NaN,
      volume: this.#volume[slot] ?? Number.NaN,
    };
  }

  /** The array slot of the `index`-th bar held, 0 being the oldest. */
  #slot(index: number): number {
    return (this.#next - this.#length + index + this.capacity) % this.capacity;
  }
}

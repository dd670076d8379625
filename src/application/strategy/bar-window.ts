import type { Bar, InstrumentId, Timeframe } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';

/**
 * The closed bars of one subscription, newest first by `ago` (0 = the bar that just closed). It holds only
 * bars the engine has already delivered, so a future bar cannot be read: there is nothing to read, and an
 * index into the future throws. Values older than the window's capacity read as NaN.
 */
export class BarWindow {
  private readonly ts: Float64Array;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly v: Float64Array;
  private count = 0;
  private head = -1;

  constructor(
    readonly instrumentId: InstrumentId,
    readonly timeframe: Timeframe,
    /** How many closed bars are kept. */
    readonly capacity: number,
  ) {
    this.ts = new Float64Array(capacity);
    this.o = new Float64Array(capacity);
    this.h = new Float64Array(capacity);
    this.l = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  /** Closed bars available (at most `capacity`). */
  get length(): number {
    return this.count;
  }

  /** Appends a bar that has just closed. Called by the engine only. */
  push(bar: Bar): void {
    const i = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.ts[i] = bar.tsOpen;
    this.o[i] = bar.open;
    this.h[i] = bar.high;
    this.l[i] = bar.low;
    this.c[i] = bar.close;
    this.v[i] = bar.volume;
    this.head = i;
    if (this.count < this.capacity) this.count += 1;
  }

  close(ago = 0): number {
    return this.read(this.c, ago);
  }
  open(ago = 0): number {
    return this.read(this.o, ago);
  }
  high(ago = 0): number {
    return this.read(this.h, ago);
  }
  low(ago = 0): number {
    return this.read(this.l, ago);
  }
  volume(ago = 0): number {
    return this.read(this.v, ago);
  }
  tsOpen(ago = 0): number {
    return this.read(this.ts, ago);
  }

  /** The bar `ago` bars back as an object, or undefined if older than the window. */
  bar(ago = 0): Bar | undefined {
    const i = this.index(ago);
    if (i < 0) return undefined;
    return {
      instrumentId: this.instrumentId,
      timeframe: this.timeframe,
      tsOpen: this.ts[i] ?? Number.NaN,
      open: this.o[i] ?? Number.NaN,
      high: this.h[i] ?? Number.NaN,
      low: this.l[i] ?? Number.NaN,
      close: this.c[i] ?? Number.NaN,
      volume: this.v[i] ?? Number.NaN,
    };
  }

  /** The last `count` closes, oldest first, as a copy (never a view of the engine's storage). */
  closes(count = this.count): Float64Array {
    const n = Math.min(count, this.count);
    const out = new Float64Array(n);
    for (let k = 0; k < n; k += 1) out[n - 1 - k] = this.read(this.c, k);
    return out;
  }

  private read(column: Float64Array, ago: number): number {
    const i = this.index(ago);
    return i < 0 ? Number.NaN : (column[i] ?? Number.NaN);
  }

  private index(ago: number): number {
    if (!(ago >= 0) || !Number.isInteger(ago)) {
      throw new AtbError(
        'LOOK_AHEAD',
        ago < 0
          ? `bar ${ago} of ${this.instrumentId} ${this.timeframe} is in the future: a strategy sees closed bars only (0 = the latest)`
          : `bar index must be a whole number of bars ago, was ${ago}`,
        { ago, instrumentId: this.instrumentId, timeframe: this.timeframe },
      );
    }
    if (ago >= this.count) return -1;
    const i = this.head - ago;
    return i >= 0 ? i : i + this.capacity;
  }
}

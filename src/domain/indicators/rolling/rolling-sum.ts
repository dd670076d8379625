import { ExactSum } from './exact-sum.js';
import { fitsGrid, gridFor, growthBits } from './fixed-point-grid.js';
import { twoPassVariance } from './variance.js';

/**
 * The exact sum of the last `period` inputs, updated in O(1) per input without drift.
 *
 * `sum()` is the exact window sum rounded once and `mean()` that sum divided by the period, or the
 * window's value when all its values are equal. Both are therefore functions of the window's values
 * alone: equal windows give bit-identical results wherever they occur in a series, and a constant
 * window's mean is the constant itself (a plain running sum violates both, which makes crossovers
 * fire on flat markets). See fixed-point-grid.ts for how the sum stays exact.
 *
 * Non-finite inputs are kept out of the sum and counted: while one is inside the window, `sum()` and
 * `mean()` are NaN. Allocation-free after construction.
 */
export class RollingSum {
  readonly period: number;
  private readonly window: Float64Array;
  private readonly growth: number;
  private readonly exact = new ExactSum();
  /** Ring slot of the next write, which is the oldest value once the window is full. */
  private next = 0;
  private size = 0;
  private nonFinite = 0;
  /** Length of the run of equal values ending at the newest input, capped at the period. */
  private run = 0;
  private last = Number.NaN;
  /** True while the grid holds the window (hi + lo is the exact sum); else `exact` holds it. */
  private fast = true;
  private hi = 0;
  private lo = 0;
  private hiMagic = 0;
  private loMagic = 0;
  /** -1 until the first value places the grid, so that it fails the fit test. */
  private bound = -1;
  private exactBars = 0;

  constructor(period: number) {
    this.period = period;
    this.window = new Float64Array(period);
    this.growth = growthBits(period + 1);
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  /** True while a non-finite input is inside the window. */
  get hasNonFinite(): boolean {
    return this.nonFinite > 0;
  }

  /** True when the window is full and all its values are equal. */
  get isConstant(): boolean {
    return this.run >= this.period;
  }

  push(x: number): void {
    const period = this.period;
    const slot = this.next;
    const full = this.size === period;
    const old = full ? (this.window[slot] ?? 0) : 0;
    this.window[slot] = x;
    this.next = slot + 1 === period ? 0 : slot + 1;
    if (!full) this.size += 1;
    this.run = x === this.last ? Math.min(this.run + 1, period) : 1;
    this.last = x;
    const oldFinite = old - old === 0;
    if (!oldFinite) this.nonFinite -= 1;
    const finite = x - x === 0;
    if (!finite) this.nonFinite += 1;

    if (this.fast) {
      if (full && oldFinite) {
        const oldHi = old + this.hiMagic - this.hiMagic;
        this.hi -= oldHi;
        this.lo -= old - oldHi;
      }
      if (!finite) return;
      const xHi = x + this.hiMagic - this.hiMagic;
      const xLo = x - xHi;
      if (Math.abs(x) <= this.bound && xLo + this.loMagic - this.loMagic === xLo) {
        this.hi += xHi;
        this.lo += xLo;
      } else {
        this.rebuild();
      }
      return;
    }
    if (full && oldFinite) this.exact.add(-old);
    if (finite) this.exact.add(x);
    // Every `period` inputs the values that did not fit have left: try the grid again (amortised O(1)).
    this.exactBars += 1;
    if (this.exactBars >= period) this.rebuild();
  }

  /** The exact sum of the window, rounded once; NaN while a non-finite input is in the window. */
  sum(): number {
    if (this.nonFinite > 0) return Number.NaN;
    return this.fast ? this.hi + this.lo : this.exact.round();
  }

  /** Set by pushForMean: mean() after that push, or NaN while the window is not full or holds a non-finite input. */
  lastMean = Number.NaN;

  /**
   * push(x), then mean() into `lastMean`: for a moving average, one call per input and a plain field to
   * read (a method returning a number that V8 does not inline allocates a heap number per call).
   */
  pushForMean(x: number): void {
    this.push(x);
    this.lastMean = this.size === this.period && this.nonFinite === 0 ? this.mean() : Number.NaN;
  }

  /** sum() / period, except that a window of equal values returns that value exactly. */
  mean(): number {
    if (this.nonFinite > 0) return Number.NaN;
    if (this.run >= this.period) return this.last;
    return (this.fast ? this.hi + this.lo : this.exact.round()) / this.period;
  }

  /** twoPassVariance over the window (oldest first); the window must be full. O(period). */
  varianceAround(mean: number): number {
    return twoPassVariance(this.window, this.next, this.period, mean);
  }

  /** Mean of |x - mean| over the (full) window, summed oldest first. O(period). */
  meanAbsoluteDeviation(mean: number): number {
    const window = this.window;
    const period = this.period;
    let total = 0;
    for (let j = 0; j < period; j++) {
      const slot = this.next + j;
      total += Math.abs((window[slot < period ? slot : slot - period] ?? 0) - mean);
    }
    return total / period;
  }

  /** Calls `visit` on the window's values, oldest first (rebuilds only: allocates a closure). */
  private forEach(visit: (value: number) => void): void {
    const start = this.size === this.period ? this.next : 0;
    for (let j = 0; j < this.size; j++) {
      const slot = start + j;
      visit(this.window[slot < this.period ? slot : slot - this.period] ?? 0);
    }
  }

  reset(): void {
    this.lastMean = Number.NaN;
    this.next = 0;
    this.size = 0;
    this.nonFinite = 0;
    this.run = 0;
    this.last = Number.NaN;
    this.fast = true;
    this.hi = 0;
    this.lo = 0;
    this.bound = -1;
    this.exact.reset();
    this.exactBars = 0;
  }

  /** Re-places the grid on the current window, or moves the sum into the exact expansion. O(period). */
  private rebuild(): void {
    let maxAbs = 0;
    this.forEach((v) => {
      if (v - v === 0 && Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    });
    const grid = gridFor(maxAbs, this.growth);
    let hi = 0;
    let lo = 0;
    let fits = true;
    this.forEach((v) => {
      if (v - v !== 0) return;
      if (!fitsGrid(v, grid)) fits = false;
      const vHi = v + grid.hiMagic - grid.hiMagic;
      hi += vHi;
      lo += v - vHi;
    });
    this.exactBars = 0;
    if (fits) {
      this.fast = true;
      this.hi = hi;
      this.lo = lo;
      this.hiMagic = grid.hiMagic;
      this.loMagic = grid.loMagic;
      this.bound = grid.bound;
      return;
    }
    if (this.fast) {
      const exact = this.exact;
      exact.reset();
      this.forEach((v) => {
        if (v - v === 0) exact.add(v);
      });
      this.fast = false;
    }
  }
}

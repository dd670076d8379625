import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { boundFor, floorFor, growthBits, hiMagicFor, loMagicFor } from './rolling/fixed-point-grid.js';
import { RollingSum } from './rolling/rolling-sum.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Simple moving average over `period` inputs; warm-up `period - 1` (TA-Lib SMA).
 *
 * Each value is the exact window sum, rounded once, divided by the period (a window of equal values
 * gives that value exactly), so equal windows give bit-identical averages anywhere in a series and
 * the average never drifts: see rolling/rolling-sum.ts. A non-finite input makes the `period` values
 * whose window contains it undefined. Allocation-free per update.
 *
 * @example
 * const fast = new Sma(10);
 * for (const bar of bars) if (fast.update(bar.close) !== undefined) use(fast.value);
 */
export class Sma implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  /** Its `lastMean` is this indicator's value: NaN until ready and while a non-finite input is in the window. */
  private readonly window: RollingSum;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.window = new RollingSum(period);
  }

  get value(): number | undefined {
    const mean = this.window.lastMean;
    return mean === mean ? mean : undefined;
  }

  get isReady(): boolean {
    const mean = this.window.lastMean;
    return mean === mean;
  }

  /**
   * The latest value as a plain number, NaN until ready. For per-bar code: `value` (number | undefined)
   * makes optimized code box the number into a fresh heap object on every read.
   */
  get last(): number {
    return this.window.lastMean;
  }

  update(value: number): number | undefined {
    return this.step(value) ? this.window.lastMean : undefined;
  }

  /**
   * Advances like `update` and says whether a value is ready (`last`). For per-bar code: a number
   * returned by a call V8 does not inline is boxed into a fresh heap object; a boolean is not.
   */
  step(value: number): boolean {
    const window = this.window;
    window.pushForMean(value);
    // NaN exactly while the window is not full or holds a non-finite input: the mean of a full finite
    // window is a number (infinite at worst, after overflow).
    const mean = window.lastMean;
    return mean === mean;
  }

  reset(): void {
    this.window.reset();
  }
}

/**
 * Batch SMA: `Float64Array` of the input's length, NaN during warm-up and where the window holds a
 * non-finite input; bit-identical to `Sma` fed the same values.
 * @throws InvalidValueError for a period that is not an integer in [1, MAX_INDICATOR_PERIOD]
 */
export function sma(values: IndicatorInput, period: number): Float64Array {
  checkPeriod('period', period);
  const x = toFloat64(values, 'values');
  const n = x.length;
  const out = uninitializedOutput(n);
  if (period === 1) {
    // Every one-value window is a run of equal values: the average is the value itself (-0 included).
    for (let i = 0; i < n; i++) {
      const v = x[i] ?? 0;
      out[i] = v - v === 0 ? v : Number.NaN;
    }
    return out;
  }
  // Fast path: RollingSum's fixed-point arithmetic in local variables on one grid placed from the
  // first window. The result does not depend on the grid, so when a value does not fit (or is not
  // finite) the rest of the series continues through Sma, which re-places the grid or goes exact.
  let maxAbs = 0;
  for (let i = 0; i < period && i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] ?? 0));
  const growth = growthBits(period + 1);
  // `+ 0` unboxes each call's result here, once: V8 does not inline these calls, and a boxed loop
  // constant is unboxed again on every iteration of the loops below.
  const hiMagic = hiMagicFor(maxAbs) + 0;
  const loMagic = loMagicFor(maxAbs, growth) + 0;
  const bound = boundFor(maxAbs, growth) + 0;
  const floor = floorFor(maxAbs, growth) + 0;
  let hi = 0;
  let lo = 0;
  // The current run of equal values started at `runStart`: a full window of them averages to the value
  // itself (as RollingSum.mean). Kept as a start index rather than a counter, so that the usual case, a
  // value unlike the one before, costs one compare and two register moves.
  let runStart = 0;
  let last = Number.NaN;
  let i = 0;
  const full = period - 1;
  for (; i < period && i < n; i++) {
    const v = x[i] ?? 0;
    const vHi = v + hiMagic - hiMagic;
    const vLo = v - vHi;
    if (!(Math.abs(v) <= bound) || vLo + loMagic - loMagic !== vLo) break;
    hi += vHi;
    lo += vLo;
    if (v !== last) {
      last = v;
      runStart = i;
    }
    out[i] = Number.NaN;
  }
  if (i === period) {
    // The newest value, as RollingSum.mean: equal values may differ in the sign of zero.
    out[full] = runStart === 0 ? (x[full] ?? 0) : (hi + lo) / period;
    // Four values per iteration while all lie in [floor, bound], where every value fits the grid
    // (fixed-point-grid.ts); one value at a time, with the full fit test, otherwise. The sums are the
    // same either way: one value enters and one leaves at each step, in order. Measured against one
    // value per iteration with the full test on each: about a third less time; four values per
    // iteration is ~8% faster than two (`npm run bench indicators`).
    while (i < n) {
      for (; i + 3 < n; i += 4) {
        const v0 = x[i] ?? 0;
        const v1 = x[i + 1] ?? 0;
        const v2 = x[i + 2] ?? 0;
        const v3 = x[i + 3] ?? 0;
        const a0 = Math.abs(v0);
        const a1 = Math.abs(v1);
        const a2 = Math.abs(v2);
        const a3 = Math.abs(v3);
        if (!(a0 >= floor && a0 <= bound && a1 >= floor && a1 <= bound && a2 >= floor && a2 <= bound && a3 >= floor && a3 <= bound)) break;
        const old0 = x[i - period] ?? 0;
        const old1 = x[i + 1 - period] ?? 0;
        const old2 = x[i + 2 - period] ?? 0;
        const old3 = x[i + 3 - period] ?? 0;
        const vHi0 = v0 + hiMagic - hiMagic;
        const vHi1 = v1 + hiMagic - hiMagic;
        const vHi2 = v2 + hiMagic - hiMagic;
        const vHi3 = v3 + hiMagic - hiMagic;
        const oldHi0 = old0 + hiMagic - hiMagic;
        const oldHi1 = old1 + hiMagic - hiMagic;
        const oldHi2 = old2 + hiMagic - hiMagic;
        const oldHi3 = old3 + hiMagic - hiMagic;
        hi += vHi0 - oldHi0;
        lo += v0 - vHi0 - (old0 - oldHi0);
        const mean0 = (hi + lo) / period;
        hi += vHi1 - oldHi1;
        lo += v1 - vHi1 - (old1 - oldHi1);
        const mean1 = (hi + lo) / period;
        hi += vHi2 - oldHi2;
        lo += v2 - vHi2 - (old2 - oldHi2);
        const mean2 = (hi + lo) / period;
        hi += vHi3 - oldHi3;
        lo += v3 - vHi3 - (old3 - oldHi3);
        const mean3 = (hi + lo) / period;
        // A full window of equal values averages to the value itself (see the run tracking above). The
        // usual case, a value unlike the one before, stores the mean with no further test (measured: a
        // select on every value instead cost ~15%).
        if (v0 !== last) {
          runStart = i;
          out[i] = mean0;
        } else {
          out[i] = i - runStart >= full ? v0 : mean0;
        }
        if (v1 !== v0) {
          runStart = i + 1;
          out[i + 1] = mean1;
        } else {
          out[i + 1] = i + 1 - runStart >= full ? v1 : mean1;
        }
        if (v2 !== v1) {
          runStart = i + 2;
          out[i + 2] = mean2;
        } else {
          out[i + 2] = i + 2 - runStart >= full ? v2 : mean2;
        }
        if (v3 !== v2) {
          runStart = i + 3;
          out[i + 3] = mean3;
        } else {
          out[i + 3] = i + 3 - runStart >= full ? v3 : mean3;
        }
        last = v3;
      }
      if (i >= n) break;
      const v = x[i] ?? 0;
      const vHi = v + hiMagic - hiMagic;
      const vLo = v - vHi;
      if (!(Math.abs(v) <= bound) || vLo + loMagic - loMagic !== vLo) break;
      const old = x[i - period] ?? 0;
      const oldHi = old + hiMagic - hiMagic;
      hi += vHi - oldHi;
      lo += vLo - (old - oldHi);
      const mean = (hi + lo) / period;
      if (v !== last) {
        last = v;
        runStart = i;
        out[i] = mean;
      } else {
        out[i] = i - runStart >= full ? v : mean;
      }
      i += 1;
    }
  }
  if (i < n) continueStreaming(x, out, i, period);
  return out;
}

/** The rest of the series from index `from` through Sma, primed with the window before it. */
function continueStreaming(x: Float64Array, out: Float64Array, from: number, period: number): void {
  const rest = new Sma(period);
  for (let j = Math.max(0, from - period + 1); j < from; j++) rest.step(x[j] ?? 0);
  for (let i = from; i < x.length; i++) {
    rest.step(x[i] ?? 0);
    out[i] = rest.last;
  }
}

import { checkFactor, checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { boundFor, floorFor, growthBits, hiMagicFor, loMagicFor } from './rolling/fixed-point-grid.js';
import { RollingMoments } from './rolling/rolling-moments.js';
import { twoPassVariance, varianceFromMeans } from './rolling/variance.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

export interface BandsValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

export interface Bands {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Bollinger Bands, TA-Lib BBANDS with an SMA: middle = SMA(period), upper/lower = middle +/- k times
 * the population standard deviation of the same window (divisor `period`, as TA-Lib and Bollinger).
 * Warm-up `period - 1`. The middle band equals `sma(values, period)` bit for bit; the deviation is
 * exactly 0 on a flat window and within ~1e-9 relative otherwise (rolling/variance.ts).
 * A non-finite input makes the bands undefined while it is inside the window.
 */
export class Bollinger implements StreamingIndicator<BandsValue> {
  readonly period: number;
  readonly k: number;
  readonly warmupPeriod: number;
  /** The bands after the latest update; NaN when it returned undefined. Read these to avoid allocating. */
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  private readonly moments: RollingMoments;
  private current: BandsValue | undefined;

  constructor(period = 20, k = 2) {
    this.period = checkPeriod('period', period);
    this.k = checkFactor('k', k);
    this.warmupPeriod = period - 1;
    this.moments = new RollingMoments(period);
  }

  get value(): BandsValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `upper`, `middle` and `lower` hold values. */
  step(value: number): boolean {
    const moments = this.moments;
    moments.push(value);
    if (!moments.isFull || moments.hasNonFinite) {
      this.upper = this.middle = this.lower = Number.NaN;
      return false;
    }
    const middle = moments.mean();
    const width = this.k * Math.sqrt(moments.variance(middle));
    this.middle = middle;
    this.upper = middle + width;
    this.lower = middle - width;
    return true;
  }

  update(value: number): BandsValue | undefined {
    this.current = this.step(value) ? { upper: this.upper, middle: this.middle, lower: this.lower } : undefined;
    return this.current;
  }

  reset(): void {
    this.moments.reset();
    this.upper = this.middle = this.lower = Number.NaN;
    this.current = undefined;
  }
}

/**
 * Batch Bollinger Bands, bit-identical to `Bollinger`; NaN during warm-up and while the window holds
 * a non-finite input.
 */
export function bollinger(values: IndicatorInput, period = 20, k = 2): Bands {
  checkPeriod('period', period);
  checkFactor('k', k);
  const x = toFloat64(values, 'values');
  const n = x.length;
  const upper = uninitializedOutput(n);
  const middle = uninitializedOutput(n);
  const lower = uninitializedOutput(n);
  const bands: Bands = { upper, middle, lower };
  // Fast path: RollingMoments' arithmetic in local variables (see sma.ts for the grid and fallback).
  let maxAbs = 0;
  for (let i = 0; i < period && i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] ?? 0));
  const growth = growthBits(period + 1);
  // `+ 0` unboxes each call's result once, here, rather than on every iteration (see sma.ts).
  const hiMagic1 = hiMagicFor(maxAbs) + 0;
  const loMagic1 = loMagicFor(maxAbs, growth) + 0;
  const bound1 = boundFor(maxAbs, growth) + 0;
  const floor1 = floorFor(maxAbs, growth) + 0;
  const hiMagic2 = hiMagicFor(maxAbs * maxAbs) + 0;
  const loMagic2 = loMagicFor(maxAbs * maxAbs, growth) + 0;
  const bound2 = boundFor(maxAbs * maxAbs, growth) + 0;
  const floor2 = floorFor(maxAbs * maxAbs, growth) + 0;
  let hi1 = 0;
  let lo1 = 0;
  let hi2 = 0;
  let lo2 = 0;
  let run = 0;
  let last = Number.NaN;
  let runOfSquares = 0;
  let lastSquare = Number.NaN;
  let i = 0;
  const warmup = Math.min(period, n);
  for (; i < warmup; i++) {
    const v = x[i] ?? 0;
    const sq = v * v;
    const vHi = v + hiMagic1 - hiMagic1;
    const vLo = v - vHi;
    const sqHi = sq + hiMagic2 - hiMagic2;
    const sqLo = sq - sqHi;
    if (!(Math.abs(v) <= bound1) || vLo + loMagic1 - loMagic1 !== vLo || !(sq <= bound2) || sqLo + loMagic2 - loMagic2 !== sqLo) {
      break;
    }
    hi1 += vHi;
    lo1 += vLo;
    hi2 += sqHi;
    lo2 += sqLo;
    run = v === last ? run + 1 : 1;
    last = v;
    runOfSquares = sq === lastSquare ? runOfSquares + 1 : 1;
    lastSquare = sq;
    upper[i] = middle[i] = lower[i] = Number.NaN;
  }
  if (i === period) {
    writeBands(x, i - 1, period, k, hi1 + lo1, hi2 + lo2, run, runOfSquares, bands);
    for (; i < n; i++) {
      const v = x[i] ?? 0;
      const a = Math.abs(v);
      const sq = v * v;
      const vHi = v + hiMagic1 - hiMagic1;
      const vLo = v - vHi;
      const sqHi = sq + hiMagic2 - hiMagic2;
      const sqLo = sq - sqHi;
      // Values in [floor, bound] fit their grid without the low-part test (as in sma.ts).
      if (
        !(a >= floor1 && a <= bound1 && sq >= floor2 && sq <= bound2) &&
        !(a <= bound1 && vLo + loMagic1 - loMagic1 === vLo && sq <= bound2 && sqLo + loMagic2 - loMagic2 === sqLo)
      ) {
        break;
      }
      const old = x[i - period] ?? 0;
      const oldSq = old * old;
      const oldHi = old + hiMagic1 - hiMagic1;
      const oldSqHi = oldSq + hiMagic2 - hiMagic2;
      hi1 += vHi - oldHi;
      lo1 += vLo - (old - oldHi);
      hi2 += sqHi - oldSqHi;
      lo2 += sqLo - (oldSq - oldSqHi);
      if (v === last) run = run < period ? run + 1 : period;
      else {
        run = 1;
        last = v;
      }
      if (sq === lastSquare) runOfSquares = runOfSquares < period ? runOfSquares + 1 : period;
      else {
        runOfSquares = 1;
        lastSquare = sq;
      }
      writeBands(x, i, period, k, hi1 + lo1, hi2 + lo2, run, runOfSquares, bands);
    }
  }
  if (i < n) continueStreaming(x, bands, i, period, k);
  return bands;
}

/** The rest of the series from index `from` through Bollinger, primed with the window before it. */
function continueStreaming(x: Float64Array, bands: Bands, from: number, period: number, k: number): void {
  const rest = new Bollinger(period, k);
  for (let j = Math.max(0, from - period + 1); j < from; j++) rest.step(x[j] ?? 0);
  for (let i = from; i < x.length; i++) {
    rest.step(x[i] ?? 0);
    bands.upper[i] = rest.upper;
    bands.middle[i] = rest.middle;
    bands.lower[i] = rest.lower;
  }
}

/**
 * The bands of the full window ending at `at`, from its exact sums (RollingMoments' arithmetic): the
 * window's value when constant, else the means of the sums, with the two-pass variance when the fast
 * formula would lose accuracy (rolling/variance.ts).
 */
function writeBands(
  x: Float64Array,
  at: number,
  period: number,
  k: number,
  sum: number,
  sumOfSquares: number,
  run: number,
  runOfSquares: number,
  bands: Bands,
): void {
  const v = x[at] ?? 0;
  let mean = v;
  let variance = 0;
  if (run !== period) {
    mean = sum / period;
    variance = varianceFromMeans(runOfSquares === period ? v * v : sumOfSquares / period, mean);
    if (variance !== variance) variance = twoPassVariance(x, at - period + 1, period, mean);
  }
  const width = k * Math.sqrt(variance);
  bands.middle[at] = mean;
  bands.upper[at] = mean + width;
  bands.lower[at] = mean - width;
}

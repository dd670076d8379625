import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { allFinite, windowMean } from './rolling/window-mean.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Exponential moving average with alpha = 2 / (period + 1), seeded with the SMA of the first `period`
 * inputs (TA-Lib EMA, default compatibility); warm-up `period - 1`. Each step is TA-Lib's
 * `ema = (x - ema) * alpha + ema`.
 *
 * A non-finite input is a missing bar: that update returns undefined and the average carries over
 * unchanged (it does not count towards the warm-up either).
 */
export class Ema implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  readonly alpha: number;
  private readonly seed: RollingSum;
  private average = Number.NaN;
  private seeded = false;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.alpha = 2 / (period + 1);
    this.seed = new RollingSum(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    if (value - value !== 0) return (this.current = undefined);
    if (this.seeded) {
      this.average = (value - this.average) * this.alpha + this.average;
      return (this.current = this.average);
    }
    this.seed.push(value);
    if (!this.seed.isFull) return (this.current = undefined);
    this.seeded = true;
    this.average = this.seed.mean();
    return (this.current = this.average);
  }

  reset(): void {
    this.seed.reset();
    this.average = Number.NaN;
    this.seeded = false;
    this.current = undefined;
  }
}

/**
 * Batch EMA: `Float64Array` of the input's length, NaN during warm-up and at non-finite inputs;
 * bit-identical to `Ema` fed the same values.
 */
export function ema(values: IndicatorInput, period: number): Float64Array {
  checkPeriod('period', period);
  const x = toFloat64(values, 'values');
  const n = x.length;
  const out = uninitializedOutput(n);
  // A non-finite value among the seed inputs (rare) shifts the seed: Ema handles that case.
  if (n < period || !allFinite(x, 0, period)) return viaStreaming(x, period, out);
  for (let i = 0; i < period - 1; i++) out[i] = Number.NaN;
  let average = windowMean(x, 0, period);
  out[period - 1] = average;
  const alpha = 2 / (period + 1);
  for (let i = period; i < n; i++) {
    const v = x[i] ?? 0;
    if (v - v === 0) {
      average = (v - average) * alpha + average;
      out[i] = average;
    } else {
      out[i] = Number.NaN;
    }
  }
  return out;
}

function viaStreaming(x: Float64Array, period: number, out: Float64Array): Float64Array {
  const indicator = new Ema(period);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

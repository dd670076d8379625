import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingMoments } from './rolling/rolling-moments.js';
import { uninitializedOutput } from './output.js';

/**
 * Rolling population standard deviation (divisor `period`), TA-Lib STDDEV with nbDev = 1; warm-up
 * `period - 1`. Exactly 0 on a flat window, within ~1e-9 relative otherwise, no drift (see
 * rolling/variance.ts). A non-finite input makes the outputs whose window contains it undefined.
 */
export class StdDev implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly moments: RollingMoments;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.moments = new RollingMoments(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    const moments = this.moments;
    moments.push(value);
    if (!moments.isFull || moments.hasNonFinite) return (this.current = undefined);
    return (this.current = Math.sqrt(moments.variance(moments.mean())));
  }

  reset(): void {
    this.moments.reset();
    this.current = undefined;
  }
}

/** Batch rolling standard deviation, bit-identical to `StdDev`. */
export function stdDev(values: IndicatorInput, period: number): Float64Array {
  const indicator = new StdDev(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingWeightedSum } from './rolling/rolling-weighted-sum.js';
import { uninitializedOutput } from './output.js';

/**
 * Slope per bar of the least-squares line through the last `period` inputs against their bar
 * positions, TA-Lib LINEARREG_SLOPE; warm-up `period - 1`, period >= 2.
 *
 * Computed as sum((j - mean j) * y_j) / sum((j - mean j)^2) with an exact numerator kept in O(1) per
 * update (rolling/rolling-weighted-sum.ts): no drift, no cancellation between the level and the trend
 * (TA-Lib's running sums lose ~eps * level of absolute accuracy), and exactly 0 on a flat window.
 * A non-finite input makes the outputs whose window contains it undefined.
 */
export class LinRegSlope implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RollingWeightedSum;
  /** sum((j - mean j)^2) * 2 = period * (period^2 - 1) / 6, the divisor of the doubled moment. */
  private readonly divisor: number;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period, 2);
    this.warmupPeriod = period - 1;
    this.window = new RollingWeightedSum(period);
    this.divisor = (period * (period * period - 1)) / 6;
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    const window = this.window;
    window.push(value);
    if (!window.isFull || window.hasNonFinite) return (this.current = undefined);
    return (this.current = window.centeredMoment() / this.divisor);
  }

  reset(): void {
    this.window.reset();
    this.current = undefined;
  }
}

/** Batch linear-regression slope, bit-identical to `LinRegSlope`. */
export function linRegSlope(values: IndicatorInput, period: number): Float64Array {
  const indicator = new LinRegSlope(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

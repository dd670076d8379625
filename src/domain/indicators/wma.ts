import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { RollingWeightedSum } from './rolling/rolling-weighted-sum.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Linearly weighted moving average, weights 1 (oldest) to `period` (newest), divisor
 * period * (period + 1) / 2; TA-Lib WMA, warm-up `period - 1`. The weighted sum is exact (no drift)
 * and a window of equal values gives that value. Non-finite inputs: as Sma.
 */
export class Wma implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RollingWeightedSum;
  private readonly divisor: number;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.window = new RollingWeightedSum(period);
    this.divisor = (period * (period + 1)) / 2;
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
    return (this.current = window.isConstant ? window.newest : window.weightedSum() / this.divisor);
  }

  reset(): void {
    this.window.reset();
    this.current = undefined;
  }
}

/** Batch WMA, bit-identical to `Wma`. */
export function wma(values: IndicatorInput, period: number): Float64Array {
  const indicator = new Wma(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

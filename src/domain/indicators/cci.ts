import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { uninitializedOutput } from './output.js';

/** Lambert's constant: scales the CCI so that about 70-80% of values fall within +/-100. */
const LAMBERT = 0.015;

/**
 * Commodity Channel Index, TA-Lib CCI: typical price tp = (high + low + close) / 3,
 * CCI = (tp - SMA(tp)) / (0.015 * mean absolute deviation of tp from that SMA) over `period` bars;
 * warm-up `period - 1`; 0 when the deviation is 0 (a flat window), as TA-Lib.
 *
 * The mean deviation is, by definition, recomputed over the window: O(period) per update, the one
 * streaming indicator here that is not O(1) (TA-Lib does the same). The SMA is exact (see Sma).
 * A bar with a non-finite input makes the outputs whose window contains it undefined.
 */
export class Cci implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly typical: RollingSum;
  private current: number | undefined;

  constructor(period = 20) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.typical = new RollingSum(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number): number | undefined {
    const tp = (high + low + close) / 3;
    const typical = this.typical;
    typical.push(tp);
    if (!typical.isFull || typical.hasNonFinite) return (this.current = undefined);
    const mean = typical.mean();
    const deviation = typical.meanAbsoluteDeviation(mean);
    const distance = tp - mean;
    return (this.current = deviation === 0 || distance === 0 ? 0 : distance / (LAMBERT * deviation));
  }

  reset(): void {
    this.typical.reset();
    this.current = undefined;
  }
}

/** Batch CCI, bit-identical to `Cci`. */
export function cci(high: IndicatorInput, low: IndicatorInput, close: IndicatorInput, period = 20): Float64Array {
  const indicator = new Cci(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0) ?? Number.NaN;
  return out;
}

import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingMoments } from './rolling/rolling-moments.js';
import { uninitializedOutput } from './output.js';

/**
 * Rolling z-score of the newest input against its own window (the input included): (x - mean) /
 * population standard deviation over `period` inputs; warm-up `period - 1`. 0 on a flat window
 * (deviation 0). A non-finite input makes the outputs whose window contains it undefined.
 */
export class ZScore implements StreamingIndicator<number> {
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
    const mean = moments.mean();
    const deviation = Math.sqrt(moments.variance(mean));
    return (this.current = deviation === 0 ? 0 : (value - mean) / deviation);
  }

  reset(): void {
    this.moments.reset();
    this.current = undefined;
  }
}

/** Batch rolling z-score, bit-identical to `ZScore`. */
export function zScore(values: IndicatorInput, period: number): Float64Array {
  const indicator = new ZScore(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

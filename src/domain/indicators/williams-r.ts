import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingRange } from './rolling/rolling-range.js';
import { uninitializedOutput } from './output.js';

/**
 * Williams %R = -100 * (highest high - close) / (highest high - lowest low) over `period` bars,
 * TA-Lib WILLR (same order of operations); warm-up `period - 1`; range -100..0.
 * Convention differing from TA-Lib: a flat range gives -50 (the middle) where TA-Lib gives 0.
 * A bar with a non-finite input makes the outputs whose window contains it undefined.
 */
export class WilliamsR implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly range: RollingRange;
  private current: number | undefined;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.range = new RollingRange(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number): number | undefined {
    const range = this.range;
    range.push(high, close - close === 0 ? low : Number.NaN);
    if (!range.isFull) return (this.current = undefined);
    const highest = range.highest();
    const width = highest - range.lowest();
    if (width !== width) return (this.current = undefined);
    return (this.current = width === 0 ? -50 : ((highest - close) / width) * -100);
  }

  reset(): void {
    this.range.reset();
    this.current = undefined;
  }
}

/** Batch Williams %R, bit-identical to `WilliamsR`. */
export function williamsR(high: IndicatorInput, low: IndicatorInput, close: IndicatorInput, period = 14): Float64Array {
  const indicator = new WilliamsR(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0) ?? Number.NaN;
  return out;
}

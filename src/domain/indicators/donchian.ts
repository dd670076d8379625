import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { Bands, BandsValue } from './bollinger.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingRange } from './rolling/rolling-range.js';
import { uninitializedOutput } from './output.js';

/**
 * Donchian channel over `period` bars, the current bar included: upper = highest high, lower =
 * lowest low, middle = (upper + lower) / 2; warm-up `period - 1`. A bar with a non-finite high or low
 * makes the channels whose window contains it undefined.
 */
export class Donchian implements StreamingIndicator<BandsValue> {
  readonly period: number;
  readonly warmupPeriod: number;
  /** The channel after the latest update; NaN when it returned undefined. */
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  private readonly range: RollingRange;
  private current: BandsValue | undefined;

  constructor(period = 20) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.range = new RollingRange(period);
  }

  get value(): BandsValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `upper`, `middle` and `lower` hold values. */
  step(high: number, low: number): boolean {
    const range = this.range;
    range.push(high, low);
    const upper = range.highest();
    const lower = range.lowest();
    if (!range.isFull || upper !== upper || lower !== lower) {
      this.upper = this.middle = this.lower = Number.NaN;
      return false;
    }
    this.upper = upper;
    this.lower = lower;
    this.middle = (upper + lower) / 2;
    return true;
  }

  update(high: number, low: number): BandsValue | undefined {
    this.current = this.step(high, low) ? { upper: this.upper, middle: this.middle, lower: this.lower } : undefined;
    return this.current;
  }

  reset(): void {
    this.range.reset();
    this.upper = this.middle = this.lower = Number.NaN;
    this.current = undefined;
  }
}

/** Batch Donchian channel, bit-identical to `Donchian`. */
export function donchian(high: IndicatorInput, low: IndicatorInput, period = 20): Bands {
  const indicator = new Donchian(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const n = checkSameLength(h, 'high', [l, 'low']);
  const upper = uninitializedOutput(n);
  const middle = uninitializedOutput(n);
  const lower = uninitializedOutput(n);
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0);
    upper[i] = indicator.upper;
    middle[i] = indicator.middle;
    lower[i] = indicator.lower;
  }
  return { upper, middle, lower };
}

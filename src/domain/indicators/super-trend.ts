import { checkFactor, checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import { Atr } from './atr.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

export interface SuperTrendValue {
  /** The trailing stop line: the lower band in an up-trend, the upper band in a down-trend. */
  readonly value: number;
  /** +1 up-trend, -1 down-trend. */
  readonly direction: number;
}

export interface SuperTrendSeries {
  readonly value: Float64Array;
  readonly direction: Float64Array;
}

/**
 * SuperTrend (Olivier Seban), in the form of TradingView's documentation, ta4j and TA-Lib SUPERTREND:
 * basic bands hl2 +/- multiplier * ATR(period) (Wilder, TA-Lib seeding); each final band holds its
 * previous value unless the basic band tightens it or the previous close crossed it; the trend turns
 * down when the close falls below the final lower band and up when it rises above the final upper
 * band. Warm-up `period` (the ATR's); the first value is the lower band with an up-trend (TA-Lib's
 * seed; TradingView starts down-trend), the difference dying out at the first crossing.
 * A bar with a non-finite input is a missing bar (undefined; state carried over).
 */
export class SuperTrend implements StreamingIndicator<SuperTrendValue> {
  readonly period: number;
  readonly multiplier: number;
  readonly warmupPeriod: number;
  /** The line and direction after the latest update; NaN when it returned undefined. */
  line = Number.NaN;
  direction = Number.NaN;
  private readonly atr: Atr;
  private upper = Number.NaN;
  private lower = Number.NaN;
  private previousClose = Number.NaN;
  private trend = 1;
  private current: SuperTrendValue | undefined;

  constructor(period = 10, multiplier = 3) {
    this.period = checkPeriod('period', period);
    this.multiplier = checkFactor('multiplier', multiplier);
    this.warmupPeriod = period;
    this.atr = new Atr(period);
  }

  get value(): SuperTrendValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `line` and `direction` hold values. */
  step(high: number, low: number, close: number): boolean {
    this.line = this.direction = Number.NaN;
    const range = this.atr.update(high, low, close);
    if (range === undefined) return false;
    const middle = (high + low) / 2;
    const basicUpper = middle + this.multiplier * range;
    const basicLower = middle - this.multiplier * range;
    const previousClose = this.previousClose;
    this.previousClose = close;
    let trend: number;
    if (this.upper !== this.upper) {
      this.upper = basicUpper;
      this.lower = basicLower;
      trend = 1;
    } else {
      const wasUp = this.trend > 0;
      this.upper = basicUpper < this.upper || previousClose > this.upper ? basicUpper : this.upper;
      this.lower = basicLower > this.lower || previousClose < this.lower ? basicLower : this.lower;
      trend = wasUp ? (close < this.lower ? -1 : 1) : close > this.upper ? 1 : -1;
    }
    this.trend = trend;
    this.direction = trend;
    this.line = trend > 0 ? this.lower : this.upper;
    return true;
  }

  update(high: number, low: number, close: number): SuperTrendValue | undefined {
    this.current = this.step(high, low, close) ? { value: this.line, direction: this.direction } : undefined;
    return this.current;
  }

  reset(): void {
    this.atr.reset();
    this.upper = this.lower = this.previousClose = Number.NaN;
    this.trend = 1;
    this.line = this.direction = Number.NaN;
    this.current = undefined;
  }
}

/** Batch SuperTrend, bit-identical to `SuperTrend`. */
export function superTrend(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  period = 10,
  multiplier = 3,
): SuperTrendSeries {
  const indicator = new SuperTrend(period, multiplier);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const value = uninitializedOutput(n);
  const direction = uninitializedOutput(n);
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0);
    value[i] = indicator.line;
    direction[i] = indicator.direction;
  }
  return { value, direction };
}

import { checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Wilder's true range: max(high - low, |high - previous close|, |low - previous close|), TA-Lib TRANGE
 * (same comparison order); warm-up 1, since the first bar has no previous close. A bar with a
 * non-finite high, low or close is a missing bar (undefined; the previous close is kept).
 */
export class TrueRange implements StreamingIndicator<number> {
  readonly warmupPeriod = 1;
  private previousClose = Number.NaN;
  private current: number | undefined;

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number): number | undefined {
    if (high - high !== 0 || low - low !== 0 || close - close !== 0) return (this.current = undefined);
    const previous = this.previousClose;
    this.previousClose = close;
    if (previous !== previous) return (this.current = undefined);
    return (this.current = trueRangeOf(high, low, previous));
  }

  reset(): void {
    this.previousClose = Number.NaN;
    this.current = undefined;
  }
}

/** TA-Lib's TRUE_RANGE macro. */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
  let range = high - low;
  const up = Math.abs(high - previousClose);
  if (up > range) range = up;
  const down = Math.abs(low - previousClose);
  if (down > range) range = down;
  return range;
}

/** Batch true range, bit-identical to `TrueRange`. */
export function trueRange(high: IndicatorInput, low: IndicatorInput, close: IndicatorInput): Float64Array {
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const out = uninitializedOutput(n);
  const range = new TrueRange();
  for (let i = 0; i < n; i++) out[i] = range.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0) ?? Number.NaN;
  return out;
}

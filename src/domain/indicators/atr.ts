import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { allFinite, windowMean } from './rolling/window-mean.js';
import type { StreamingIndicator } from './indicator.js';
import { trueRangeOf } from './true-range.js';
import { uninitializedOutput } from './output.js';

/**
 * Wilder's Average True Range, TA-Lib ATR: seeded with the simple average of the first `period` true
 * ranges, then `atr = (atr * (period - 1) + tr) / period`; warm-up `period` (true range starts at bar
 * 1). A bar with a non-finite high, low or close is a missing bar: undefined, state carried over.
 */
export class Atr implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly seed: RollingSum;
  private previousClose = Number.NaN;
  private average = Number.NaN;
  private seeded = false;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period;
    this.seed = new RollingSum(period);
  }

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
    const range = trueRangeOf(high, low, previous);
    if (this.seeded) {
      this.average = (this.average * (this.period - 1) + range) / this.period;
      return (this.current = this.average);
    }
    this.seed.push(range);
    if (!this.seed.isFull) return (this.current = undefined);
    this.seeded = true;
    this.average = this.seed.mean();
    return (this.current = this.average);
  }

  reset(): void {
    this.seed.reset();
    this.previousClose = Number.NaN;
    this.average = Number.NaN;
    this.seeded = false;
    this.current = undefined;
  }
}

/**
 * Batch ATR, bit-identical to `Atr`; NaN during warm-up and at bars with a non-finite input.
 * @throws InvalidValueError for a bad period or columns of different lengths
 */
export function atr(high: IndicatorInput, low: IndicatorInput, close: IndicatorInput, period: number): Float64Array {
  checkPeriod('period', period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const out = uninitializedOutput(n);
  if (n <= period || !allFinite(h, 0, period + 1) || !allFinite(l, 0, period + 1) || !allFinite(c, 0, period + 1)) {
    return viaStreaming(h, l, c, period, out);
  }
  // Seed: the mean of the first `period` true ranges, parked in `out` meanwhile.
  for (let i = 1; i <= period; i++) out[i] = trueRangeOf(h[i] ?? 0, l[i] ?? 0, c[i - 1] ?? 0);
  let average = windowMean(out, 1, period);
  for (let i = 0; i < period; i++) out[i] = Number.NaN;
  out[period] = average;
  let previous = c[period] ?? 0;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const hi = h[i] ?? 0;
    const lo = l[i] ?? 0;
    const cl = c[i] ?? 0;
    if (hi - hi !== 0 || lo - lo !== 0 || cl - cl !== 0) {
      out[i] = Number.NaN;
      continue;
    }
    let range = hi - lo;
    const up = Math.abs(hi - previous);
    if (up > range) range = up;
    const down = Math.abs(lo - previous);
    if (down > range) range = down;
    previous = cl;
    average = (average * keep + range) / period;
    out[i] = average;
  }
  return out;
}

function viaStreaming(h: Float64Array, l: Float64Array, c: Float64Array, period: number, out: Float64Array): Float64Array {
  const indicator = new Atr(period);
  for (let i = 0; i < out.length; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0) ?? Number.NaN;
  return out;
}

import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { trueRangeOf } from './true-range.js';
import { uninitializedOutput } from './output.js';

export interface AdxValue {
  readonly adx: number;
  readonly plusDi: number;
  readonly minusDi: number;
}

export interface AdxSeries {
  readonly adx: Float64Array;
  readonly plusDi: Float64Array;
  readonly minusDi: Float64Array;
}

/**
 * Wilder's Average Directional Index with +DI and -DI, TA-Lib ADX / PLUS_DI / MINUS_DI:
 * - +DM = high - previous high when it exceeds both 0 and previous low - low, -DM symmetrically;
 * - +DM, -DM and the true range are summed over the first `period - 1` moves, then Wilder-smoothed
 *   as `s = s - s / period + x`; +DI = 100 * s(+DM) / s(TR), -DI likewise;
 * - DX = 100 * |+DI - -DI| / (+DI + -DI); ADX = mean of the first `period` DX, then
 *   `adx = (adx * (period - 1) + dx) / period`.
 * All three outputs start at warm-up 2 * period - 1 (TA-Lib's ADX lookback; +DI alone would be ready
 * at `period`).
 *
 * Conventions differing from TA-Lib: zero tests are exact (TA-Lib treats |x| < 1e-8 as zero, which
 * misreads very low-priced instruments), and a bar with no true range or no directional movement
 * counts as DI = 0 / DX = 0 where TA-Lib skips the ADX update. A bar with a non-finite input is a
 * missing bar (undefined; state carried over).
 */
export class Adx implements StreamingIndicator<AdxValue> {
  readonly period: number;
  readonly warmupPeriod: number;
  /** The outputs after the latest update; NaN when it returned undefined. */
  adx = Number.NaN;
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private previousClose = Number.NaN;
  /** Directional moves seen so far (bars after the first). */
  private moves = 0;
  private plusDm = 0;
  private minusDm = 0;
  private range = 0;
  private dxSum = 0;
  private average = Number.NaN;
  private current: AdxValue | undefined;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = 2 * period - 1;
  }

  get value(): AdxValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `adx`, `plusDi` and `minusDi` hold values. */
  step(high: number, low: number, close: number): boolean {
    this.adx = this.plusDi = this.minusDi = Number.NaN;
    if (high - high !== 0 || low - low !== 0 || close - close !== 0) return false;
    const previousHigh = this.previousHigh;
    const previousLow = this.previousLow;
    const previousClose = this.previousClose;
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    if (previousClose !== previousClose) return false;
    const up = high - previousHigh;
    const down = previousLow - low;
    const plusMove = up > 0 && up > down ? up : 0;
    const minusMove = down > 0 && down > up ? down : 0;
    const range = trueRangeOf(high, low, previousClose);
    const period = this.period;
    this.moves += 1;
    if (this.moves < period) {
      this.plusDm += plusMove;
      this.minusDm += minusMove;
      this.range += range;
      return false;
    }
    this.plusDm = this.plusDm - this.plusDm / period + plusMove;
    this.minusDm = this.minusDm - this.minusDm / period + minusMove;
    this.range = this.range - this.range / period + range;
    const plusDi = this.range === 0 ? 0 : 100 * (this.plusDm / this.range);
    const minusDi = this.range === 0 ? 0 : 100 * (this.minusDm / this.range);
    const diSum = plusDi + minusDi;
    const dx = diSum === 0 ? 0 : 100 * (Math.abs(minusDi - plusDi) / diSum);
    const dxCount = this.moves - period + 1;
    if (dxCount < period) {
      this.dxSum += dx;
      return false;
    }
    this.average = dxCount === period ? (this.dxSum + dx) / period : (this.average * (period - 1) + dx) / period;
    this.adx = this.average;
    this.plusDi = plusDi;
    this.minusDi = minusDi;
    return true;
  }

  update(high: number, low: number, close: number): AdxValue | undefined {
    this.current = this.step(high, low, close)
      ? { adx: this.adx, plusDi: this.plusDi, minusDi: this.minusDi }
      : undefined;
    return this.current;
  }

  reset(): void {
    this.previousHigh = this.previousLow = this.previousClose = Number.NaN;
    this.moves = 0;
    this.plusDm = this.minusDm = this.range = this.dxSum = 0;
    this.average = Number.NaN;
    this.adx = this.plusDi = this.minusDi = Number.NaN;
    this.current = undefined;
  }
}

/** Batch ADX with +DI and -DI, bit-identical to `Adx`. */
export function adx(high: IndicatorInput, low: IndicatorInput, close: IndicatorInput, period = 14): AdxSeries {
  const indicator = new Adx(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const out = { adx: uninitializedOutput(n), plusDi: uninitializedOutput(n), minusDi: uninitializedOutput(n) };
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0);
    out.adx[i] = indicator.adx;
    out.plusDi[i] = indicator.plusDi;
    out.minusDi[i] = indicator.minusDi;
  }
  return out;
}

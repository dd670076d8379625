import { checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * On-Balance Volume, TA-Lib OBV: starts at the first bar's volume, then adds the volume of a bar that
 * closes above the previous close and subtracts it for one that closes below; warm-up 0.
 * A bar with a non-finite close or volume is a missing bar (undefined; the running total and the
 * previous close carry over).
 */
export class Obv implements StreamingIndicator<number> {
  readonly warmupPeriod = 0;
  private previousClose = Number.NaN;
  private total = 0;
  private current: number | undefined;

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(close: number, volume: number): number | undefined {
    if (close - close !== 0 || volume - volume !== 0) return (this.current = undefined);
    const previous = this.previousClose;
    this.previousClose = close;
    if (previous !== previous) this.total = volume;
    else if (close > previous) this.total += volume;
    else if (close < previous) this.total -= volume;
    return (this.current = this.total);
  }

  reset(): void {
    this.previousClose = Number.NaN;
    this.total = 0;
    this.current = undefined;
  }
}

/** Batch OBV, bit-identical to `Obv`. */
export function obv(close: IndicatorInput, volume: IndicatorInput): Float64Array {
  const indicator = new Obv();
  const c = toFloat64(close, 'close');
  const v = toFloat64(volume, 'volume');
  const n = checkSameLength(c, 'close', [v, 'volume']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(c[i] ?? 0, v[i] ?? 0) ?? Number.NaN;
  return out;
}

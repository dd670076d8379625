import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { uninitializedOutput } from './output.js';

/**
 * Money Flow Index, TA-Lib MFI: typical price tp = (high + low + close) / 3, money flow tp * volume,
 * positive when tp rose from the previous bar, negative when it fell, neither when unchanged;
 * MFI = 100 * positive / (positive + negative) over the last `period` flows; warm-up `period`.
 * The flow sums are exact rolling sums (no drift).
 *
 * Convention differing from TA-Lib: no flow at all in the window gives 50 (TA-Lib: 0, and also 0
 * whenever the total flow is below 1). A bar with a non-finite input makes the outputs whose window
 * contains its flow undefined; the next bar's direction is measured from the last finite bar.
 */
export class Mfi implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly positive: RollingSum;
  private readonly negative: RollingSum;
  private previousTypical = Number.NaN;
  private current: number | undefined;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period;
    this.positive = new RollingSum(period);
    this.negative = new RollingSum(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number, volume: number): number | undefined {
    const tp = (high + low + close) / 3;
    const previous = this.previousTypical;
    if (tp - tp !== 0 || volume - volume !== 0) {
      if (previous === previous) {
        this.positive.push(Number.NaN);
        this.negative.push(Number.NaN);
      }
      return (this.current = undefined);
    }
    this.previousTypical = tp;
    if (previous !== previous) return (this.current = undefined);
    const flow = tp * volume;
    this.positive.push(tp > previous ? flow : 0);
    this.negative.push(tp < previous ? flow : 0);
    if (!this.positive.isFull || this.positive.hasNonFinite || this.negative.hasNonFinite) {
      return (this.current = undefined);
    }
    const up = this.positive.sum();
    const total = up + this.negative.sum();
    return (this.current = total === 0 ? 50 : 100 * (up / total));
  }

  reset(): void {
    this.positive.reset();
    this.negative.reset();
    this.previousTypical = Number.NaN;
    this.current = undefined;
  }
}

/** Batch MFI, bit-identical to `Mfi`. */
export function mfi(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  volume: IndicatorInput,
  period = 14,
): Float64Array {
  const indicator = new Mfi(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const v = toFloat64(volume, 'volume');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close'], [v, 'volume']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0, v[i] ?? 0) ?? Number.NaN;
  return out;
}

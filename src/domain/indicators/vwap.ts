import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { uninitializedOutput } from './output.js';

/**
 * Rolling volume-weighted average price over the last `period` bars: sum(tp * volume) / sum(volume)
 * with the typical price tp = (high + low + close) / 3; warm-up `period - 1`. Both sums are exact
 * rolling sums (no drift); a window in which every bar has the same typical price returns that price
 * exactly. Undefined when the window traded no volume, or holds a bar with a non-finite input.
 * For the VWAP that restarts each session, see SessionVwap.
 */
export class Vwap implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly turnover: RollingSum;
  private readonly volume: RollingSum;
  private readonly typical: RollingSum;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period - 1;
    this.turnover = new RollingSum(period);
    this.volume = new RollingSum(period);
    this.typical = new RollingSum(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number, volume: number): number | undefined {
    const tp = (high + low + close) / 3;
    const bad = tp - tp !== 0 || volume - volume !== 0;
    this.typical.push(bad ? Number.NaN : tp);
    this.turnover.push(bad ? Number.NaN : tp * volume);
    this.volume.push(bad ? Number.NaN : volume);
    if (!this.volume.isFull || this.volume.hasNonFinite) return (this.current = undefined);
    const traded = this.volume.sum();
    if (traded === 0) return (this.current = undefined);
    return (this.current = this.typical.isConstant ? tp : this.turnover.sum() / traded);
  }

  reset(): void {
    this.turnover.reset();
    this.volume.reset();
    this.typical.reset();
    this.current = undefined;
  }
}

/** Batch rolling VWAP, bit-identical to `Vwap`. */
export function vwap(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  volume: IndicatorInput,
  period: number,
): Float64Array {
  const indicator = new Vwap(period);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const v = toFloat64(volume, 'volume');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close'], [v, 'volume']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0, v[i] ?? 0) ?? Number.NaN;
  return out;
}

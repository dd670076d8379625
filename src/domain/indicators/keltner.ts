import { checkFactor, checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import { Atr } from './atr.js';
import type { Bands, BandsValue } from './bollinger.js';
import { Ema } from './ema.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Keltner channels, TA-Lib KC: middle = EMA(typical price, emaPeriod), upper/lower = middle +/-
 * multiplier * ATR(atrPeriod), tp = (high + low + close) / 3 (Keltner's typical price; StockCharts
 * uses the close). Warm-up max(emaPeriod - 1, atrPeriod); as in TA-Lib the leg with the shorter
 * warm-up starts late, so that both are seeded to end on that first bar (ta4j seeds differently; the
 * two converge). A bar with a non-finite input is a missing bar (undefined; state carried over).
 */
export class Keltner implements StreamingIndicator<BandsValue> {
  readonly emaPeriod: number;
  readonly atrPeriod: number;
  readonly multiplier: number;
  readonly warmupPeriod: number;
  /** The channel after the latest update; NaN when it returned undefined. */
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  private readonly ema: Ema;
  private readonly atr: Atr;
  private bars = 0;
  private current: BandsValue | undefined;

  constructor(emaPeriod = 20, atrPeriod = 10, multiplier = 2) {
    this.emaPeriod = checkPeriod('emaPeriod', emaPeriod);
    this.atrPeriod = checkPeriod('atrPeriod', atrPeriod);
    this.multiplier = checkFactor('multiplier', multiplier);
    this.warmupPeriod = Math.max(emaPeriod - 1, atrPeriod);
    this.ema = new Ema(emaPeriod);
    this.atr = new Atr(atrPeriod);
  }

  get value(): BandsValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `upper`, `middle` and `lower` hold values. */
  step(high: number, low: number, close: number): boolean {
    this.upper = this.middle = this.lower = Number.NaN;
    if (high - high !== 0 || low - low !== 0 || close - close !== 0) return false;
    const bar = this.bars++;
    const middle = bar >= this.warmupPeriod - (this.emaPeriod - 1) ? this.ema.update((high + low + close) / 3) : undefined;
    const range = bar >= this.warmupPeriod - this.atrPeriod ? this.atr.update(high, low, close) : undefined;
    if (middle === undefined || range === undefined) return false;
    const width = this.multiplier * range;
    this.middle = middle;
    this.upper = middle + width;
    this.lower = middle - width;
    return true;
  }

  update(high: number, low: number, close: number): BandsValue | undefined {
    this.current = this.step(high, low, close)
      ? { upper: this.upper, middle: this.middle, lower: this.lower }
      : undefined;
    return this.current;
  }

  reset(): void {
    this.ema.reset();
    this.atr.reset();
    this.bars = 0;
    this.upper = this.middle = this.lower = Number.NaN;
    this.current = undefined;
  }
}

/** Batch Keltner channels, bit-identical to `Keltner`. */
export function keltner(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  emaPeriod = 20,
  atrPeriod = 10,
  multiplier = 2,
): Bands {
  const indicator = new Keltner(emaPeriod, atrPeriod, multiplier);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const upper = uninitializedOutput(n);
  const middle = uninitializedOutput(n);
  const lower = uninitializedOutput(n);
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0);
    upper[i] = indicator.upper;
    middle[i] = indicator.middle;
    lower[i] = indicator.lower;
  }
  return { upper, middle, lower };
}

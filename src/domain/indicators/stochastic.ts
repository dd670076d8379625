import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingRange } from './rolling/rolling-range.js';
import { Sma } from './sma.js';
import { uninitializedOutput } from './output.js';

export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

export interface StochasticSeries {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

/**
 * Stochastic oscillator. Raw %K = 100 * (close - lowest low) / (highest high - lowest low) over
 * `kPeriod` bars; %K = SMA(raw, kSmoothing); %D = SMA(%K, dPeriod). Defaults 14/1/3 are the fast
 * stochastic (TradingView's defaults); TA-Lib STOCH(fastK, slowK, slowD) with SMAs is
 * `stochastic(h, l, c, fastK, slowK, slowD)`. Both outputs start together at warm-up
 * (kPeriod - 1) + (kSmoothing - 1) + (dPeriod - 1), as in TA-Lib.
 *
 * Convention differing from TA-Lib: a flat range (highest = lowest) gives raw %K = 50, the middle,
 * where TA-Lib gives 0. A bar with a non-finite input makes every output whose windows contain it
 * undefined.
 */
export class Stochastic implements StreamingIndicator<StochasticValue> {
  readonly kPeriod: number;
  readonly kSmoothing: number;
  readonly dPeriod: number;
  readonly warmupPeriod: number;
  /** The outputs after the latest update; NaN when it returned undefined. */
  k = Number.NaN;
  d = Number.NaN;
  private readonly range: RollingRange;
  private readonly kAverage: Sma;
  private readonly dAverage: Sma;
  private kFed = 0;
  private current: StochasticValue | undefined;

  constructor(kPeriod = 14, kSmoothing = 1, dPeriod = 3) {
    this.kPeriod = checkPeriod('kPeriod', kPeriod);
    this.kSmoothing = checkPeriod('kSmoothing', kSmoothing);
    this.dPeriod = checkPeriod('dPeriod', dPeriod);
    this.warmupPeriod = kPeriod + kSmoothing + dPeriod - 3;
    this.range = new RollingRange(kPeriod);
    this.kAverage = new Sma(kSmoothing);
    this.dAverage = new Sma(dPeriod);
  }

  get value(): StochasticValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `k` and `d` hold values. */
  step(high: number, low: number, close: number): boolean {
    const range = this.range;
    range.push(high, close - close === 0 ? low : Number.NaN);
    this.k = this.d = Number.NaN;
    if (!range.isFull) return false;
    const k = this.kAverage.update(stochasticOf(close, range.highest(), range.lowest(), 0));
    // Past its warm-up, an undefined %K means a non-finite bar: %D's window must see it too.
    if (this.kFed < this.kSmoothing) this.kFed += 1;
    if (k === undefined) {
      if (this.kFed >= this.kSmoothing) this.dAverage.update(Number.NaN);
      return false;
    }
    const d = this.dAverage.update(k);
    if (d === undefined) return false;
    this.k = k;
    this.d = d;
    return true;
  }

  update(high: number, low: number, close: number): StochasticValue | undefined {
    this.current = this.step(high, low, close) ? { k: this.k, d: this.d } : undefined;
    return this.current;
  }

  reset(): void {
    this.range.reset();
    this.kAverage.reset();
    this.dAverage.reset();
    this.kFed = 0;
    this.k = this.d = Number.NaN;
    this.current = undefined;
  }
}

/**
 * 100 * (value - lowest) / (highest - lowest); 50 when the range is not wider than `flatWidth`
 * (0 for prices; a small tolerance for computed series such as RSI); NaN for NaN inputs.
 */
export function stochasticOf(value: number, highest: number, lowest: number, flatWidth: number): number {
  const width = highest - lowest;
  if (width <= flatWidth) return value === value ? 50 : Number.NaN;
  return 100 * ((value - lowest) / width);
}

/** Batch stochastic, bit-identical to `Stochastic`. */
export function stochastic(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  kPeriod = 14,
  kSmoothing = 1,
  dPeriod = 3,
): StochasticSeries {
  const indicator = new Stochastic(kPeriod, kSmoothing, dPeriod);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close']);
  const k = uninitializedOutput(n);
  const d = uninitializedOutput(n);
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0);
    k[i] = indicator.k;
    d[i] = indicator.d;
  }
  return { k, d };
}

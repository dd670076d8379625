import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingRange } from './rolling/rolling-range.js';
import { Rsi } from './rsi.js';
import { Sma } from './sma.js';
import { stochasticOf, type StochasticSeries, type StochasticValue } from './stochastic.js';
import { uninitializedOutput } from './output.js';

/**
 * RSI values closer together than this (in RSI points) are rounding noise of a flat RSI, not a range:
 * dividing by such a width would turn the noise into full-scale swings (TA-Lib issue #107).
 */
const RSI_FLAT_WIDTH = 1e-10;

/**
 * Stochastic RSI: the stochastic oscillator applied to Wilder's RSI. Raw %K = 100 * (rsi - min) /
 * (max - min) over `stochPeriod` RSI values; %K = SMA(raw, kSmoothing); %D = SMA(%K, dPeriod).
 * Defaults 14/14/3/3 are TradingView's; TA-Lib STOCHRSI(period, fastK, fastD) with an SMA is
 * `stochRsi(values, period, fastK, 1, fastD)`. Warm-up rsiPeriod + stochPeriod + kSmoothing + dPeriod - 3,
 * both outputs together.
 *
 * A flat RSI window (width <= 1e-10) gives raw %K = 50 (TA-Lib: 0). A non-finite input is a missing
 * bar for the RSI, and the RSI it lacks makes the stochastic windows containing it undefined.
 */
export class StochRsi implements StreamingIndicator<StochasticValue> {
  readonly rsiPeriod: number;
  readonly stochPeriod: number;
  readonly kSmoothing: number;
  readonly dPeriod: number;
  readonly warmupPeriod: number;
  /** The outputs after the latest update; NaN when it returned undefined. */
  k = Number.NaN;
  d = Number.NaN;
  private readonly rsi: Rsi;
  private readonly range: RollingRange;
  private readonly kAverage: Sma;
  private readonly dAverage: Sma;
  private rsiStarted = false;
  private rawFed = 0;
  private current: StochasticValue | undefined;

  constructor(rsiPeriod = 14, stochPeriod = 14, kSmoothing = 3, dPeriod = 3) {
    this.rsiPeriod = checkPeriod('rsiPeriod', rsiPeriod);
    this.stochPeriod = checkPeriod('stochPeriod', stochPeriod);
    this.kSmoothing = checkPeriod('kSmoothing', kSmoothing);
    this.dPeriod = checkPeriod('dPeriod', dPeriod);
    this.warmupPeriod = rsiPeriod + stochPeriod + kSmoothing + dPeriod - 3;
    this.rsi = new Rsi(rsiPeriod);
    this.range = new RollingRange(stochPeriod);
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
  step(value: number): boolean {
    this.k = this.d = Number.NaN;
    const rsi = this.rsi.update(value);
    if (rsi !== undefined) this.rsiStarted = true;
    if (!this.rsiStarted) return false;
    const level = rsi ?? Number.NaN;
    this.range.push(level, level);
    if (!this.range.isFull) return false;
    const raw = stochasticOf(level, this.range.highest(), this.range.lowest(), RSI_FLAT_WIDTH);
    const k = this.kAverage.update(raw);
    if (this.rawFed < this.kSmoothing) this.rawFed += 1;
    // Past its warm-up, an undefined %K means a missing RSI: %D's window must see it too.
    if (k === undefined) {
      if (this.rawFed >= this.kSmoothing) this.dAverage.update(Number.NaN);
      return false;
    }
    const d = this.dAverage.update(k);
    if (d === undefined) return false;
    this.k = k;
    this.d = d;
    return true;
  }

  update(value: number): StochasticValue | undefined {
    this.current = this.step(value) ? { k: this.k, d: this.d } : undefined;
    return this.current;
  }

  reset(): void {
    this.rsi.reset();
    this.range.reset();
    this.kAverage.reset();
    this.dAverage.reset();
    this.rsiStarted = false;
    this.rawFed = 0;
    this.k = this.d = Number.NaN;
    this.current = undefined;
  }
}

/** Batch stochastic RSI, bit-identical to `StochRsi`. */
export function stochRsi(
  values: IndicatorInput,
  rsiPeriod = 14,
  stochPeriod = 14,
  kSmoothing = 3,
  dPeriod = 3,
): StochasticSeries {
  const indicator = new StochRsi(rsiPeriod, stochPeriod, kSmoothing, dPeriod);
  const x = toFloat64(values, 'values');
  const k = uninitializedOutput(x.length);
  const d = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) {
    indicator.step(x[i] ?? 0);
    k[i] = indicator.k;
    d[i] = indicator.d;
  }
  return { k, d };
}

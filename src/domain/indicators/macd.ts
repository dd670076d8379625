import { checkGreater, checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { Ema } from './ema.js';
import { allFinite, windowMean } from './rolling/window-mean.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

export interface MacdSeries {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

/**
 * MACD with standard EMA smoothing (alpha = 2 / (n + 1) for all three averages; not Tulip's fixed
 * 0.15 / 0.075), TA-Lib MACD: macd = EMA(fast) - EMA(slow), signal = EMA(signal) of macd,
 * histogram = macd - signal.
 *
 * Seeding as TA-Lib: both averages start on the same bar (the slow one's first), the fast EMA's seed
 * being the SMA of the `fast` inputs ending there, so it skips the first `slow - fast` inputs. The
 * signal is seeded with the SMA of the first `signal` macd values. All three outputs start together
 * at warm-up `slow + signal - 2` (33 for 12/26/9). Non-finite inputs are missing bars (skipped).
 */
export class Macd implements StreamingIndicator<MacdValue> {
  readonly fast: number;
  readonly slow: number;
  readonly signalPeriod: number;
  readonly warmupPeriod: number;
  /** The outputs after the latest update; NaN when it returned undefined. Read these to avoid allocating. */
  macd = Number.NaN;
  signal = Number.NaN;
  histogram = Number.NaN;
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private skipped = 0;
  private current: MacdValue | undefined;

  constructor(fast = 12, slow = 26, signal = 9) {
    this.fast = checkPeriod('fast', fast);
    this.slow = checkGreater('slow', checkPeriod('slow', slow), 'fast', fast);
    this.signalPeriod = checkPeriod('signal', signal);
    this.warmupPeriod = slow + signal - 2;
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  get value(): MacdValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when `macd`, `signal` and `histogram` hold values. */
  step(value: number): boolean {
    this.macd = this.signal = this.histogram = Number.NaN;
    if (value - value !== 0) return false;
    const slow = this.slowEma.update(value);
    let fast: number | undefined;
    if (this.skipped < this.slow - this.fast) this.skipped += 1;
    else fast = this.fastEma.update(value);
    if (slow === undefined || fast === undefined) return false;
    const line = fast - slow;
    const signal = this.signalEma.update(line);
    if (signal === undefined) return false;
    this.macd = line;
    this.signal = signal;
    this.histogram = line - signal;
    return true;
  }

  update(value: number): MacdValue | undefined {
    this.current = this.step(value)
      ? { macd: this.macd, signal: this.signal, histogram: this.histogram }
      : undefined;
    return this.current;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.skipped = 0;
    this.macd = this.signal = this.histogram = Number.NaN;
    this.current = undefined;
  }
}

/** Batch MACD, bit-identical to `Macd`; NaN during warm-up and at non-finite inputs. */
export function macd(values: IndicatorInput, fast = 12, slow = 26, signal = 9): MacdSeries {
  checkPeriod('fast', fast);
  checkGreater('slow', checkPeriod('slow', slow), 'fast', fast);
  checkPeriod('signal', signal);
  const x = toFloat64(values, 'values');
  const n = x.length;
  const line = uninitializedOutput(n);
  const signalLine = uninitializedOutput(n);
  const histogram = uninitializedOutput(n);
  const first = slow - 1;
  const ready = slow + signal - 2;
  if (n <= ready || !allFinite(x, 0, ready + 1)) return viaStreaming(x, fast, slow, signal, { macd: line, signal: signalLine, histogram });
  const fastAlpha = 2 / (fast + 1);
  const slowAlpha = 2 / (slow + 1);
  const signalAlpha = 2 / (signal + 1);
  // Seeds as Ema's: the SMAs of the slow and fast periods ending on the same bar (TA-Lib), then the
  // SMA of the first `signal` MACD values, parked in `line` meanwhile.
  let slowEma = windowMean(x, 0, slow);
  let fastEma = windowMean(x, slow - fast, fast);
  line[first] = fastEma - slowEma;
  for (let i = first + 1; i <= ready; i++) {
    const v = x[i] ?? 0;
    slowEma = (v - slowEma) * slowAlpha + slowEma;
    fastEma = (v - fastEma) * fastAlpha + fastEma;
    line[i] = fastEma - slowEma;
  }
  let signalEma = windowMean(line, first, signal);
  const m0 = line[ready] ?? 0;
  for (let i = 0; i < ready; i++) line[i] = signalLine[i] = histogram[i] = Number.NaN;
  signalLine[ready] = signalEma;
  histogram[ready] = m0 - signalEma;
  for (let i = ready + 1; i < n; i++) {
    const v = x[i] ?? 0;
    if (v - v !== 0) {
      line[i] = signalLine[i] = histogram[i] = Number.NaN;
      continue;
    }
    slowEma = (v - slowEma) * slowAlpha + slowEma;
    fastEma = (v - fastEma) * fastAlpha + fastEma;
    const m = fastEma - slowEma;
    signalEma = (m - signalEma) * signalAlpha + signalEma;
    line[i] = m;
    signalLine[i] = signalEma;
    histogram[i] = m - signalEma;
  }
  return { macd: line, signal: signalLine, histogram };
}

function viaStreaming(x: Float64Array, fast: number, slow: number, signal: number, out: MacdSeries): MacdSeries {
  const indicator = new Macd(fast, slow, signal);
  for (let i = 0; i < x.length; i++) {
    indicator.step(x[i] ?? 0);
    out.macd[i] = indicator.macd;
    out.signal[i] = indicator.signal;
    out.histogram[i] = indicator.histogram;
  }
  return out;
}

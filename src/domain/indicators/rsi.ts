import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { RollingSum } from './rolling/rolling-sum.js';
import { allFinite, windowMean } from './rolling/window-mean.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Wilder's Relative Strength Index, TA-Lib RSI (default compatibility): the average gain and loss are
 * seeded with the simple averages of the first `period` changes, then smoothed as
 * `avg = (avg * (period - 1) + change) / period`; RSI = 100 * avgGain / (avgGain + avgLoss).
 * Warm-up `period` (the first change needs two inputs).
 *
 * Convention differing from TA-Lib: when there was neither a gain nor a loss (a flat market) the RSI
 * is 50, the neutral reading, where TA-Lib returns 0 (which would read as "oversold").
 * A non-finite input is a missing bar: undefined for that update, state carried over, and the next
 * change is measured from the last finite input.
 */
export class Rsi implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly seedGain: RollingSum;
  private readonly seedLoss: RollingSum;
  private previous = Number.NaN;
  private avgGain = 0;
  private avgLoss = 0;
  private seeded = false;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period;
    this.seedGain = new RollingSum(period);
    this.seedLoss = new RollingSum(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    if (value - value !== 0) return (this.current = undefined);
    const previous = this.previous;
    this.previous = value;
    if (previous !== previous) return (this.current = undefined);
    const change = value - previous;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (this.seeded) {
      const period = this.period;
      this.avgGain = (this.avgGain * (period - 1) + gain) / period;
      this.avgLoss = (this.avgLoss * (period - 1) + loss) / period;
    } else {
      this.seedGain.push(gain);
      this.seedLoss.push(loss);
      if (!this.seedGain.isFull) return (this.current = undefined);
      this.seeded = true;
      this.avgGain = this.seedGain.mean();
      this.avgLoss = this.seedLoss.mean();
    }
    return (this.current = rsiOf(this.avgGain, this.avgLoss));
  }

  reset(): void {
    this.seedGain.reset();
    this.seedLoss.reset();
    this.previous = Number.NaN;
    this.avgGain = 0;
    this.avgLoss = 0;
    this.seeded = false;
    this.current = undefined;
  }
}

function rsiOf(avgGain: number, avgLoss: number): number {
  const total = avgGain + avgLoss;
  return total === 0 ? 50 : 100 * (avgGain / total);
}

/** Batch RSI, bit-identical to `Rsi`; NaN during warm-up and at non-finite inputs. */
export function rsi(values: IndicatorInput, period: number): Float64Array {
  checkPeriod('period', period);
  const x = toFloat64(values, 'values');
  const n = x.length;
  const out = uninitializedOutput(n);
  if (n <= period || !allFinite(x, 0, period + 1)) return viaStreaming(x, period, out);
  // Seed: the mean gain and mean loss of the first `period` changes, parked in `out` meanwhile.
  for (let i = 1; i <= period; i++) out[i] = Math.max((x[i] ?? 0) - (x[i - 1] ?? 0), 0);
  let avgGain = windowMean(out, 1, period);
  for (let i = 1; i <= period; i++) out[i] = Math.max((x[i - 1] ?? 0) - (x[i] ?? 0), 0);
  let avgLoss = windowMean(out, 1, period);
  for (let i = 0; i < period; i++) out[i] = Number.NaN;
  out[period] = rsiOf(avgGain, avgLoss);
  let previous = x[period] ?? 0;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const v = x[i] ?? 0;
    if (v - v !== 0) {
      out[i] = Number.NaN;
      continue;
    }
    const change = v - previous;
    previous = v;
    avgGain = (avgGain * keep + (change > 0 ? change : 0)) / period;
    avgLoss = (avgLoss * keep + (change < 0 ? -change : 0)) / period;
    const total = avgGain + avgLoss;
    out[i] = total === 0 ? 50 : 100 * (avgGain / total);
  }
  return out;
}

function viaStreaming(x: Float64Array, period: number, out: Float64Array): Float64Array {
  const indicator = new Rsi(period);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { Lag } from './rolling/lag.js';
import { uninitializedOutput } from './output.js';

/**
 * Rate of change in percent = (x / x[period bars ago] - 1) * 100, TA-Lib ROC (same order of
 * operations); warm-up `period`. Undefined when either bar is non-finite, and when the earlier value
 * is 0 (TA-Lib returns 0 there, which reads as "no change").
 */
export class Roc implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly lag: Lag;
  private current: number | undefined;

  constructor(period = 10) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = period;
    this.lag = new Lag(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    const before = this.lag.push(value);
    if (value - value !== 0 || before - before !== 0 || before === 0) return (this.current = undefined);
    return (this.current = (value / before - 1) * 100);
  }

  reset(): void {
    this.lag.reset();
    this.current = undefined;
  }
}

/** Batch rate of change, bit-identical to `Roc`. */
export function roc(values: IndicatorInput, period = 10): Float64Array {
  const indicator = new Roc(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { Lag } from './rolling/lag.js';
import { uninitializedOutput } from './output.js';

/**
 * Momentum = x - x[period bars ago], TA-Lib MOM; warm-up `period`. It depends on those two bars only:
 * the output is undefined when either is non-finite.
 */
export class Momentum implements StreamingIndicator<number> {
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
    if (value - value !== 0 || before - before !== 0) return (this.current = undefined);
    return (this.current = value - before);
  }

  reset(): void {
    this.lag.reset();
    this.current = undefined;
  }
}

/** Batch momentum, bit-identical to `Momentum`. */
export function momentum(values: IndicatorInput, period = 10): Float64Array {
  const indicator = new Momentum(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

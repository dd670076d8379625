import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { Ema } from './ema.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Double EMA, TA-Lib DEMA: 2 * EMA(x) - EMA(EMA(x)), both EMAs seeded as Ema (SMA seed);
 * warm-up 2 * (period - 1). Non-finite inputs are missing bars, as for Ema.
 */
export class Dema implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly first: Ema;
  private readonly second: Ema;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = 2 * (period - 1);
    this.first = new Ema(period);
    this.second = new Ema(period);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(value: number): number | undefined {
    const first = this.first.update(value);
    if (first === undefined) return (this.current = undefined);
    const second = this.second.update(first);
    return (this.current = second === undefined ? undefined : 2 * first - second);
  }

  reset(): void {
    this.first.reset();
    this.second.reset();
    this.current = undefined;
  }
}

/** Batch DEMA, bit-identical to `Dema`. */
export function dema(values: IndicatorInput, period: number): Float64Array {
  const indicator = new Dema(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

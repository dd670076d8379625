import { checkPeriod, toFloat64, type IndicatorInput } from './arguments.js';
import { Ema } from './ema.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Triple EMA, TA-Lib TEMA: 3 * E1 - 3 * E2 + E3 with E2 = EMA(E1), E3 = EMA(E2) (TA-Lib's order of
 * operations: E3 + (3 * E1 - 3 * E2)); warm-up 3 * (period - 1). Non-finite inputs: as Ema.
 */
export class Tema implements StreamingIndicator<number> {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly first: Ema;
  private readonly second: Ema;
  private readonly third: Ema;
  private current: number | undefined;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmupPeriod = 3 * (period - 1);
    this.first = new Ema(period);
    this.second = new Ema(period);
    this.third = new Ema(period);
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
    if (second === undefined) return (this.current = undefined);
    const third = this.third.update(second);
    return (this.current = third === undefined ? undefined : third + (3 * first - 3 * second));
  }

  reset(): void {
    this.first.reset();
    this.second.reset();
    this.third.reset();
    this.current = undefined;
  }
}

/** Batch TEMA, bit-identical to `Tema`. */
export function tema(values: IndicatorInput, period: number): Float64Array {
  const indicator = new Tema(period);
  const x = toFloat64(values, 'values');
  const out = uninitializedOutput(x.length);
  for (let i = 0; i < x.length; i++) out[i] = indicator.update(x[i] ?? 0) ?? Number.NaN;
  return out;
}

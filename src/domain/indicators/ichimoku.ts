import { checkPeriod, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import type { StreamingIndicator } from './indicator.js';
import { RollingRange } from './rolling/rolling-range.js';
import { uninitializedOutput } from './output.js';

export interface IchimokuValue {
  /** Tenkan-sen: midpoint of the highest high and lowest low over `conversionPeriod` bars. */
  readonly conversion: number;
  /** Kijun-sen: the same midpoint over `basePeriod` bars. */
  readonly base: number;
  /** Senkou span A: (conversion + base) / 2, as computed on this bar. */
  readonly spanA: number;
  /** Senkou span B: the midpoint over `spanBPeriod` bars, as computed on this bar. */
  readonly spanB: number;
}

export interface IchimokuSeries {
  readonly conversion: Float64Array;
  readonly base: Float64Array;
  readonly spanA: Float64Array;
  readonly spanB: Float64Array;
}

/**
 * Ichimoku Kinko Hyo lines (Hosoda; defaults 9/26/52), each value computed from bars up to the
 * current one only. Charts draw the spans `displacement` (usually 26) bars ahead: the cloud in force
 * at bar i is spanA[i - 26] / spanB[i - 26]. The lagging span (chikou) is the close drawn 26 bars back;
 * it reads the future if used on bar i, so it is not offered. All four lines start together at warm-up
 * spanBPeriod - 1. A bar with a non-finite high or low makes the lines whose windows contain it
 * undefined.
 */
export class Ichimoku implements StreamingIndicator<IchimokuValue> {
  readonly conversionPeriod: number;
  readonly basePeriod: number;
  readonly spanBPeriod: number;
  readonly warmupPeriod: number;
  /** The lines after the latest update; NaN when it returned undefined. */
  conversion = Number.NaN;
  base = Number.NaN;
  spanA = Number.NaN;
  spanB = Number.NaN;
  private readonly conversionRange: RollingRange;
  private readonly baseRange: RollingRange;
  private readonly spanBRange: RollingRange;
  private current: IchimokuValue | undefined;

  constructor(conversionPeriod = 9, basePeriod = 26, spanBPeriod = 52) {
    this.conversionPeriod = checkPeriod('conversionPeriod', conversionPeriod);
    this.basePeriod = checkPeriod('basePeriod', basePeriod);
    this.spanBPeriod = checkPeriod('spanBPeriod', spanBPeriod);
    this.warmupPeriod = Math.max(conversionPeriod, basePeriod, spanBPeriod) - 1;
    this.conversionRange = new RollingRange(conversionPeriod);
    this.baseRange = new RollingRange(basePeriod);
    this.spanBRange = new RollingRange(spanBPeriod);
  }

  get value(): IchimokuValue | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  /** Advances without allocating; true when the four line fields hold values. */
  step(high: number, low: number): boolean {
    this.conversionRange.push(high, low);
    this.baseRange.push(high, low);
    this.spanBRange.push(high, low);
    this.conversion = this.base = this.spanA = this.spanB = Number.NaN;
    if (!this.conversionRange.isFull || !this.baseRange.isFull || !this.spanBRange.isFull) return false;
    const conversion = midpoint(this.conversionRange);
    const base = midpoint(this.baseRange);
    const spanB = midpoint(this.spanBRange);
    if (conversion !== conversion || base !== base || spanB !== spanB) return false;
    this.conversion = conversion;
    this.base = base;
    this.spanA = (conversion + base) / 2;
    this.spanB = spanB;
    return true;
  }

  update(high: number, low: number): IchimokuValue | undefined {
    this.current = this.step(high, low)
      ? { conversion: this.conversion, base: this.base, spanA: this.spanA, spanB: this.spanB }
      : undefined;
    return this.current;
  }

  reset(): void {
    this.conversionRange.reset();
    this.baseRange.reset();
    this.spanBRange.reset();
    this.conversion = this.base = this.spanA = this.spanB = Number.NaN;
    this.current = undefined;
  }
}

function midpoint(range: RollingRange): number {
  return (range.highest() + range.lowest()) / 2;
}

/** Batch Ichimoku lines, bit-identical to `Ichimoku` (undisplaced: see the class). */
export function ichimoku(
  high: IndicatorInput,
  low: IndicatorInput,
  conversionPeriod = 9,
  basePeriod = 26,
  spanBPeriod = 52,
): IchimokuSeries {
  const indicator = new Ichimoku(conversionPeriod, basePeriod, spanBPeriod);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const n = checkSameLength(h, 'high', [l, 'low']);
  const out = {
    conversion: uninitializedOutput(n),
    base: uninitializedOutput(n),
    spanA: uninitializedOutput(n),
    spanB: uninitializedOutput(n),
  };
  for (let i = 0; i < n; i++) {
    indicator.step(h[i] ?? 0, l[i] ?? 0);
    out.conversion[i] = indicator.conversion;
    out.base[i] = indicator.base;
    out.spanA[i] = indicator.spanA;
    out.spanB[i] = indicator.spanB;
  }
  return out;
}

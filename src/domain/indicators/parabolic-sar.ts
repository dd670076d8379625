import { checkFactor, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import { InvalidValueError } from '../errors.js';
import type { StreamingIndicator } from './indicator.js';
import { uninitializedOutput } from './output.js';

/**
 * Wilder's Parabolic SAR, TA-Lib SAR: acceleration factor starting at `acceleration`, raised by it at
 * each new extreme up to `maximum`; warm-up 1. As TA-Lib, the first trend is short when the second
 * bar's -DM is positive (its low broke the first bar's low by more than its high rose) and long
 * otherwise, the first SAR being the first bar's low (long) or high (short); the SAR never enters the
 * current or previous bar's range, and on a reversal it restarts at the previous extreme point.
 * Each value is the stop for the bar it is reported on. A bar with a non-finite high or low is a
 * missing bar (undefined; state carried over).
 */
export class ParabolicSar implements StreamingIndicator<number> {
  readonly acceleration: number;
  readonly maximum: number;
  readonly warmupPeriod = 1;
  private bars = 0;
  private long = true;
  private sar = Number.NaN;
  private extreme = Number.NaN;
  private factor = 0;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private current: number | undefined;

  constructor(acceleration = 0.02, maximum = 0.2) {
    this.acceleration = checkFactor('acceleration', acceleration);
    this.maximum = checkFactor('maximum', maximum);
    if (maximum < acceleration) {
      throw new InvalidValueError('argument', 'maximum', maximum, `a number >= ${acceleration} (acceleration)`);
    }
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number): number | undefined {
    if (high - high !== 0 || low - low !== 0) return (this.current = undefined);
    if (this.bars++ === 0) {
      this.previousHigh = high;
      this.previousLow = low;
      return (this.current = undefined);
    }
    let previousHigh = this.previousHigh;
    let previousLow = this.previousLow;
    if (this.bars === 2) {
      const up = high - previousHigh;
      const down = previousLow - low;
      this.long = !(down > 0 && up < down);
      this.sar = this.long ? previousLow : previousHigh;
      this.extreme = this.long ? high : low;
      this.factor = this.acceleration;
      // TA-Lib compares the first reported bar with itself rather than with the bar before.
      previousHigh = high;
      previousLow = low;
    }
    this.previousHigh = high;
    this.previousLow = low;
    let reported: number;
    let sar = this.sar;
    if (this.long) {
      if (low <= sar) {
        this.long = false;
        sar = Math.max(this.extreme, previousHigh, high);
        reported = sar;
        this.factor = this.acceleration;
        this.extreme = low;
        sar = Math.max(sar + this.factor * (this.extreme - sar), previousHigh, high);
      } else {
        reported = sar;
        if (high > this.extreme) {
          this.extreme = high;
          this.factor = Math.min(this.factor + this.acceleration, this.maximum);
        }
        sar = Math.min(sar + this.factor * (this.extreme - sar), previousLow, low);
      }
    } else if (high >= sar) {
      this.long = true;
      sar = Math.min(this.extreme, previousLow, low);
      reported = sar;
      this.factor = this.acceleration;
      this.extreme = high;
      sar = Math.min(sar + this.factor * (this.extreme - sar), previousLow, low);
    } else {
      reported = sar;
      if (low < this.extreme) {
        this.extreme = low;
        this.factor = Math.min(this.factor + this.acceleration, this.maximum);
      }
      sar = Math.max(sar + this.factor * (this.extreme - sar), previousHigh, high);
    }
    this.sar = sar;
    return (this.current = reported);
  }

  reset(): void {
    this.bars = 0;
    this.long = true;
    this.sar = this.extreme = Number.NaN;
    this.factor = 0;
    this.previousHigh = this.previousLow = Number.NaN;
    this.current = undefined;
  }
}

/** Batch Parabolic SAR, bit-identical to `ParabolicSar`. */
export function parabolicSar(high: IndicatorInput, low: IndicatorInput, acceleration = 0.02, maximum = 0.2): Float64Array {
  const indicator = new ParabolicSar(acceleration, maximum);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const n = checkSameLength(h, 'high', [l, 'low']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0) ?? Number.NaN;
  return out;
}

import { RollingMax } from './rolling-max.js';

/** Highest high and lowest low of the last `period` bars (Donchian, stochastics, Williams %R, Ichimoku). */
export class RollingRange {
  readonly period: number;
  private readonly highs: RollingMax;
  private readonly negatedLows: RollingMax;

  constructor(period: number) {
    this.period = period;
    this.highs = new RollingMax(period);
    this.negatedLows = new RollingMax(period);
  }

  get isFull(): boolean {
    return this.highs.isFull;
  }

  /** A bar with a non-finite high or low makes both extremes NaN while it is in the window. */
  push(high: number, low: number): void {
    const bad = high - high !== 0 || low - low !== 0;
    this.highs.push(bad ? Number.NaN : high);
    this.negatedLows.push(bad ? Number.NaN : -low);
  }

  highest(): number {
    return this.highs.max();
  }

  lowest(): number {
    return -this.negatedLows.max();
  }

  reset(): void {
    this.highs.reset();
    this.negatedLows.reset();
  }
}

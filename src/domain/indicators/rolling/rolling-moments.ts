import { RollingSum } from './rolling-sum.js';
import { varianceFromMeans } from './variance.js';

/**
 * Exact rolling sums of a window's values and of their squares, for its mean and population
 * variance (see variance.ts for the accuracy and rolling-sum.ts for why equal windows agree).
 * A window of equal values has variance exactly 0.
 */
export class RollingMoments {
  readonly period: number;
  private readonly values: RollingSum;
  private readonly squares: RollingSum;

  constructor(period: number) {
    this.period = period;
    this.values = new RollingSum(period);
    this.squares = new RollingSum(period);
  }

  get isFull(): boolean {
    return this.values.isFull;
  }

  get hasNonFinite(): boolean {
    return this.values.hasNonFinite || this.squares.hasNonFinite;
  }

  push(x: number): void {
    this.values.push(x);
    this.squares.push(x * x);
  }

  mean(): number {
    return this.values.mean();
  }

  /** Population variance of the (full) window, given its `mean()`. */
  variance(mean: number): number {
    if (this.values.isConstant) return 0;
    const variance = varianceFromMeans(this.squares.mean(), mean);
    return variance === variance ? variance : this.values.varianceAround(mean);
  }

  reset(): void {
    this.values.reset();
    this.squares.reset();
  }
}

/**
 * What every streaming indicator offers besides its own `update(...)`, whose inputs differ (a close;
 * a high, low and close; ...). `update` advances by one bar in O(1) (CCI: O(period), see cci.ts) and
 * returns the new value, or undefined while warming up or while a non-finite input is in play.
 *
 * The batch function of the same name computes the same numbers over whole arrays: batch[i] equals
 * the (i+1)-th update's result, bit for bit, with NaN where update returns undefined.
 */
export interface StreamingIndicator<TValue> {
  /**
   * Inputs consumed before the first value: the first defined value comes from update number
   * `warmupPeriod + 1`, and batch outputs are NaN at indices below `warmupPeriod` (TA-Lib's lookback).
   */
  readonly warmupPeriod: number;
  /** The latest update's result. */
  readonly value: TValue | undefined;
  /** `value !== undefined`. */
  readonly isReady: boolean;
  /** Forgets every input, as if newly constructed. */
  reset(): void;
}

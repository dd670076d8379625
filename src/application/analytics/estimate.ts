/**
 * A statistic, or why the sample cannot support it. Reports show `null` with the reason instead of an
 * absurd number (a Sharpe ratio from five days, a profit factor with no losing trade).
 */
export type Estimate = { readonly value: number; readonly reason?: undefined } | { readonly value: null; readonly reason: string };

/** A computed value; a non-finite one (an overflow, 0/0) becomes unsupported, so NaN and Infinity never leak. */
export function estimate(value: number): Estimate {
  return Number.isFinite(value) ? { value } : { value: null, reason: `the computation gave ${String(value)}, not a finite number` };
}

export function unsupported(reason: string): Estimate {
  return { value: null, reason };
}

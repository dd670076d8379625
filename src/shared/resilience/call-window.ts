/** Counts of the calls a sliding window holds. Successes are `calls - failedCalls`. */
export interface CallTotals {
  readonly calls: number;
  readonly failedCalls: number;
  readonly slowCalls: number;
  readonly slowFailedCalls: number;
}

/**
 * A Resilience4j sliding window: it aggregates call outcomes and answers with running totals in O(1),
 * subtracting what falls out of the window instead of re-counting.
 */
export interface SlidingWindow {
  record(failed: boolean, slow: boolean, nowMs: number): CallTotals;
  totals(nowMs: number): CallTotals;
}

/** A mutable aggregate of outcomes: a window's running total and a time window's bucket. */
export class Tally implements CallTotals {
  calls = 0;
  failedCalls = 0;
  slowCalls = 0;
  slowFailedCalls = 0;

  add(failed: boolean, slow: boolean, sign: 1 | -1 = 1): void {
    this.calls += sign;
    if (failed) this.failedCalls += sign;
    if (slow) this.slowCalls += sign;
    if (failed && slow) this.slowFailedCalls += sign;
  }

  subtract(other: CallTotals): void {
    this.calls -= other.calls;
    this.failedCalls -= other.failedCalls;
    this.slowCalls -= other.slowCalls;
    this.slowFailedCalls -= other.slowFailedCalls;
  }

  clear(): void {
    this.calls = 0;
    this.failedCalls = 0;
    this.slowCalls = 0;
    this.slowFailedCalls = 0;
  }

  snapshot(): CallTotals {
    const { calls, failedCalls, slowCalls, slowFailedCalls } = this;
    return { calls, failedCalls, slowCalls, slowFailedCalls };
  }
}

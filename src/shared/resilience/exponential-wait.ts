import { checkMs, invalidOption } from './option-checks.js';

/**
 * A growing wait in OPEN state, Resilience4j's `IntervalFunction.ofExponentialBackoff`: `initialMs` after
 * the first opening, times `multiplier` for each reopening in a row (a failed HALF_OPEN), capped at
 * `maxMs`. Closing the circuit starts again from `initialMs`.
 *
 * @example
 * const waitDurationInOpenStateMs = exponentialWait({ initialMs: 5_000, maxMs: 300_000 });
 * new CircuitBreaker({ name: 'binance', waitDurationInOpenStateMs }); // 5 s, 10 s, 20 s ... 300 s
 */
export function exponentialWait({
  initialMs,
  multiplier = 2,
  maxMs = Infinity,
}: {
  readonly initialMs: number;
  readonly multiplier?: number;
  readonly maxMs?: number;
}): (openCount: number) => number {
  checkMs('exponential wait', 'initialMs', initialMs);
  checkMs('exponential wait', 'maxMs', maxMs, { infinite: true });
  if (!(multiplier >= 1 && Number.isFinite(multiplier))) {
    throw invalidOption('exponential wait', 'multiplier', multiplier, 'a finite number >= 1');
  }
  return (openCount) => Math.min(maxMs, initialMs * multiplier ** Math.max(0, openCount - 1));
}

import { invoke } from './abort.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';

/**
 * Nests policies, the first one outermost: `pipeline(a, b, c).execute(op)` runs `a(b(c(op)))`. Each
 * policy hands the next one the signal it controls, so an abort or timeout outside reaches the operation.
 *
 * Recommended order for a call to a dependency (database, Redis, exchange):
 *
 *     pipeline(retry, timeout, breaker, bulkhead)
 *
 * - Retry outermost: each attempt gets a fresh timeout and asks the breaker again.
 * - Timeout per attempt, around the breaker and the bulkhead: the time spent queueing for a slot counts,
 *   and the breaker records an attempt the timeout aborted as a failure (it listens to its signal).
 * - Breaker outside the bulkhead: while the circuit is open, calls are refused without taking a slot.
 * - Bulkhead innermost: it bounds the calls actually in flight against the dependency. Its BULKHEAD_FULL
 *   counts as a breaker failure unless the breaker's `ignoreError` says otherwise; ignore it when local
 *   saturation should not open the circuit.
 *
 * CIRCUIT_OPEN and BULKHEAD_FULL are retryable by the catalogue, so the retry waits out short outages;
 * pass Retry a `retryable` predicate that excludes them to fail fast instead.
 *
 * @example
 * const guarded = pipeline(
 *   new Retry({ name: 'binance', maxAttempts: 4, budgetMs: 5_000 }),
 *   new Timeout({ name: 'binance', timeoutMs: 2_000 }),
 *   new CircuitBreaker({ name: 'binance', slidingWindow: { kind: 'time', seconds: 60 } }),
 *   new Bulkhead({ name: 'binance', maxConcurrent: 8, maxQueued: 32 }),
 * );
 * const book = await guarded.execute((signal) => exchange.fetchOrderBook('BTC/USDT', signal));
 */
export function pipeline(...policies: readonly ResiliencePolicy[]): ResiliencePolicy {
  return {
    execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
      const nested = policies.reduceRight<Operation<T>>(
        (inner, policy) => (innerSignal) => policy.execute(inner, innerSignal),
        operation,
      );
      return invoke(nested, signal ?? new AbortController().signal);
    },
  };
}

/**
 * The work a policy guards. It receives the signal it must honour: the policy aborts it on timeout, on
 * the caller's abort, or when a circuit-breaker probe takes too long.
 */
export type Operation<T> = (signal: AbortSignal) => Promise<T>;

/**
 * What Retry, Timeout, CircuitBreaker and Bulkhead have in common, so `pipeline` can nest them. Every
 * policy settles promptly when the caller's `signal` aborts, rejecting with `signal.reason`, even if the
 * operation ignores its signal.
 *
 * @example
 * const ticker = await policy.execute((signal) => venue.fetchTicker('BTC/USDT', signal), shutdownSignal);
 */
export interface ResiliencePolicy {
  execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T>;
}

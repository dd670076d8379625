// The resilience layer boundary: retry, timeout, bulkhead, circuit breaker and their composition.
// The test helpers (FakeClock, settle) are imported from fake-clock.ts, not from here.
export { Bulkhead, type BulkheadMetrics, type BulkheadOptions } from './bulkhead.js';
export { CircuitBreaker } from './circuit-breaker.js';
export type { CircuitBreakerOptions, OpenWaitMs, SlidingWindowSpec } from './circuit-breaker-config.js';
export {
  CircuitState,
  type CircuitBreakerListener,
  type CircuitBreakerMetrics,
  type CircuitCallRecorded,
  type CircuitStateChange,
  type CircuitTransitionReason,
} from './circuit-state.js';
export { exponentialWait } from './exponential-wait.js';
export { pipeline } from './pipeline.js';
export { mathRandom, systemClock, type RandomSource, type ResilienceClock } from './resilience-clock.js';
export type { Operation, ResiliencePolicy } from './resilience-policy.js';
export { fullJitterDelayMs, isRetryable, Retry, type RetryEvent, type RetryOptions } from './retry.js';
export { Timeout, timeoutError, type TimeoutOptions } from './timeout.js';

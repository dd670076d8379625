/**
 * The states of a circuit breaker, as Resilience4j names them. CLOSED lets calls through and watches their
 * rates; OPEN rejects them until a wait has passed; HALF_OPEN lets a fixed number of probe calls through
 * to decide between CLOSED and OPEN. FORCED_OPEN and DISABLED are set by hand and stay until reset.
 *
 * @example
 * if (breaker.state === CircuitState.OPEN) health.degrade('binance', 'circuit open');
 */
export const CircuitState = {
  CLOSED: 'CLOSED',
  OPEN: 'OPEN',
  HALF_OPEN: 'HALF_OPEN',
  FORCED_OPEN: 'FORCED_OPEN',
  DISABLED: 'DISABLED',
} as const;
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

/** Why the state changed. When both rates are exceeded, FAILURE_RATE is named; the metrics show both. */
export type CircuitTransitionReason = 'FAILURE_RATE' | 'SLOW_CALL_RATE' | 'WAIT_ELAPSED' | 'PROBES_PASSED' | 'MANUAL';

/**
 * A plain snapshot of a breaker, ready for a health check or a metrics collector. The counts cover the
 * current window: the sliding window while CLOSED (and, frozen, while OPEN), the probes while HALF_OPEN.
 *
 * @example
 * const { state, failureRatePct, slowCallRatePct } = breaker.metrics();
 */
export interface CircuitBreakerMetrics {
  readonly name: string;
  readonly state: CircuitState;
  readonly bufferedCalls: number;
  readonly successfulCalls: number;
  readonly failedCalls: number;
  readonly slowCalls: number;
  readonly slowSuccessfulCalls: number;
  readonly slowFailedCalls: number;
  /** Calls rejected with CIRCUIT_OPEN since the window began (OPEN keeps counting into CLOSED's). */
  readonly notPermittedCalls: number;
  /** Percent of buffered calls that failed; undefined until the minimum number of calls is buffered. */
  readonly failureRatePct: number | undefined;
  /** Percent of buffered calls slower than the threshold; undefined until the minimum number of calls. */
  readonly slowCallRatePct: number | undefined;
}

export interface CircuitStateChange {
  readonly name: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: CircuitTransitionReason;
  /** Clock time of the change (the breaker's clock, so a fake clock in tests). */
  readonly atMs: number;
  /** The metrics of the state being left, just before the change: the numbers that decided it. */
  readonly metrics: CircuitBreakerMetrics;
}

/** One call's outcome as the breaker classified it. */
export interface CircuitCallRecorded {
  readonly name: string;
  readonly state: CircuitState;
  readonly outcome: 'SUCCESS' | 'FAILURE' | 'IGNORED';
  readonly slow: boolean;
  readonly durationMs: number;
}

/**
 * The hook for logs and metrics (prometheus counters and gauges are wired elsewhere). Every member is
 * optional; listeners run synchronously and a throwing listener never disturbs the guarded call.
 *
 * @example
 * const unsubscribe = breaker.subscribe({
 *   onCallRecorded: (c) => calls.inc({ circuit: c.name, outcome: c.outcome, slow: String(c.slow) }),
 *   onCallNotPermitted: (e) => rejected.inc({ circuit: e.name }),
 *   onStateChange: (c) => state.set({ circuit: c.name }, STATE_VALUE[c.to]),
 * });
 */
export interface CircuitBreakerListener {
  onStateChange?(change: CircuitStateChange): void;
  onCallRecorded?(call: CircuitCallRecorded): void;
  onCallNotPermitted?(event: { readonly name: string; readonly state: CircuitState }): void;
}

import { AtbError } from '../errors.js';
import { abortable, invoke, linkedController } from './abort.js';
import type { CallTotals } from './call-window.js';
import {
  resolveCircuitBreakerConfig,
  type CircuitBreakerConfig,
  type CircuitBreakerOptions,
} from './circuit-breaker-config.js';
import {
  CircuitState,
  type CircuitBreakerListener,
  type CircuitBreakerMetrics,
  type CircuitCallRecorded,
  type CircuitStateChange,
  type CircuitTransitionReason,
} from './circuit-state.js';
import {
  closedPhase,
  halfOpenPhase,
  manualPhase,
  metricsOf,
  openPhase,
  ratesOf,
  type Phase,
} from './circuit-phase.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';
import { timeoutError } from './timeout.js';

type Outcome = CircuitCallRecorded['outcome'];
type Verdict = 'BELOW_MINIMUM' | 'BELOW_THRESHOLDS' | 'FAILURE_RATE' | 'SLOW_CALL_RATE';

/**
 * A circuit breaker with Resilience4j's semantics: a count- or time-based sliding window, a minimum number
 * of calls, failure-rate and slow-call-rate thresholds, a (possibly growing) wait in OPEN, and a fixed
 * number of HALF_OPEN probes. Like Resilience4j without automatic transition, OPEN turns HALF_OPEN when a
 * call asks for permission once the wait has elapsed (at exactly the wait, where Resilience4j wants 1 ms
 * more). Additions: each probe has its own timeout and counts as a failure when it runs out, and a call's
 * outcome only decides anything in the state that admitted it.
 *
 * Written directly rather than on cockatiel's CircuitBreakerPolicy: that one reads `Date.now()` (no
 * injectable clock), lets a single probe through in half-open (holding the other calls until it ends), and
 * has no slow-call rule or bucketed time window; its IBreaker hook sees success or failure, not durations. What is shared with cockatiel is the
 * shape: `execute(fn, signal)`, so breakers nest with the other policies through `pipeline`.
 *
 * The breaker listens to the signal it is given: if an outer Timeout aborts a call, the call is recorded at
 * that moment with the abort reason (a TIMEOUT, a failure by default) even if the operation never returns.
 *
 * @example
 * const breaker = new CircuitBreaker({
 *   name: 'binance', slidingWindow: { kind: 'time', seconds: 60 }, minimumNumberOfCalls: 20,
 *   slowCallDurationThresholdMs: 2_000, slowCallRateThreshold: 80,
 *   waitDurationInOpenStateMs: exponentialWait({ initialMs: 5_000, maxMs: 300_000 }),
 *   permittedNumberOfCallsInHalfOpenState: 3, probeTimeoutMs: 5_000,
 *   ignoreError: (e) => isCodedError(e) && e.code === 'NOT_FOUND',
 * });
 * breaker.onStateChange((c) => log.warn({ from: c.from, to: c.to, reason: c.reason }, 'circuit changed'));
 * const balance = await breaker.execute((signal) => exchange.fetchBalance(signal));
 */
export class CircuitBreaker implements ResiliencePolicy {
  readonly name: string;
  readonly #config: CircuitBreakerConfig;
  readonly #listeners = new Set<CircuitBreakerListener>();
  #phase: Phase;

  constructor(options: CircuitBreakerOptions) {
    this.#config = resolveCircuitBreakerConfig(options);
    this.name = this.#config.name;
    this.#phase = this.#closed();
  }

  get state(): CircuitState {
    return this.#phase.state;
  }

  async execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const phase = this.#acquirePermission();
    if (phase.state === CircuitState.DISABLED) {
      return abortable(invoke(operation, signal ?? new AbortController().signal), signal);
    }
    const startMs = this.#config.clock.now();
    const { controller, unlink } = linkedController(signal);
    const probe = phase.state === CircuitState.HALF_OPEN ? this.#startProbeTimer(controller) : undefined;
    // Recorded exactly once, in `finally`: should a predicate throw (a bug), the call still counts as a
    // failure, and a probe permit is never lost, which would leave the circuit half-open for good.
    let outcome: Outcome = 'FAILURE';
    try {
      const value = await abortable(invoke(operation, controller.signal), controller.signal);
      outcome = 'SUCCESS';
      return value;
    } catch (error) {
      if (error !== probe?.error) outcome = this.#classify(error);
      throw error;
    } finally {
      probe?.stop();
      unlink();
      this.#onResult(phase, startMs, outcome);
    }
  }

  metrics(): CircuitBreakerMetrics {
    return this.#snapshot(this.#phase);
  }

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: CircuitBreakerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onStateChange(listener: (change: CircuitStateChange) => void): () => void {
    return this.subscribe({ onStateChange: listener });
  }

  /** Rejects every call until `reset()` (FORCED_OPEN), e.g. while a venue announces maintenance. */
  forceOpen(): void {
    if (this.#phase.state === CircuitState.FORCED_OPEN) return;
    this.#transition(manualPhase(CircuitState.FORCED_OPEN, this.#phase.openCount + 1), 'MANUAL');
  }

  /** Lets every call through and records nothing until `reset()` (DISABLED). */
  disable(): void {
    if (this.#phase.state === CircuitState.DISABLED) return;
    this.#transition(manualPhase(CircuitState.DISABLED, 0), 'MANUAL');
  }

  /** Back to CLOSED with an empty window, from any state. */
  reset(): void {
    this.#transition(this.#closed(), 'MANUAL');
  }

  #acquirePermission(): Phase {
    const phase = this.#phase;
    switch (phase.state) {
      case CircuitState.CLOSED:
      case CircuitState.DISABLED:
        return phase;
      case CircuitState.HALF_OPEN:
        if (phase.probesLeft > 0) {
          phase.probesLeft--;
          return phase;
        }
        break;
      case CircuitState.OPEN:
        if (this.#config.clock.now() >= phase.openUntilMs) {
          this.#transition(halfOpenPhase(this.#config, phase.openCount), 'WAIT_ELAPSED');
          return this.#acquirePermission();
        }
        break;
      case CircuitState.FORCED_OPEN:
        break;
    }
    phase.recorder.notPermittedCalls++;
    this.#emit((listener) => listener.onCallNotPermitted?.({ name: this.name, state: phase.state }));
    throw this.#notPermittedError(phase);
  }

  #classify(error: unknown): Outcome {
    if (this.#config.ignoreError(error)) return 'IGNORED';
    return this.#config.recordFailure(error) ? 'FAILURE' : 'SUCCESS';
  }

  #onResult(phase: Phase, startMs: number, outcome: Outcome): void {
    const nowMs = this.#config.clock.now();
    const durationMs = nowMs - startMs;
    // Resilience4j: slow means strictly longer than the threshold.
    const slow = durationMs > this.#config.slowCallDurationThresholdMs;
    const totals =
      outcome === 'IGNORED' ? undefined : phase.recorder.window.record(outcome === 'FAILURE', slow, nowMs);
    this.#emit((listener) =>
      listener.onCallRecorded?.({ name: this.name, state: phase.state, outcome, slow, durationMs }),
    );
    // A call admitted by an earlier state still counts in that state's window but no longer decides.
    // (Checked after the listeners ran: one of them may have reset the circuit.)
    if (phase !== this.#phase) return;
    if (totals === undefined) {
      if (phase.state === CircuitState.HALF_OPEN) phase.probesLeft++; // an ignored probe is given back
      return;
    }
    if (phase.state === CircuitState.CLOSED) {
      const verdict = this.#verdict(totals, phase.recorder.minimumCalls);
      if (verdict === 'FAILURE_RATE' || verdict === 'SLOW_CALL_RATE') {
        this.#transition(openPhase(this.#config, 1, phase.recorder), verdict);
      }
    } else if (
      phase.state === CircuitState.HALF_OPEN &&
      totals.calls >= this.#config.permittedNumberOfCallsInHalfOpenState
    ) {
      const verdict = this.#verdict(totals, phase.recorder.minimumCalls);
      if (verdict === 'FAILURE_RATE' || verdict === 'SLOW_CALL_RATE') {
        this.#transition(openPhase(this.#config, phase.openCount + 1, phase.recorder), verdict);
      } else {
        this.#transition(this.#closed(), 'PROBES_PASSED');
      }
    }
  }

  #verdict(totals: CallTotals, minimumCalls: number): Verdict {
    const rates = ratesOf(totals, minimumCalls);
    if (rates === undefined) return 'BELOW_MINIMUM';
    if (rates.failureRatePct >= this.#config.failureRateThreshold) return 'FAILURE_RATE';
    if (rates.slowCallRatePct >= this.#config.slowCallRateThreshold) return 'SLOW_CALL_RATE';
    return 'BELOW_THRESHOLDS';
  }

  #transition(to: Phase, reason: CircuitTransitionReason): void {
    const from = this.#phase;
    const metrics = this.#snapshot(from);
    this.#phase = to;
    if (from.state === to.state) return;
    const change: CircuitStateChange = {
      name: this.name,
      from: from.state,
      to: to.state,
      reason,
      atMs: this.#config.clock.now(),
      metrics,
    };
    this.#emit((listener) => listener.onStateChange?.(change));
  }

  #closed(): Phase {
    return closedPhase(this.#config);
  }

  #startProbeTimer(controller: AbortController): { readonly error: AtbError; readonly stop: () => void } {
    const { probeTimeoutMs, clock } = this.#config;
    const error = timeoutError(`${this.name} (half-open probe)`, probeTimeoutMs);
    const timer = new AbortController();
    clock.sleep(probeTimeoutMs, timer.signal).then(
      () => controller.abort(error),
      () => undefined, // the probe ended first and cancelled the timer
    );
    return { error, stop: () => timer.abort() };
  }

  #notPermittedError(phase: Phase): AtbError {
    const retryAfterMs =
      phase.state === CircuitState.OPEN ? Math.max(0, phase.openUntilMs - this.#config.clock.now()) : undefined;
    const why =
      phase.state === CircuitState.HALF_OPEN
        ? `all ${this.#config.permittedNumberOfCallsInHalfOpenState} probe calls are in flight`
        : retryAfterMs === undefined
          ? 'it was opened by hand'
          : `the next probe is allowed in ${Math.ceil(retryAfterMs)} ms`;
    return new AtbError('CIRCUIT_OPEN', `circuit '${this.name}' is ${phase.state}: ${why}`, {
      name: this.name,
      state: phase.state,
      retryAfterMs,
    });
  }

  #snapshot(phase: Phase): CircuitBreakerMetrics {
    return metricsOf(this.name, phase, this.#config.clock.now());
  }

  #emit(notify: (listener: CircuitBreakerListener) => void): void {
    for (const listener of [...this.#listeners]) {
      try {
        notify(listener);
      } catch (error) {
        this.#config.onListenerError(error);
      }
    }
  }
}

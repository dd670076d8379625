import type { CallTotals, SlidingWindow } from './call-window.js';
import type { CircuitBreakerConfig } from './circuit-breaker-config.js';
import { CircuitState, type CircuitBreakerMetrics } from './circuit-state.js';
import { CountWindow } from './count-window.js';
import { invalidOption } from './option-checks.js';
import { TimeWindow } from './time-window.js';

/** What one state decides by: its window, the calls needed before rates count, and its rejections. */
export interface Recorder {
  readonly window: SlidingWindow;
  readonly minimumCalls: number;
  notPermittedCalls: number;
}

/**
 * One stay in a state of a CircuitBreaker. A new object per transition, so a call can tell whether the
 * state that admitted it is still the current one.
 */
export interface Phase {
  readonly state: CircuitState;
  /** Shared from CLOSED (or HALF_OPEN) with the OPEN that follows, as in Resilience4j. */
  readonly recorder: Recorder;
  /** Openings in a row, Resilience4j's "attempts": 1 on leaving CLOSED, +1 per failed HALF_OPEN. */
  readonly openCount: number;
  /** OPEN: when the next call may become a probe. */
  readonly openUntilMs: number;
  /** HALF_OPEN: probe permits not yet handed out. */
  probesLeft: number;
}

export function closedPhase(config: CircuitBreakerConfig): Phase {
  const { slidingWindow, clock, minimumNumberOfCalls } = config;
  const window =
    slidingWindow.kind === 'count'
      ? new CountWindow(slidingWindow.calls)
      : new TimeWindow(slidingWindow.seconds, clock.now());
  return phase(CircuitState.CLOSED, { window, minimumCalls: minimumNumberOfCalls, notPermittedCalls: 0 }, 0);
}

export function openPhase(config: CircuitBreakerConfig, openCount: number, recorder: Recorder): Phase {
  const waitMs = config.waitDurationInOpenStateMs(openCount);
  if (!(Number.isFinite(waitMs) && waitMs >= 0)) {
    const expected = 'a function returning milliseconds >= 0';
    throw invalidOption('circuit breaker', 'waitDurationInOpenStateMs', waitMs, expected);
  }
  return { ...phase(CircuitState.OPEN, recorder, openCount), openUntilMs: config.clock.now() + waitMs };
}

/**
 * Probes are judged in a count window of exactly the permitted calls, once all of them have completed.
 * (Resilience4j decides after min(minimumNumberOfCalls, permitted) probes; ATB waits for every probe.)
 */
export function halfOpenPhase(config: CircuitBreakerConfig, openCount: number): Phase {
  const probes = config.permittedNumberOfCallsInHalfOpenState;
  const recorder = { window: new CountWindow(probes), minimumCalls: probes, notPermittedCalls: 0 };
  return { ...phase(CircuitState.HALF_OPEN, recorder, openCount), probesLeft: probes };
}

/** FORCED_OPEN and DISABLED record no outcomes; their window stays empty. */
export function manualPhase(state: 'FORCED_OPEN' | 'DISABLED', openCount: number): Phase {
  return phase(state, { window: new CountWindow(1), minimumCalls: 1, notPermittedCalls: 0 }, openCount);
}

function phase(state: CircuitState, recorder: Recorder, openCount: number): Phase {
  return { state, recorder, openCount, openUntilMs: Infinity, probesLeft: 0 };
}

/** Both rates in percent, or undefined while the window holds fewer than `minimumCalls` calls. */
export function ratesOf(
  totals: CallTotals,
  minimumCalls: number,
): { readonly failureRatePct: number; readonly slowCallRatePct: number } | undefined {
  if (totals.calls === 0 || totals.calls < minimumCalls) return undefined;
  return {
    failureRatePct: (totals.failedCalls / totals.calls) * 100,
    slowCallRatePct: (totals.slowCalls / totals.calls) * 100,
  };
}

export function metricsOf(name: string, { state, recorder }: Phase, nowMs: number): CircuitBreakerMetrics {
  const totals = recorder.window.totals(nowMs);
  const rates = ratesOf(totals, recorder.minimumCalls);
  return {
    name,
    state,
    bufferedCalls: totals.calls,
    successfulCalls: totals.calls - totals.failedCalls,
    failedCalls: totals.failedCalls,
    slowCalls: totals.slowCalls,
    slowSuccessfulCalls: totals.slowCalls - totals.slowFailedCalls,
    slowFailedCalls: totals.slowFailedCalls,
    notPermittedCalls: recorder.notPermittedCalls,
    failureRatePct: rates?.failureRatePct,
    slowCallRatePct: rates?.slowCallRatePct,
  };
}

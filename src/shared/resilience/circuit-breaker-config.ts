import { checkInteger, checkMs, checkPercent, invalidOption } from './option-checks.js';
import { systemClock, type ResilienceClock } from './resilience-clock.js';

/** COUNT_BASED: the last `calls` calls. TIME_BASED: the calls of the last `seconds` seconds. */
export type SlidingWindowSpec =
  | { readonly kind: 'count'; readonly calls: number }
  | { readonly kind: 'time'; readonly seconds: number };

/** The wait in OPEN state for the `openCount`-th opening in a row (1 after CLOSED), in milliseconds. */
export type OpenWaitMs = (openCount: number) => number;

/**
 * Options with Resilience4j's names and defaults, durations in milliseconds.
 * @see https://resilience4j.readme.io/docs/circuitbreaker
 */
export interface CircuitBreakerOptions {
  /** Names the dependency in errors, events and metrics. */
  readonly name: string;
  /** Default `{ kind: 'count', calls: 100 }`. */
  readonly slidingWindow?: SlidingWindowSpec;
  /**
   * Calls the window must hold before either rate is computed; below it the circuit never opens. For a
   * count window Resilience4j uses at most the window size, and so does this. Default 100.
   */
  readonly minimumNumberOfCalls?: number;
  /** Open when the failure rate is at or above this percentage. Default 50. */
  readonly failureRateThreshold?: number;
  /** Open when the slow-call rate is at or above this percentage. Default 100. */
  readonly slowCallRateThreshold?: number;
  /** A call taking longer than this is slow (successful or not). Default 60 000. */
  readonly slowCallDurationThresholdMs?: number;
  /** How long OPEN rejects calls; a function grows it per reopening (see exponentialWait). Default 60 000. */
  readonly waitDurationInOpenStateMs?: number | OpenWaitMs;
  /** Probe calls let through in HALF_OPEN; the verdict comes when all of them have completed. Default 10. */
  readonly permittedNumberOfCallsInHalfOpenState?: number;
  /**
   * A probe still running after this long is aborted and counted as a failure, so a hung dependency
   * cannot hold the circuit half-open. Default: slowCallDurationThresholdMs.
   */
  readonly probeTimeoutMs?: number;
  /** Which errors count as failures; the others count as successes. Default: every error. */
  readonly recordFailure?: (error: unknown) => boolean;
  /** Errors that count as neither (a probe ignored this way is given back). Checked first. Default: none. */
  readonly ignoreError?: (error: unknown) => boolean;
  readonly clock?: ResilienceClock;
  /** Where an error thrown by a listener goes. Default: a process warning, so it is seen but harmless. */
  readonly onListenerError?: (error: unknown) => void;
}

export interface CircuitBreakerConfig {
  readonly name: string;
  readonly slidingWindow: SlidingWindowSpec;
  /** Already capped at the window size for count windows. */
  readonly minimumNumberOfCalls: number;
  readonly failureRateThreshold: number;
  readonly slowCallRateThreshold: number;
  readonly slowCallDurationThresholdMs: number;
  readonly waitDurationInOpenStateMs: OpenWaitMs;
  readonly permittedNumberOfCallsInHalfOpenState: number;
  readonly probeTimeoutMs: number;
  readonly recordFailure: (error: unknown) => boolean;
  readonly ignoreError: (error: unknown) => boolean;
  readonly clock: ResilienceClock;
  readonly onListenerError: (error: unknown) => void;
}

const OWNER = 'circuit breaker';

/** Fills in the defaults and checks every number, failing with CONFIG_INVALID naming the field. */
export function resolveCircuitBreakerConfig(options: CircuitBreakerOptions): CircuitBreakerConfig {
  const slidingWindow = checkWindow(options.slidingWindow ?? { kind: 'count', calls: 100 });
  const minimumNumberOfCalls = checkInteger(OWNER, 'minimumNumberOfCalls', options.minimumNumberOfCalls ?? 100, 1);
  const slowCallDurationThresholdMs = checkMs(
    OWNER,
    'slowCallDurationThresholdMs',
    options.slowCallDurationThresholdMs ?? 60_000,
    { positive: true },
  );
  const wait = options.waitDurationInOpenStateMs ?? 60_000;
  const constantWaitMs = typeof wait === 'number' ? checkMs(OWNER, 'waitDurationInOpenStateMs', wait) : 0;
  if (typeof wait === 'function') checkWaitFunction(wait);
  return {
    name: options.name,
    slidingWindow,
    minimumNumberOfCalls:
      slidingWindow.kind === 'count' ? Math.min(minimumNumberOfCalls, slidingWindow.calls) : minimumNumberOfCalls,
    failureRateThreshold: checkPercent(OWNER, 'failureRateThreshold', options.failureRateThreshold ?? 50),
    slowCallRateThreshold: checkPercent(OWNER, 'slowCallRateThreshold', options.slowCallRateThreshold ?? 100),
    slowCallDurationThresholdMs,
    waitDurationInOpenStateMs: typeof wait === 'number' ? () => constantWaitMs : wait,
    permittedNumberOfCallsInHalfOpenState: checkInteger(
      OWNER,
      'permittedNumberOfCallsInHalfOpenState',
      options.permittedNumberOfCallsInHalfOpenState ?? 10,
      1,
    ),
    probeTimeoutMs: checkMs(OWNER, 'probeTimeoutMs', options.probeTimeoutMs ?? slowCallDurationThresholdMs, {
      positive: true,
    }),
    recordFailure: options.recordFailure ?? (() => true),
    ignoreError: options.ignoreError ?? (() => false),
    clock: options.clock ?? systemClock,
    onListenerError: options.onListenerError ?? warnListenerError,
  };
}

function checkWindow(spec: SlidingWindowSpec): SlidingWindowSpec {
  return spec.kind === 'count'
    ? { kind: 'count', calls: checkInteger(OWNER, 'slidingWindow.calls', spec.calls, 1) }
    : { kind: 'time', seconds: checkInteger(OWNER, 'slidingWindow.seconds', spec.seconds, 1) };
}

/**
 * Samples a wait function over the first openings so a broken one fails at construction, not in the
 * middle of a call. (circuit-phase.ts checks every value again when the circuit opens.)
 */
function checkWaitFunction(wait: OpenWaitMs): void {
  for (let openCount = 1; openCount <= 10; openCount++) {
    const waitMs = wait(openCount);
    if (!(Number.isFinite(waitMs) && waitMs >= 0)) {
      const expected = 'a function returning milliseconds >= 0';
      throw invalidOption(OWNER, `waitDurationInOpenStateMs(${openCount})`, waitMs, expected);
    }
  }
}

function warnListenerError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : String(error), { code: 'ATB_CIRCUIT_LISTENER_ERROR' });
}

// Table-driven conformance of CircuitBreaker with Resilience4j's circuit breaker semantics, on a fake
// clock. Each row is a config, a timeline of calls (outcome, duration) and clock moves, and the expected
// state transitions (in order), final state and metrics.
// Reference: https://resilience4j.readme.io/docs/circuitbreaker and Resilience4j's
// CircuitBreakerStateMachine / CircuitBreakerMetrics / SlidingTimeWindowMetrics.
import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './circuit-breaker-config.js';
import type { CircuitBreakerMetrics, CircuitState } from './circuit-state.js';
import { exponentialWait } from './exponential-wait.js';
import { FakeClock } from './fake-clock.js';

class IgnoredError extends Error {}
/** An error the row's recordFailure predicate does not count as a failure. */
class HarmlessError extends Error {}

type Does = 'succeed' | 'fail' | 'ignored' | 'harmless' | 'hang';
/** ok: resolved; error: the operation's own error; rejected: CIRCUIT_OPEN, operation never called; timeout: TIMEOUT. */
type Expect = 'ok' | 'error' | 'rejected' | 'timeout';
interface Call {
  readonly does: Does;
  /** How long the operation runs (for 'hang': how long the clock moves while it hangs). */
  readonly ms?: number;
  readonly expect?: Expect;
}
type Step =
  | Call // start the call, move the clock by its duration, and it must have settled
  | { readonly start: Call } // start the call and move on; it settles as the clock moves later
  | { readonly wait: number }
  | { readonly act: 'forceOpen' | 'disable' | 'reset' };

interface Row {
  readonly name: string;
  readonly config?: Partial<CircuitBreakerOptions>;
  readonly steps: readonly Step[];
  readonly transitions: readonly string[];
  readonly state: CircuitState;
  readonly metrics?: Partial<CircuitBreakerMetrics>;
}

const BASE: Omit<CircuitBreakerOptions, 'clock'> = {
  name: 'venue',
  slidingWindow: { kind: 'count', calls: 4 },
  minimumNumberOfCalls: 4,
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDurationThresholdMs: 100,
  waitDurationInOpenStateMs: 1_000,
  permittedNumberOfCallsInHalfOpenState: 2,
  probeTimeoutMs: 500,
  ignoreError: (error) => error instanceof IgnoredError,
  recordFailure: (error) => !(error instanceof HarmlessError),
};

const ok: Call = { does: 'succeed' };
const fail: Call = { does: 'fail' };
const slow: Call = { does: 'succeed', ms: 150 };
const rejected: Call = { does: 'succeed', expect: 'rejected' };
/** Four calls, two failing: opens the BASE breaker at the 50 % failure-rate threshold. */
const OPEN_IT: readonly Step[] = [ok, ok, fail, fail];
const OPENED = 'CLOSED>OPEN:FAILURE_RATE';
const PROBING = 'OPEN>HALF_OPEN:WAIT_ELAPSED';

const rows: readonly Row[] = [
  {
    name: 'count window: below minimumNumberOfCalls stays CLOSED even when every call fails',
    steps: [fail, fail, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 3, failedCalls: 3, failureRatePct: undefined, slowCallRatePct: undefined },
  },
  {
    name: 'failure rate at the threshold opens',
    steps: OPEN_IT,
    transitions: [OPENED],
    state: 'OPEN',
    metrics: { bufferedCalls: 4, failedCalls: 2, successfulCalls: 2, failureRatePct: 50, slowCallRatePct: 0 },
  },
  {
    name: 'failure rate below the threshold stays CLOSED',
    steps: [ok, ok, ok, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 4, failedCalls: 1, failureRatePct: 25 },
  },
  {
    name: 'count window keeps only the last N calls (4 of 8 failed overall, 3 of the last 4)',
    config: { failureRateThreshold: 75 },
    steps: [fail, ok, ok, ok, fail, fail, ok, fail],
    transitions: [OPENED],
    state: 'OPEN',
    metrics: { bufferedCalls: 4, failedCalls: 3, failureRatePct: 75 },
  },
  {
    name: 'minimumNumberOfCalls above a count window size is capped at the size',
    config: { minimumNumberOfCalls: 10 },
    steps: [fail, fail, fail, fail],
    transitions: [OPENED],
    state: 'OPEN',
  },
  {
    name: 'slow-call rate opens even when every call succeeds',
    config: { slowCallRateThreshold: 50 },
    steps: [slow, ok, slow, ok],
    transitions: ['CLOSED>OPEN:SLOW_CALL_RATE'],
    state: 'OPEN',
    metrics: { slowCalls: 2, slowSuccessfulCalls: 2, failedCalls: 0, failureRatePct: 0, slowCallRatePct: 50 },
  },
  {
    name: 'a call lasting exactly slowCallDurationThresholdMs is not slow; 1 ms more is',
    config: { slowCallRateThreshold: 50 },
    steps: [
      { does: 'succeed', ms: 100 },
      { does: 'succeed', ms: 100 },
      { does: 'succeed', ms: 101 },
      { does: 'succeed', ms: 100 },
    ],
    transitions: [],
    state: 'CLOSED',
    metrics: { slowCalls: 1, slowCallRatePct: 25 },
  },
  {
    name: 'a slow failure counts in both rates',
    config: { slowCallRateThreshold: 60 },
    steps: [{ does: 'fail', ms: 150 }, ok, { does: 'fail', ms: 150 }, ok],
    transitions: [OPENED],
    state: 'OPEN',
    metrics: { failedCalls: 2, slowCalls: 2, slowFailedCalls: 2, slowSuccessfulCalls: 0, slowCallRatePct: 50 },
  },
  {
    name: 'time window adds up the calls of the last N seconds',
    config: { slidingWindow: { kind: 'time', seconds: 10 } },
    steps: [fail, fail, { wait: 9_000 }, ok, fail],
    transitions: [OPENED],
    state: 'OPEN',
    metrics: { bufferedCalls: 4, failedCalls: 3 },
  },
  {
    name: 'time window forgets buckets older than N seconds',
    config: { slidingWindow: { kind: 'time', seconds: 10 } },
    steps: [fail, fail, { wait: 10_000 }, ok, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 2, failedCalls: 1, failureRatePct: undefined },
  },
  {
    name: 'time window evicts whole one-second buckets (calls at 0.999 s are gone at 10.000 s)',
    config: { slidingWindow: { kind: 'time', seconds: 10 } },
    steps: [{ wait: 999 }, fail, fail, { wait: 9_001 }, ok, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 2 },
  },
  {
    name: 'time window: minimumNumberOfCalls is not capped by the window length',
    config: { slidingWindow: { kind: 'time', seconds: 2 }, minimumNumberOfCalls: 5 },
    steps: [fail, fail, fail, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 4, failureRatePct: undefined },
  },
  {
    name: 'OPEN rejects with CIRCUIT_OPEN without calling, and counts the rejections',
    steps: [...OPEN_IT, rejected, { wait: 500 }, rejected],
    transitions: [OPENED],
    state: 'OPEN',
    metrics: { notPermittedCalls: 2, bufferedCalls: 4, failedCalls: 2 },
  },
  {
    name: 'once the wait has elapsed the next call is a probe (HALF_OPEN)',
    steps: [...OPEN_IT, { wait: 999 }, rejected, { wait: 1 }, ok],
    transitions: [OPENED, PROBING],
    state: 'HALF_OPEN',
    metrics: { bufferedCalls: 1, successfulCalls: 1, failureRatePct: undefined },
  },
  {
    name: 'HALF_OPEN: all probes succeed -> CLOSED with a fresh window',
    steps: [...OPEN_IT, { wait: 1_000 }, ok, ok, fail],
    transitions: [OPENED, PROBING, 'HALF_OPEN>CLOSED:PROBES_PASSED'],
    state: 'CLOSED',
    metrics: { bufferedCalls: 1, failedCalls: 1, notPermittedCalls: 0 },
  },
  {
    name: 'HALF_OPEN: a failing probe -> OPEN again, keeping the probe metrics',
    steps: [...OPEN_IT, { wait: 1_000 }, ok, fail, rejected],
    transitions: [OPENED, PROBING, 'HALF_OPEN>OPEN:FAILURE_RATE'],
    state: 'OPEN',
    metrics: { bufferedCalls: 2, failedCalls: 1, failureRatePct: 50, notPermittedCalls: 1 },
  },
  {
    name: 'HALF_OPEN: slow probes -> OPEN on the slow-call rate',
    config: { slowCallRateThreshold: 50 },
    steps: [...OPEN_IT, { wait: 1_000 }, slow, ok],
    transitions: [OPENED, PROBING, 'HALF_OPEN>OPEN:SLOW_CALL_RATE'],
    state: 'OPEN',
  },
  {
    name: 'HALF_OPEN: a probe still running at probeTimeoutMs is aborted with TIMEOUT and counts as a failure',
    steps: [
      ...OPEN_IT,
      { wait: 1_000 },
      { start: { does: 'succeed', ms: 10 } },
      { does: 'hang', ms: 500, expect: 'timeout' },
    ],
    transitions: [OPENED, PROBING, 'HALF_OPEN>OPEN:FAILURE_RATE'],
    state: 'OPEN',
    metrics: { bufferedCalls: 2, failedCalls: 1, slowFailedCalls: 1 },
  },
  {
    name: 'HALF_OPEN: a probe timeout is a failure even when recordFailure does not count TIMEOUT errors',
    config: { recordFailure: (error) => !(error instanceof AtbError && error.code === 'TIMEOUT') },
    steps: [...OPEN_IT, { wait: 1_000 }, ok, { does: 'hang', ms: 500, expect: 'timeout' }],
    transitions: [OPENED, PROBING, 'HALF_OPEN>OPEN:FAILURE_RATE'],
    state: 'OPEN',
  },
  {
    name: 'HALF_OPEN: calls beyond the permitted probes are rejected while the probes are in flight',
    steps: [
      ...OPEN_IT,
      { wait: 1_000 },
      { start: { does: 'succeed', ms: 50 } },
      { start: { does: 'succeed', ms: 50 } },
      rejected,
      { wait: 49 },
      rejected,
      { wait: 1 },
      ok,
    ],
    transitions: [OPENED, PROBING, 'HALF_OPEN>CLOSED:PROBES_PASSED'],
    state: 'CLOSED',
    metrics: { bufferedCalls: 1 },
  },
  {
    name: 'growing wait: each reopening in a row waits longer (capped), closing starts over',
    config: { waitDurationInOpenStateMs: exponentialWait({ initialMs: 1_000, multiplier: 2, maxMs: 3_000 }) },
    steps: [
      ...OPEN_IT,
      { wait: 1_000 },
      fail,
      fail, // 2nd opening: 2 000 ms
      { wait: 1_999 },
      rejected,
      { wait: 1 },
      fail,
      fail, // 3rd opening: 4 000 ms capped at 3 000
      { wait: 2_999 },
      rejected,
      { wait: 1 },
      ok,
      ok,
      ...OPEN_IT, // 1st opening again: 1 000 ms
      { wait: 1_000 },
      ok,
    ],
    transitions: [
      OPENED,
      PROBING,
      'HALF_OPEN>OPEN:FAILURE_RATE',
      PROBING,
      'HALF_OPEN>OPEN:FAILURE_RATE',
      PROBING,
      'HALF_OPEN>CLOSED:PROBES_PASSED',
      OPENED,
      PROBING,
    ],
    state: 'HALF_OPEN',
  },
  {
    name: 'ignored errors count as neither success nor failure',
    steps: [{ does: 'ignored' }, { does: 'ignored' }, { does: 'ignored' }, fail, fail, ok],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 3, failedCalls: 2, successfulCalls: 1, failureRatePct: undefined },
  },
  {
    name: 'errors that recordFailure does not record count as successes',
    steps: [{ does: 'harmless' }, { does: 'harmless' }, { does: 'harmless' }, fail],
    transitions: [],
    state: 'CLOSED',
    metrics: { bufferedCalls: 4, successfulCalls: 3, failureRatePct: 25 },
  },
  {
    name: 'HALF_OPEN: an ignored probe gives its permit back',
    steps: [
      ...OPEN_IT,
      { wait: 1_000 },
      { start: { does: 'ignored', ms: 10 } },
      { start: { does: 'succeed', ms: 50 } },
      rejected,
      { wait: 10 },
      ok, // takes the permit the ignored probe gave back
      { wait: 40 },
    ],
    transitions: [OPENED, PROBING, 'HALF_OPEN>CLOSED:PROBES_PASSED'],
    state: 'CLOSED',
  },
  {
    name: 'a call admitted while CLOSED that ends during HALF_OPEN does not count as a probe',
    steps: [
      { start: { does: 'fail', ms: 1_050 } },
      ok,
      ok,
      fail,
      fail, // the long call is still running: 4 recorded, OPEN
      { wait: 1_000 },
      { start: { does: 'succeed', ms: 100 } },
      { start: { does: 'succeed', ms: 100 } },
      { wait: 100 }, // the long call fails at 1 050, between the probes' start and end
    ],
    transitions: [OPENED, PROBING, 'HALF_OPEN>CLOSED:PROBES_PASSED'],
    state: 'CLOSED',
    metrics: { bufferedCalls: 0 },
  },
  {
    name: 'FORCED_OPEN rejects every call, however long the wait, until reset',
    steps: [{ act: 'forceOpen' }, rejected, { wait: 100_000 }, rejected, { act: 'reset' }, ok],
    transitions: ['CLOSED>FORCED_OPEN:MANUAL', 'FORCED_OPEN>CLOSED:MANUAL'],
    state: 'CLOSED',
    metrics: { bufferedCalls: 1 },
  },
  {
    name: 'DISABLED lets every call through and records nothing',
    steps: [{ act: 'disable' }, fail, fail, fail, fail, { does: 'succeed', ms: 10_000 }],
    transitions: ['CLOSED>DISABLED:MANUAL'],
    state: 'DISABLED',
    metrics: { bufferedCalls: 0, notPermittedCalls: 0 },
  },
];

describe('CircuitBreaker conformance (Resilience4j semantics, fake clock)', () => {
  it.each(rows)('$name', async (row) => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ ...BASE, ...row.config, clock });
    const transitions: string[] = [];
    breaker.onStateChange((change) => transitions.push(`${change.from}>${change.to}:${change.reason}`));
    const started: Started[] = [];

    for (const step of row.steps) {
      if ('wait' in step) await clock.advance(step.wait);
      else if ('act' in step) breaker[step.act]();
      else if ('start' in step) started.push(start(breaker, clock, step.start));
      else {
        const call = start(breaker, clock, step);
        started.push(call);
        await clock.advance(step.ms ?? 0);
        expect(call.settled(), `${step.does} call of ${step.ms ?? 0} ms settled`).toBe(true);
      }
    }

    started.forEach((call, index) => call.verify(`call #${index + 1}`));
    expect(transitions, 'state transitions, in order').toEqual(row.transitions);
    expect(breaker.state).toBe(row.state);
    expect(breaker.metrics()).toMatchObject(row.metrics ?? {});
  });
});

interface Started {
  readonly settled: () => boolean;
  readonly verify: (label: string) => void;
}

function start(breaker: CircuitBreaker, clock: FakeClock, call: Call): Started {
  let invoked = false;
  let result: { readonly status: 'ok' } | { readonly status: 'error'; readonly error: unknown } | undefined;
  const ownError =
    call.does === 'ignored'
      ? new IgnoredError('ignored')
      : call.does === 'harmless'
        ? new HarmlessError('harmless')
        : new Error('down');
  breaker
    .execute(async (signal) => {
      invoked = true;
      if (call.does === 'hang') return new Promise<never>(() => undefined); // deaf to its signal, never settles
      await clock.sleep(call.ms ?? 0, signal);
      if (call.does !== 'succeed') throw ownError;
      return 'value';
    })
    .then(
      () => (result = { status: 'ok' }),
      (error: unknown) => (result = { status: 'error', error }),
    );
  const expected = call.expect ?? (call.does === 'succeed' ? 'ok' : call.does === 'hang' ? 'timeout' : 'error');
  return {
    settled: () => result !== undefined,
    verify: (label) => {
      expect(result, `${label} settled`).toBeDefined();
      if (expected === 'ok') return expect(result, label).toEqual({ status: 'ok' });
      const error = result?.status === 'error' ? result.error : undefined;
      if (expected === 'error') return expect(error, label).toBe(ownError);
      expect(error, label).toBeInstanceOf(AtbError);
      expect((error as AtbError).code, label).toBe(expected === 'rejected' ? 'CIRCUIT_OPEN' : 'TIMEOUT');
      if (expected === 'rejected') expect(invoked, `${label}: a rejected call never runs`).toBe(false);
    },
  };
}

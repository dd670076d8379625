import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './circuit-breaker-config.js';
import type { CircuitCallRecorded, CircuitStateChange } from './circuit-state.js';
import { FakeClock } from './fake-clock.js';

const down = (): Promise<never> => Promise.reject(new Error('down'));
const up = (): Promise<string> => Promise.resolve('up');

function breakerOn(clock: FakeClock, options: Partial<CircuitBreakerOptions> = {}): CircuitBreaker {
  return new CircuitBreaker({
    name: 'venue',
    slidingWindow: { kind: 'count', calls: 2 },
    minimumNumberOfCalls: 2,
    waitDurationInOpenStateMs: 1_000,
    permittedNumberOfCallsInHalfOpenState: 1,
    probeTimeoutMs: 300,
    clock,
    ...options,
  });
}

async function openIt(breaker: CircuitBreaker): Promise<void> {
  await expect(breaker.execute(down)).rejects.toThrow('down');
  await expect(breaker.execute(down)).rejects.toThrow('down');
  expect(breaker.state).toBe('OPEN');
}

describe('CircuitBreaker events', () => {
  it('tells listeners each change with its reason, time and the numbers that decided it', async () => {
    const clock = new FakeClock(5_000);
    const breaker = breakerOn(clock);
    const changes: CircuitStateChange[] = [];
    breaker.onStateChange((change) => changes.push(change));

    await openIt(breaker);
    await clock.advance(1_000);
    await breaker.execute(up);

    expect(changes.map((c) => [c.from, c.to, c.reason, c.atMs])).toEqual([
      ['CLOSED', 'OPEN', 'FAILURE_RATE', 5_000],
      ['OPEN', 'HALF_OPEN', 'WAIT_ELAPSED', 6_000],
      ['HALF_OPEN', 'CLOSED', 'PROBES_PASSED', 6_000],
    ]);
    expect(changes[0]?.metrics).toMatchObject({ state: 'CLOSED', failedCalls: 2, failureRatePct: 100 });
    expect(changes[2]?.metrics).toMatchObject({ state: 'HALF_OPEN', successfulCalls: 1, failureRatePct: 0 });
  });

  it('reports every recorded call and rejection, and stops after unsubscribe', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock, { ignoreError: (e) => e instanceof RangeError });
    const calls: CircuitCallRecorded[] = [];
    const rejections: string[] = [];
    const unsubscribe = breaker.subscribe({
      onCallRecorded: (call) => calls.push(call),
      onCallNotPermitted: (event) => rejections.push(event.state),
    });

    await expect(breaker.execute(() => Promise.reject(new RangeError('ignored')))).rejects.toThrow('ignored');
    await openIt(breaker);
    await expect(breaker.execute(up)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    unsubscribe();
    await expect(breaker.execute(up)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });

    expect(calls.map((c) => c.outcome)).toEqual(['IGNORED', 'FAILURE', 'FAILURE']);
    expect(rejections).toEqual(['OPEN']);
  });

  it('keeps a throwing listener away from the call and hands its error to onListenerError', async () => {
    const clock = new FakeClock();
    const listenerErrors: unknown[] = [];
    const breaker = breakerOn(clock, { onListenerError: (error) => listenerErrors.push(error) });
    breaker.onStateChange(() => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    breaker.onStateChange((change) => seen.push(change.to));

    await openIt(breaker);

    expect(seen, 'later listeners still hear the change').toEqual(['OPEN']);
    expect(listenerErrors).toEqual([new Error('listener bug')]);
  });
});

describe('CircuitBreaker calls', () => {
  it('rejects with CIRCUIT_OPEN naming the circuit and when the next probe is allowed', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock);
    await openIt(breaker);
    await clock.advance(400);

    const error = await breaker.execute(up).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AtbError);
    expect(error).toMatchObject({
      code: 'CIRCUIT_OPEN',
      retryable: true,
      message: "circuit 'venue' is OPEN: the next probe is allowed in 600 ms",
      details: { name: 'venue', state: 'OPEN', retryAfterMs: 600 },
    });
  });

  it('records a call the caller aborted at the moment of the abort, even if the operation ignores it', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock, { slowCallDurationThresholdMs: 100 });
    const calls: CircuitCallRecorded[] = [];
    breaker.subscribe({ onCallRecorded: (call) => calls.push(call) });
    const caller = new AbortController();
    const reason = new AtbError('TIMEOUT', 'outer timeout');

    const pending = breaker.execute(() => new Promise<never>(() => undefined), caller.signal);
    await clock.advance(250);
    caller.abort(reason);

    await expect(pending).rejects.toBe(reason);
    expect(calls).toEqual([{ name: 'venue', state: 'CLOSED', outcome: 'FAILURE', slow: true, durationMs: 250 }]);
  });

  it('aborts a timed-out probe through its signal with the TIMEOUT error and leaves no timer behind', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock);
    await openIt(breaker);
    await clock.advance(1_000);
    let probeSignal: AbortSignal | undefined;

    const probe = breaker
      .execute((signal) => {
        probeSignal = signal;
        return new Promise<never>(() => undefined);
      })
      .catch((e: unknown) => e);
    await clock.advance(300);

    const error = await probe;
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 300 } });
    expect(probeSignal?.reason).toBe(error);
    expect(breaker.state).toBe('OPEN');
    expect(clock.pendingSleeps).toBe(0);
  });

  it('cancels the probe timer when the probe finishes in time', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock);
    await openIt(breaker);
    await clock.advance(1_000);

    await expect(breaker.execute(up)).resolves.toBe('up');

    expect(clock.pendingSleeps).toBe(0);
  });

  it('turns away an already aborted call without running or recording it', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock);
    const caller = new AbortController();
    caller.abort(new Error('shutting down'));
    let ran = false;

    await expect(
      breaker.execute(() => {
        ran = true;
        return up();
      }, caller.signal),
    ).rejects.toThrow('shutting down');

    expect(ran).toBe(false);
    expect(breaker.metrics().bufferedCalls).toBe(0);
  });

  it('records an operation that throws synchronously as a failure', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock);
    const throwsNow = (): Promise<string> => {
      throw new Error('sync');
    };

    await expect(breaker.execute(throwsNow)).rejects.toThrow('sync');

    expect(breaker.metrics()).toMatchObject({ bufferedCalls: 1, failedCalls: 1 });
  });
});

describe('CircuitBreaker configuration', () => {
  it.each([
    [
      { failureRateThreshold: 0 },
      "invalid circuit breaker option 'failureRateThreshold', was 0: expected a percentage greater than 0",
    ],
    [{ slowCallRateThreshold: 101 }, "option 'slowCallRateThreshold', was 101"],
    [{ slidingWindow: { kind: 'count', calls: 0 } }, "option 'slidingWindow.calls', was 0: expected an integer >= 1"],
    [{ slidingWindow: { kind: 'time', seconds: 1.5 } }, "option 'slidingWindow.seconds', was 1.5"],
    [{ minimumNumberOfCalls: -1 }, "option 'minimumNumberOfCalls', was -1"],
    [{ permittedNumberOfCallsInHalfOpenState: 0 }, "option 'permittedNumberOfCallsInHalfOpenState', was 0"],
    [{ waitDurationInOpenStateMs: -5 }, "option 'waitDurationInOpenStateMs', was -5"],
    [{ probeTimeoutMs: 0 }, "option 'probeTimeoutMs', was 0: expected a duration in milliseconds > 0"],
  ] as const)('rejects %o with CONFIG_INVALID', (options, message) => {
    const build = (): CircuitBreaker => breakerOn(new FakeClock(), options);
    expect(build).toThrow(AtbError);
    expect(build).toThrow(message);
  });

  it('rejects a wait function that returns no usable duration', () => {
    const build = (): CircuitBreaker =>
      breakerOn(new FakeClock(), { waitDurationInOpenStateMs: (n) => (n < 3 ? 1_000 : Number.NaN) });
    expect(build).toThrow("invalid circuit breaker option 'waitDurationInOpenStateMs(3)', was NaN");
  });

  it('still records the call, as a failure, when a predicate throws', async () => {
    const clock = new FakeClock();
    const breaker = breakerOn(clock, {
      recordFailure: () => {
        throw new Error('predicate bug');
      },
    });

    await expect(breaker.execute(down)).rejects.toThrow('predicate bug');
    await expect(breaker.execute(down)).rejects.toThrow('predicate bug');

    expect(breaker.metrics()).toMatchObject({ state: 'OPEN', failedCalls: 2 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { createSeededRandom } from '../random.js';
import { FakeClock } from './fake-clock.js';
import { fullJitterDelayMs, Retry, type RetryEvent, type RetryOptions } from './retry.js';

const unavailable = (n: number): AtbError => new AtbError('UNAVAILABLE', `down #${n}`);

/** A deterministic random source that plays `draws` in a loop. */
function replay(draws: readonly number[]): () => number {
  let next = 0;
  return () => draws[next++ % draws.length] ?? 0;
}

/** An operation failing with a retryable error `failures` times, then answering; it notes when it ran. */
function flaky(clock: FakeClock, failures: number): { op: () => Promise<string>; runsAtMs: number[] } {
  const runsAtMs: number[] = [];
  return {
    runsAtMs,
    op: () => {
      runsAtMs.push(clock.now());
      return runsAtMs.length <= failures ? Promise.reject(unavailable(runsAtMs.length)) : Promise.resolve('ok');
    },
  };
}

/** Runs `retry` to completion on the fake clock, however many backoff sleeps it takes. */
async function run<T>(clock: FakeClock, promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  while (outcome === undefined) await clock.advance(1_000);
  return outcome;
}

function retryOn(clock: FakeClock, options: RetryOptions = {}): { retry: Retry; events: RetryEvent[] } {
  const events: RetryEvent[] = [];
  const retry = new Retry({ name: 'venue', clock, onRetry: (e) => events.push(e), ...options });
  return { retry, events };
}

describe('Retry backoff', () => {
  it('sleeps a full-jitter delay drawn from the injected random source before each retry', async () => {
    const clock = new FakeClock();
    const draws = [0.42, 0, 0.999, 0.5, 0.07];
    const random = replay(draws);
    const { retry, events } = retryOn(clock, { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 100_000, random });
    const { op, runsAtMs } = flaky(clock, 5);

    expect(await run(clock, retry.execute(op))).toEqual({ value: 'ok' });

    // ceilings 100, 200, 400, 800, 1 600 ms
    const expected = [42, 0, 399.6, 400, 112];
    events.forEach((e, k) => expect(e.delayMs).toBeCloseTo(expected[k] ?? Number.NaN, 9));
    const gaps = runsAtMs.slice(1).map((at, k) => at - (runsAtMs[k] ?? 0));
    gaps.forEach((gap, k) => expect(gap, 'slept the announced delay').toBeCloseTo(events[k]?.delayMs ?? -1, 9));
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('with a seeded random source, repeats the same delays, each inside its full-jitter bounds', async () => {
    const delaysFor = async (seed: number): Promise<number[]> => {
      const clock = new FakeClock();
      const seeded = createSeededRandom(seed);
      const random = (): number => seeded.next();
      const { retry, events } = retryOn(clock, { maxAttempts: 9, baseDelayMs: 50, maxDelayMs: 2_000, random });
      await run(clock, retry.execute(flaky(clock, 8).op));
      return events.map((e) => e.delayMs);
    };

    const delays = await delaysFor(42);

    expect(await delaysFor(42)).toEqual(delays);
    expect(await delaysFor(43)).not.toEqual(delays);
    const draws = createSeededRandom(42);
    expect(delays).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => draws.next() * Math.min(2_000, 50 * 2 ** k)));
    delays.forEach((delay, k) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(2_000, 50 * 2 ** k));
    });
  });

  it('caps the backoff ceiling at maxDelayMs', async () => {
    const clock = new FakeClock();
    const { retry, events } = retryOn(clock, { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.5 });

    await run(clock, retry.execute(flaky(clock, 4).op));

    expect(events.map((e) => e.delayMs)).toEqual([50, 100, 125, 125]);
  });

  it('keeps every delay inside [0, min(cap, base * 2^attempt))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        // Durations of whole microseconds and up; subnormal doubles would round r * cap up to cap.
        fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e7, noNaN: true })),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, cap, draw) => {
          const delay = fullJitterDelayMs(attempt, base, cap, () => draw);
          const ceiling = Math.min(cap, base * 2 ** attempt);
          return delay >= 0 && (delay < ceiling || delay === 0) && Number.isFinite(delay);
        },
      ),
    );
  });
});

describe('Retry limits', () => {
  it('gives up after maxAttempts with RETRIES_EXHAUSTED carrying the last error as cause', async () => {
    const clock = new FakeClock();
    const { retry } = retryOn(clock, { maxAttempts: 3, random: () => 0 });
    const { op, runsAtMs } = flaky(clock, 10);

    const { error } = await run(clock, retry.execute(op));

    expect(runsAtMs).toHaveLength(3);
    expect(error).toBeInstanceOf(AtbError);
    expect(error).toMatchObject({ code: 'RETRIES_EXHAUSTED', retryable: false, details: { attempts: 3 } });
    expect((error as AtbError).cause).toEqual(unavailable(3));
    expect((error as AtbError).message).toContain('down #3');
  });

  it('never sleeps past the time budget: no attempt starts at or after it', async () => {
    const clock = new FakeClock();
    const budgetMs = 1_000;
    const { retry, events } = retryOn(clock, { maxAttempts: 100, baseDelayMs: 100, budgetMs, random: () => 0.99 });
    const { op, runsAtMs } = flaky(clock, 100);

    const { error } = await run(clock, retry.execute(op));

    // delays 99, 198, 396 put attempts at 0, 99, 297, 693; the next (792 ms) would start at 1 485.
    expect(runsAtMs).toEqual([0, 99, 297, 693]);
    expect(events.every((e) => e.elapsedMs + e.delayMs < budgetMs)).toBe(true);
    expect(error).toMatchObject({ code: 'RETRIES_EXHAUSTED', details: { attempts: 4, elapsedMs: 693 } });
    expect((error as Error).message).toContain('past the 1000 ms budget');
  });

  it('rethrows a non-retryable error at once, untouched', async () => {
    const clock = new FakeClock();
    const { retry, events } = retryOn(clock);
    const invalid = new AtbError('INVALID_INPUT', 'bad symbol');
    let calls = 0;

    const { error } = await run(
      clock,
      retry.execute(() => {
        calls++;
        return Promise.reject(invalid);
      }),
    );

    expect(error).toBe(invalid);
    expect(calls).toBe(1);
    expect(events).toEqual([]);
  });

  it('by default retries only errors that say `retryable: true`', async () => {
    const clock = new FakeClock();
    const { retry } = retryOn(clock, { random: () => 0 });
    const plain = new Error('no opinion');
    const stated = Object.assign(new Error('transient'), { retryable: true });
    let plainCalls = 0;
    let statedCalls = 0;

    await run(clock, retry.execute(() => (plainCalls++, Promise.reject(plain))));
    await run(clock, retry.execute(() => (statedCalls++, Promise.reject(stated))));

    expect([plainCalls, statedCalls]).toEqual([1, 3]);
  });

  it('uses a custom retryable predicate when given', async () => {
    const clock = new FakeClock();
    const { retry } = retryOn(clock, { random: () => 0, retryable: (e) => e instanceof TypeError });
    let calls = 0;

    const { value } = await run(
      clock,
      retry.execute(() => (++calls < 3 ? Promise.reject(new TypeError('flaky')) : Promise.resolve(calls))),
    );

    expect(value).toBe(3);
  });
});

describe('Retry abort', () => {
  it('stops during a backoff sleep with the abort reason and leaves nothing scheduled', async () => {
    const clock = new FakeClock();
    const { retry } = retryOn(clock, { baseDelayMs: 1_000, random: () => 0.5 });
    const { op, runsAtMs } = flaky(clock, 10);
    const caller = new AbortController();
    const outcome = retry.execute(op, caller.signal).catch((e: unknown) => e);

    await clock.advance(100); // first attempt failed; sleeping 500 ms
    caller.abort(new Error('shutdown'));

    expect(await outcome).toEqual(new Error('shutdown'));
    await clock.advance(10_000);
    expect(runsAtMs).toEqual([0]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('stops during an attempt that ignores its signal', async () => {
    const clock = new FakeClock();
    const { retry } = retryOn(clock);
    const caller = new AbortController();
    const outcome = retry.execute(() => new Promise<never>(() => undefined), caller.signal).catch((e: unknown) => e);

    caller.abort(new Error('gave up'));

    expect(await outcome).toEqual(new Error('gave up'));
  });

  it('does not start when the signal is already aborted', async () => {
    const { retry } = retryOn(new FakeClock());
    let calls = 0;

    const aborted = AbortSignal.abort(new Error('late'));
    await expect(retry.execute(() => Promise.resolve(++calls), aborted)).rejects.toThrow('late');
    expect(calls).toBe(0);
  });
});

describe('Retry configuration', () => {
  it.each([
    [{ maxAttempts: 0 }, "invalid retry option 'maxAttempts', was 0: expected an integer >= 1"],
    [{ baseDelayMs: 0 }, "invalid retry option 'baseDelayMs', was 0: expected a duration in milliseconds > 0"],
    [{ budgetMs: Number.NaN }, "invalid retry option 'budgetMs', was NaN"],
  ])('rejects %o with CONFIG_INVALID', (options, message) => {
    expect(() => new Retry(options)).toThrow(message);
  });
});

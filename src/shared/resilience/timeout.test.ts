import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { FakeClock } from './fake-clock.js';
import { Timeout } from './timeout.js';

/** An operation that takes `ms` on the fake clock (honouring its signal) and notes the signal it got. */
interface Probe {
  readonly op: (signal: AbortSignal) => Promise<string>;
  signal?: AbortSignal;
}

function takes(clock: FakeClock, ms: number): Probe {
  const probe: Probe = {
    op: async (signal) => {
      probe.signal = signal;
      await clock.sleep(ms, signal);
      return 'done';
    },
  };
  return probe;
}

describe('Timeout', () => {
  it('returns the result of a call that finishes in time and leaves its signal alone', async () => {
    const clock = new FakeClock();
    const timeout = new Timeout({ name: 'redis.get', timeoutMs: 100, clock });
    const call = takes(clock, 99);

    const result = timeout.execute(call.op);
    await clock.advance(99);

    await expect(result).resolves.toBe('done');
    expect(call.signal?.aborted, 'work handed back may keep using the signal').toBe(false);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('rejects with TIMEOUT at timeoutMs and aborts the operation with that same error', async () => {
    const clock = new FakeClock();
    const timeout = new Timeout({ name: 'redis.get', timeoutMs: 100, clock });
    const call = takes(clock, 5_000);

    const result = timeout.execute(call.op).catch((e: unknown) => e);
    await clock.advance(99);
    expect(call.signal?.aborted).toBe(false);
    await clock.advance(1);

    const error = await result;
    expect(error).toBeInstanceOf(AtbError);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
      message: "'redis.get' took longer than 100 ms",
      details: { name: 'redis.get', timeoutMs: 100 },
    });
    expect(call.signal?.reason).toBe(error);
  });

  it('rejects on time even when the operation ignores its signal', async () => {
    const clock = new FakeClock();
    const timeout = new Timeout({ timeoutMs: 50, clock });

    const result = timeout.execute(() => new Promise<never>(() => undefined)).catch((e: unknown) => e);
    await clock.advance(50);

    expect(await result).toMatchObject({ code: 'TIMEOUT' });
  });

  it('passes on the error of an operation that fails in time', async () => {
    const clock = new FakeClock();
    const timeout = new Timeout({ timeoutMs: 50, clock });
    const failure = new Error('refused');

    await expect(timeout.execute(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(
      timeout.execute(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("stops with the caller's reason when the caller aborts, and forwards the abort", async () => {
    const clock = new FakeClock();
    const timeout = new Timeout({ timeoutMs: 1_000, clock });
    const call = takes(clock, 5_000);
    const caller = new AbortController();

    const result = timeout.execute(call.op, caller.signal).catch((e: unknown) => e);
    await clock.advance(10);
    caller.abort(new Error('user cancelled'));

    expect(await result).toEqual(new Error('user cancelled'));
    expect(call.signal?.reason).toEqual(new Error('user cancelled'));
    expect(clock.pendingSleeps).toBe(0);
  });

  it('does not call the operation when the signal is already aborted', async () => {
    const timeout = new Timeout({ timeoutMs: 10, clock: new FakeClock() });
    let called = false;

    const aborted = AbortSignal.abort(new Error('no'));
    await expect(timeout.execute(() => Promise.resolve((called = true)), aborted)).rejects.toThrow('no');
    expect(called).toBe(false);
  });

  it('rejects a timeout that is not a positive duration', () => {
    expect(() => new Timeout({ timeoutMs: 0 })).toThrow(
      "invalid timeout option 'timeoutMs', was 0: expected a duration in milliseconds > 0",
    );
  });
});

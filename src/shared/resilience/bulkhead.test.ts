import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { Bulkhead } from './bulkhead.js';
import { settle } from './fake-clock.js';

/** A call the test finishes by hand; `started` says whether the bulkhead let it run. */
interface Gate {
  started: boolean;
  signal?: AbortSignal;
  readonly finish: (value?: string) => void;
  readonly fail: (error: Error) => void;
  readonly op: (signal: AbortSignal) => Promise<string>;
}

function gate(): Gate {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const g: Gate = {
    started: false,
    finish: (value = 'done') => finish(value),
    fail: (error) => fail(error),
    op: (signal) => {
      g.started = true;
      g.signal = signal;
      return new Promise<string>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    },
  };
  return g;
}

/** Starts a call and captures how it ends, so no rejection goes unhandled while the test continues. */
function track(promise: Promise<string>): { readonly result: () => unknown } {
  let result: unknown = 'pending';
  promise.then(
    (value) => (result = value),
    (error: unknown) => (result = error),
  );
  return { result: () => result };
}

describe('Bulkhead', () => {
  it('runs up to maxConcurrent calls, queues up to maxQueued, and rejects the rest with BULKHEAD_FULL', async () => {
    const bulkhead = new Bulkhead({ name: 'postgres', maxConcurrent: 2, maxQueued: 1 });
    const gates = [gate(), gate(), gate(), gate()];
    const calls = gates.map((g) => track(bulkhead.execute(g.op)));
    await settle();

    expect(gates.map((g) => g.started)).toEqual([true, true, false, false]);
    const rejection = calls[3]?.result();
    expect(rejection).toBeInstanceOf(AtbError);
    expect(rejection).toMatchObject({
      code: 'BULKHEAD_FULL',
      retryable: true,
      message: "'postgres' is at its limit of 2 concurrent and 1 queued calls",
    });
    expect(bulkhead.metrics()).toEqual({
      name: 'postgres',
      activeCalls: 2,
      queuedCalls: 1,
      maxConcurrent: 2,
      maxQueued: 1,
      rejectedCalls: 1,
    });
  });

  it('starts queued calls first in, first out as slots free up, failures included', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueued: 3 });
    const [a, b, c] = [gate(), gate(), gate()];
    const calls = [a, b, c].map((g) => track(bulkhead.execute(g.op)));
    await settle();

    a.fail(new Error('a failed'));
    await settle();
    expect([b.started, c.started]).toEqual([true, false]);
    b.finish('b');
    await settle();
    expect(c.started).toBe(true);
    c.finish('c');
    await settle();

    expect(calls.map((call) => call.result())).toEqual([new Error('a failed'), 'b', 'c']);
    expect(bulkhead.metrics()).toMatchObject({ activeCalls: 0, queuedCalls: 0 });
  });

  it('drops a queued call whose caller aborts, at once, and the next one still gets the slot', async () => {
    // The scenario cockatiel 3.2.1 gets wrong: the aborted waiter held the freed slot hostage.
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueued: 2 });
    const [running, abandoned, next] = [gate(), gate(), gate()];
    const caller = new AbortController();
    track(bulkhead.execute(running.op));
    const abandonedCall = track(bulkhead.execute(abandoned.op, caller.signal));
    const nextCall = track(bulkhead.execute(next.op));
    await settle();

    caller.abort(new Error('timed out while queued'));
    await settle();
    expect(abandonedCall.result()).toEqual(new Error('timed out while queued'));
    expect(bulkhead.metrics().queuedCalls).toBe(1);

    running.finish();
    await settle();
    expect(abandoned.started).toBe(false);
    expect(next.started).toBe(true);
    next.finish('next');
    await settle();
    expect(nextCall.result()).toBe('next');
  });

  it('answers an aborting caller at once but holds the slot until the operation really ends', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueued: 1 });
    const [deaf, waiting] = [gate(), gate()];
    const caller = new AbortController();
    const deafCall = track(bulkhead.execute(deaf.op, caller.signal));
    track(bulkhead.execute(waiting.op));
    await settle();

    caller.abort(new Error('gave up'));
    await settle();
    expect(deafCall.result()).toEqual(new Error('gave up'));
    expect(deaf.signal?.aborted, 'the operation is told').toBe(true);
    expect(waiting.started, 'the deaf operation still occupies the slot').toBe(false);

    deaf.finish();
    await settle();
    expect(waiting.started).toBe(true);
  });

  it('rejects an already aborted call without queueing it', async () => {
    const bulkhead = new Bulkhead({ maxConcurrent: 1 });
    const g = gate();

    await expect(bulkhead.execute(g.op, AbortSignal.abort(new Error('no')))).rejects.toThrow('no');
    expect(g.started).toBe(false);
    expect(bulkhead.metrics()).toMatchObject({ activeCalls: 0, rejectedCalls: 0 });
  });

  it('rejects limits that are not whole numbers', () => {
    expect(() => new Bulkhead({ maxConcurrent: 0 })).toThrow("invalid bulkhead option 'maxConcurrent', was 0");
    expect(() => new Bulkhead({ maxConcurrent: 1, maxQueued: 0.5 })).toThrow("option 'maxQueued', was 0.5");
  });
});

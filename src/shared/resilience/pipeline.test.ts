import { describe, expect, it } from 'vitest';
import { AtbError } from '../errors.js';
import { Bulkhead } from './bulkhead.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { FakeClock } from './fake-clock.js';
import { pipeline } from './pipeline.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';
import { Retry } from './retry.js';
import { Timeout } from './timeout.js';

/** A policy that notes when it is entered and passes a signal of its own down. */
function tracing(name: string, log: string[]): ResiliencePolicy {
  return {
    execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
      log.push(`${name}:${signal === undefined ? 'no signal' : 'signal'}`);
      return operation(new AbortController().signal);
    },
  };
}

describe('pipeline', () => {
  it('nests policies with the first one outermost', async () => {
    const log: string[] = [];

    const result = await pipeline(tracing('a', log), tracing('b', log), tracing('c', log)).execute(() => {
      log.push('operation');
      return Promise.resolve(42);
    });

    expect(result).toBe(42);
    expect(log).toEqual(['a:signal', 'b:signal', 'c:signal', 'operation']);
  });

  it('with no policies runs the operation, a synchronous throw becoming a rejection', async () => {
    const failing = (): Promise<number> => {
      throw new Error('sync');
    };

    await expect(pipeline().execute(() => Promise.resolve(1))).resolves.toBe(1);
    await expect(pipeline().execute(failing)).rejects.toThrow('sync');
  });

  it('retry(timeout(breaker(bulkhead))): timeouts trip the breaker, which then spares the dependency', async () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({
      name: 'venue',
      slidingWindow: { kind: 'count', calls: 3 },
      minimumNumberOfCalls: 3,
      waitDurationInOpenStateMs: 10_000,
      clock,
    });
    const bulkhead = new Bulkhead({ name: 'venue', maxConcurrent: 1 });
    const guarded = pipeline(
      new Retry({ name: 'venue', maxAttempts: 5, clock, random: () => 0 }),
      new Timeout({ name: 'venue', timeoutMs: 100, clock }),
      breaker,
      bulkhead,
    );
    let dependencyCalls = 0;
    const hangs = (signal: AbortSignal): Promise<never> => {
      dependencyCalls++;
      return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    };

    const outcome = guarded.execute(hangs).catch((e: unknown) => e);
    await clock.advance(1_000);
    const error = await outcome;

    expect(dependencyCalls, 'three timed-out attempts, then the open circuit answers').toBe(3);
    expect(clock.now()).toBe(1_000);
    expect(error).toBeInstanceOf(AtbError);
    expect(error).toMatchObject({ code: 'RETRIES_EXHAUSTED', details: { attempts: 5, elapsedMs: 300 } });
    expect((error as AtbError).cause).toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(breaker.metrics()).toMatchObject({ state: 'OPEN', failedCalls: 3, notPermittedCalls: 2 });
    expect(bulkhead.metrics().activeCalls, 'aborted attempts gave their slots back').toBe(0);
    expect(clock.pendingSleeps).toBe(0);
  });
});

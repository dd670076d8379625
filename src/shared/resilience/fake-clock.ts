import type { ResilienceClock } from './resilience-clock.js';

interface PendingSleep {
  readonly dueMs: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * A clock for tests that moves only when told to. `advance(ms)` fires due sleeps in time order and lets
 * the code awakened by each one run (and schedule new sleeps) before moving on, so a test reads like a
 * timeline. Shared with the tests of other layers.
 *
 * @example
 * const clock = new FakeClock();
 * const done = clock.sleep(100).then(() => clock.now());
 * await clock.advance(100);
 * expect(await done).toBe(100);
 */
export class FakeClock implements ResilienceClock {
  #nowMs: number;
  #seq = 0;
  readonly #sleeps = new Set<PendingSleep>();

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  /** How many sleeps are waiting: a test can assert that nothing was left behind. */
  get pendingSleeps(): number {
    return this.#sleeps.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        this.#sleeps.delete(entry);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
        reject(signal?.reason);
      };
      const entry: PendingSleep = {
        dueMs: this.#nowMs + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#sleeps.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward by `ms`, waking due sleeps one at a time in (due time, creation) order. */
  async advance(ms: number): Promise<void> {
    const targetMs = this.#nowMs + ms;
    await settle();
    for (let next = this.#nextDue(targetMs); next !== undefined; next = this.#nextDue(targetMs)) {
      this.#sleeps.delete(next);
      this.#nowMs = Math.max(this.#nowMs, next.dueMs);
      next.resolve();
      await settle();
    }
    this.#nowMs = targetMs;
    await settle();
  }

  #nextDue(targetMs: number): PendingSleep | undefined {
    let best: PendingSleep | undefined;
    for (const sleep of this.#sleeps) {
      if (sleep.dueMs > targetMs) continue;
      if (best === undefined || sleep.dueMs < best.dueMs || (sleep.dueMs === best.dueMs && sleep.seq < best.seq)) {
        best = sleep;
      }
    }
    return best;
  }
}

/**
 * Lets every pending promise continuation run. One macrotask turn drains the whole microtask queue,
 * however long the chain of awaits, which a fixed number of `await Promise.resolve()` would not.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Time as an input. Every resilience primitive reads the time and sleeps only through this interface, so
 * tests drive them with a fake clock (fake-clock.ts) and a backtest never waits on the wall clock.
 */
export interface ResilienceClock {
  /** Milliseconds on a monotonic scale. Only differences are meaningful; the origin is unspecified. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. If `signal` aborts first, rejects with `signal.reason` and forgets
   * the timer, so an abandoned sleep holds nothing.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A uniform random number in [0, 1). `Math.random` in production, a deterministic source in tests. */
export type RandomSource = () => number;

/**
 * The real clock. `performance.now()` rather than `Date.now()` because durations, open-state waits and
 * retry budgets must not jump when the wall clock is corrected (NTP steps, leap smearing).
 *
 * @example
 * const retry = new Retry({ maxAttempts: 3, clock: systemClock });
 */
export const systemClock: ResilienceClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * `Math.random`, named so that call sites show randomness is an input here.
 *
 * @example
 * new Retry({ random: mathRandom }); // the default; tests pass a deterministic source
 */
export const mathRandom: RandomSource = () => Math.random();

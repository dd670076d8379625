import { AtbError } from '../errors.js';
import { abortable, invoke, linkedController } from './abort.js';
import { checkMs } from './option-checks.js';
import { systemClock, type ResilienceClock } from './resilience-clock.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';

export interface TimeoutOptions {
  /** Names the guarded dependency in the TIMEOUT error. Default 'operation'. */
  readonly name?: string;
  readonly timeoutMs: number;
  readonly clock?: ResilienceClock;
}

/**
 * Bounds how long a call may take. When the time is up it aborts the operation's signal with an AtbError
 * TIMEOUT as the reason and rejects with that same error, without waiting for the operation to notice.
 * Hand-written rather than cockatiel's TimeoutPolicy because that one runs on `setTimeout` and cannot be
 * driven by an injected clock.
 *
 * The operation's signal is not aborted when it completes in time, so work it hands back (a stream, a
 * subscription) may keep using it.
 *
 * @example
 * const timeout = new Timeout({ name: 'redis.get', timeoutMs: 250 });
 * const value = await timeout.execute((signal) => cache.get(key, signal));
 */
export class Timeout implements ResiliencePolicy {
  readonly name: string;
  readonly timeoutMs: number;
  readonly #clock: ResilienceClock;

  constructor(options: TimeoutOptions) {
    this.name = options.name ?? 'operation';
    this.timeoutMs = checkMs('timeout', 'timeoutMs', options.timeoutMs, { positive: true });
    this.#clock = options.clock ?? systemClock;
  }

  async execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const { controller, unlink } = linkedController(signal);
    const timer = new AbortController();
    this.#clock.sleep(this.timeoutMs, timer.signal).then(
      () => controller.abort(timeoutError(this.name, this.timeoutMs)),
      () => undefined, // the call ended first and cancelled the timer
    );
    try {
      return await abortable(invoke(operation, controller.signal), controller.signal);
    } finally {
      timer.abort();
      unlink();
    }
  }
}

/**
 * The error a timed-out call rejects with; also the reason its signal is aborted with.
 *
 * @example
 * controller.abort(timeoutError('postgres.query', 5_000));
 */
export function timeoutError(name: string, timeoutMs: number): AtbError {
  return new AtbError('TIMEOUT', `'${name}' took longer than ${timeoutMs} ms`, { name, timeoutMs });
}

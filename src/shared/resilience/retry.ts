import { AtbError } from '../errors.js';
import { abortable, invoke } from './abort.js';
import { checkInteger, checkMs } from './option-checks.js';
import { mathRandom, systemClock, type RandomSource, type ResilienceClock } from './resilience-clock.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';

/** What `onRetry` hears before each backoff sleep: enough for a log line or a retry counter. */
export interface RetryEvent {
  readonly name: string;
  /** The attempt that just failed, counting from 1. */
  readonly attempt: number;
  readonly error: unknown;
  readonly delayMs: number;
  readonly elapsedMs: number;
}

export interface RetryOptions {
  /** Names the guarded dependency in errors and events. Default 'operation'. */
  readonly name?: string;
  /** Attempts in all, the first one included (1 = never retry). Default 3. */
  readonly maxAttempts?: number;
  /** Backoff ceiling before the first retry; it doubles per failed attempt. Default 100 ms. */
  readonly baseDelayMs?: number;
  /** Cap on the backoff ceiling. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Total time from the first attempt after which no attempt starts. Default Infinity (no budget). */
  readonly budgetMs?: number;
  /** Which errors may be retried. Default: those carrying `retryable: true` (see `isRetryable`). */
  readonly retryable?: (error: unknown) => boolean;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly clock?: ResilienceClock;
  readonly random?: RandomSource;
}

/**
 * The default retry rule: the error says so itself, as AtbError and DomainError do via `retryable`.
 *
 * @example
 * isRetryable(new AtbError('UNAVAILABLE', 'down')); // true: the catalogue marks UNAVAILABLE retryable
 */
export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

/**
 * "Full jitter" backoff: a delay drawn uniformly from [0, min(cap, base * 2^attempt)), where `attempt`
 * counts the failed attempts before this one from 0. Spreading retries over the whole interval is what
 * keeps many clients that failed together from retrying together.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 *
 * @example
 * fullJitterDelayMs(3, 100, 10_000, Math.random); // somewhere in [0, 800)
 */
export function fullJitterDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: RandomSource,
): number {
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
}

/**
 * Retries failed attempts that are retryable, with capped exponential backoff and full jitter, within an
 * attempt limit and a time budget. A non-retryable error is rethrown at once, untouched; when the limit or
 * the budget is reached the last error becomes the `cause` of an AtbError RETRIES_EXHAUSTED. Hand-written
 * rather than cockatiel's RetryPolicy because that one sleeps on `setTimeout` (no injectable clock) and
 * its backoff sleep does not listen to the abort signal.
 *
 * Never wrap order placement in a Retry: a timed-out order has an unknown outcome and is reconciled with
 * the venue, not sent again (TIMEOUT is retryable by default).
 *
 * @example
 * const retry = new Retry({ name: 'binance.fetchOhlcv', maxAttempts: 5, budgetMs: 10_000,
 *   onRetry: (e) => log.warn({ attempt: e.attempt, delayMs: e.delayMs }, 'retrying') });
 * const bars = await retry.execute((signal) => exchange.fetchOhlcv(symbol, signal));
 */
export class Retry implements ResiliencePolicy {
  readonly name: string;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #budgetMs: number;
  readonly #retryable: (error: unknown) => boolean;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;
  readonly #clock: ResilienceClock;
  readonly #random: RandomSource;

  constructor(options: RetryOptions = {}) {
    this.name = options.name ?? 'operation';
    this.#maxAttempts = checkInteger('retry', 'maxAttempts', options.maxAttempts ?? 3, 1);
    this.#baseDelayMs = checkMs('retry', 'baseDelayMs', options.baseDelayMs ?? 100, { positive: true });
    this.#maxDelayMs = checkMs('retry', 'maxDelayMs', options.maxDelayMs ?? 10_000);
    this.#budgetMs = checkMs('retry', 'budgetMs', options.budgetMs ?? Infinity, { positive: true, infinite: true });
    this.#retryable = options.retryable ?? isRetryable;
    this.#onRetry = options.onRetry;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? mathRandom;
  }

  async execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
    const attemptSignal = signal ?? new AbortController().signal;
    const startMs = this.#clock.now();
    for (let attempt = 1; ; attempt++) {
      attemptSignal.throwIfAborted();
      try {
        return await abortable(invoke(operation, attemptSignal), signal);
      } catch (error) {
        // The caller gave up: its reason wins over whatever the attempt made of the abort.
        attemptSignal.throwIfAborted();
        if (!this.#retryable(error)) throw error;
        const elapsedMs = this.#clock.now() - startMs;
        if (attempt >= this.#maxAttempts) {
          throw this.#exhausted(error, attempt, elapsedMs, `${attempt} attempts, the most allowed`);
        }
        const delayMs = fullJitterDelayMs(attempt - 1, this.#baseDelayMs, this.#maxDelayMs, this.#random);
        if (elapsedMs + delayMs >= this.#budgetMs) {
          const limit = `the next attempt would start past the ${this.#budgetMs} ms budget`;
          throw this.#exhausted(error, attempt, elapsedMs, limit);
        }
        this.#onRetry?.({ name: this.name, attempt, error, delayMs, elapsedMs });
        await this.#clock.sleep(delayMs, signal);
      }
    }
  }

  #exhausted(lastError: unknown, attempts: number, elapsedMs: number, limit: string): AtbError {
    const last = lastError instanceof Error ? lastError.message : String(lastError);
    return new AtbError(
      'RETRIES_EXHAUSTED',
      `'${this.name}' failed ${attempts} times in ${Math.round(elapsedMs)} ms and gave up (${limit}): ${last}`,
      {
        name: this.name,
        attempts,
        elapsedMs,
        maxAttempts: this.#maxAttempts,
        budgetMs: this.#budgetMs,
        lastErrorCode: (lastError as { code?: unknown } | null)?.code,
      },
      { cause: lastError },
    );
  }
}

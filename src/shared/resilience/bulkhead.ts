import { AtbError } from '../errors.js';
import { abortable, invoke } from './abort.js';
import { checkInteger } from './option-checks.js';
import type { Operation, ResiliencePolicy } from './resilience-policy.js';

export interface BulkheadOptions {
  /** Names the guarded dependency in the BULKHEAD_FULL error. Default 'operation'. */
  readonly name?: string;
  /** Calls allowed to run at once. */
  readonly maxConcurrent: number;
  /** Calls allowed to wait for a slot, first in first out. Default 0: reject as soon as all slots are busy. */
  readonly maxQueued?: number;
}

/** A plain snapshot for metrics and health checks. */
export interface BulkheadMetrics {
  readonly name: string;
  readonly activeCalls: number;
  readonly queuedCalls: number;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  /** Calls turned away with BULKHEAD_FULL since construction (a counter, never reset). */
  readonly rejectedCalls: number;
}

/**
 * Limits concurrent calls to a dependency, with a bounded FIFO queue; beyond both it rejects at once with
 * AtbError BULKHEAD_FULL. A slot is held until the operation really ends, even when the caller stopped
 * waiting (abort, timeout), so an operation that ignores its signal still counts against the limit.
 *
 * Hand-written rather than cockatiel's BulkheadPolicy (3.2.1): there a queued call whose signal aborts is
 * neither removed nor rejected until a slot frees, and when it is then skipped the freed slot is not handed
 * on, so the calls queued behind it wait for unrelated new traffic (cockatiel PR #114). Here an aborted
 * waiter leaves the queue at once and a freed slot passes straight to the next waiter.
 *
 * @example
 * const bulkhead = new Bulkhead({ name: 'postgres', maxConcurrent: 10, maxQueued: 100 });
 * const rows = await bulkhead.execute((signal) => db.query(sql, signal));
 */
export class Bulkhead implements ResiliencePolicy {
  readonly name: string;
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  readonly #waiters: (() => void)[] = [];
  #active = 0;
  #rejected = 0;

  constructor(options: BulkheadOptions) {
    this.name = options.name ?? 'operation';
    this.#maxConcurrent = checkInteger('bulkhead', 'maxConcurrent', options.maxConcurrent, 1);
    this.#maxQueued = checkInteger('bulkhead', 'maxQueued', options.maxQueued ?? 0, 0);
  }

  async execute<T>(operation: Operation<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.#active < this.#maxConcurrent) this.#active++;
    else if (this.#waiters.length < this.#maxQueued) await this.#waitForSlot(signal);
    else {
      this.#rejected++;
      throw new AtbError(
        'BULKHEAD_FULL',
        `'${this.name}' is at its limit of ${this.#maxConcurrent} concurrent and ${this.#maxQueued} queued calls`,
        { name: this.name, maxConcurrent: this.#maxConcurrent, maxQueued: this.#maxQueued },
      );
    }
    const running = invoke(operation, signal ?? new AbortController().signal);
    const release = (): void => this.#release();
    running.then(release, release);
    return abortable(running, signal);
  }

  metrics(): BulkheadMetrics {
    return {
      name: this.name,
      activeCalls: this.#active,
      queuedCalls: this.#waiters.length,
      maxConcurrent: this.#maxConcurrent,
      maxQueued: this.#maxQueued,
      rejectedCalls: this.#rejected,
    };
  }

  /** Resolves once a finishing call has handed its slot over; `#active` already counts it then. */
  #waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
        reject(signal?.reason);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#active--;
    else next();
  }
}

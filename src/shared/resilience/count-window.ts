import { Tally, type CallTotals, type SlidingWindow } from './call-window.js';

const RECORDED = 1;
const FAILED = 2;
const SLOW = 4;

/**
 * Resilience4j's COUNT_BASED window: the outcomes of the last `size` calls, in a ring buffer of one byte
 * per call.
 *
 * @example
 * const window = new CountWindow(100);
 * window.record(true, false, clock.now()).failedCalls; // 1
 */
export class CountWindow implements SlidingWindow {
  readonly #outcomes: Uint8Array;
  readonly #total = new Tally();
  #next = 0;

  constructor(readonly size: number) {
    this.#outcomes = new Uint8Array(size);
  }

  record(failed: boolean, slow: boolean): CallTotals {
    const evicted = this.#outcomes[this.#next] ?? 0;
    if (evicted !== 0) this.#total.add((evicted & FAILED) !== 0, (evicted & SLOW) !== 0, -1);
    this.#outcomes[this.#next] = RECORDED | (failed ? FAILED : 0) | (slow ? SLOW : 0);
    this.#total.add(failed, slow);
    this.#next = (this.#next + 1) % this.size;
    return this.#total.snapshot();
  }

  totals(): CallTotals {
    return this.#total.snapshot();
  }
}

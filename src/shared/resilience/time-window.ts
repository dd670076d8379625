import { Tally, type CallTotals, type SlidingWindow } from './call-window.js';

interface Bucket {
  epochSecond: number;
  readonly tally: Tally;
}

/**
 * Resilience4j's TIME_BASED window: the outcomes of the last `seconds` seconds, as one bucket per clock
 * second in a ring. A call lands in the bucket of its second; moving to a later second empties the
 * buckets that fell out and subtracts them from the running total. So the window is the current partial
 * second plus the `seconds - 1` whole seconds before it.
 *
 * @example
 * const window = new TimeWindow(60, clock.now());
 * window.record(false, true, clock.now()).slowCalls; // 1
 */
export class TimeWindow implements SlidingWindow {
  readonly #buckets: readonly Bucket[];
  readonly #total = new Tally();
  #head: Bucket;
  #headIndex = 0;

  constructor(
    readonly seconds: number,
    nowMs: number,
  ) {
    const epochSecond = Math.floor(nowMs / 1000);
    this.#buckets = Array.from({ length: seconds }, () => ({ epochSecond, tally: new Tally() }));
    this.#head = this.#bucketAt(0);
  }

  record(failed: boolean, slow: boolean, nowMs: number): CallTotals {
    this.#moveTo(nowMs).tally.add(failed, slow);
    this.#total.add(failed, slow);
    return this.#total.snapshot();
  }

  totals(nowMs: number): CallTotals {
    this.#moveTo(nowMs);
    return this.#total.snapshot();
  }

  #moveTo(nowMs: number): Bucket {
    const epochSecond = Math.floor(nowMs / 1000);
    // A clock that stepped back (it should not: ResilienceClock is monotonic) keeps using the head bucket.
    let steps = Math.min(epochSecond - this.#head.epochSecond, this.seconds);
    while (steps > 0) {
      steps--;
      this.#headIndex = (this.#headIndex + 1) % this.seconds;
      this.#head = this.#bucketAt(this.#headIndex);
      this.#total.subtract(this.#head.tally);
      this.#head.tally.clear();
      this.#head.epochSecond = epochSecond - steps;
    }
    return this.#head;
  }

  #bucketAt(index: number): Bucket {
    const bucket = this.#buckets[index];
    if (bucket === undefined) throw new Error(`time window bucket ${index} out of range 0..${this.seconds - 1}`);
    return bucket;
  }
}

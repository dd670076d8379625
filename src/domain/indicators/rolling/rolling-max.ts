/**
 * The largest of the last `period` inputs, in amortised O(1) per input: a monotonic deque of the
 * inputs that can still become the maximum (each enters and leaves it once). For a rolling minimum,
 * push `-x` and negate the result (negation is exact). NaN while a non-finite input is in the window.
 * Allocation-free after construction.
 */
export class RollingMax {
  readonly period: number;
  /** Deque as a ring: candidate values and their input numbers, decreasing in value front to back. */
  private readonly values: Float64Array;
  private readonly indices: Float64Array;
  private head = 0;
  private length = 0;
  /** Number of inputs pushed so far; the newest input has number `seen - 1`. */
  private seen = 0;
  private lastNonFinite = -Infinity;

  constructor(period: number) {
    this.period = period;
    this.values = new Float64Array(period);
    this.indices = new Float64Array(period);
  }

  get isFull(): boolean {
    return this.seen >= this.period;
  }

  push(x: number): void {
    const index = this.seen++;
    const period = this.period;
    const values = this.values;
    const indices = this.indices;
    while (this.length > 0 && (indices[this.head] ?? 0) <= index - period) {
      this.head = this.head + 1 === period ? 0 : this.head + 1;
      this.length -= 1;
    }
    if (x - x !== 0) {
      this.lastNonFinite = index;
      return;
    }
    while (this.length > 0) {
      let back = this.head + this.length - 1;
      if (back >= period) back -= period;
      if ((values[back] ?? 0) > x) break;
      this.length -= 1;
    }
    let slot = this.head + this.length;
    if (slot >= period) slot -= period;
    values[slot] = x;
    indices[slot] = index;
    this.length += 1;
  }

  /** The window's maximum; NaN while a non-finite input is inside it. */
  max(): number {
    if (this.lastNonFinite > this.seen - 1 - this.period || this.length === 0) return Number.NaN;
    return this.values[this.head] ?? Number.NaN;
  }

  reset(): void {
    this.head = 0;
    this.length = 0;
    this.seen = 0;
    this.lastNonFinite = -Infinity;
  }
}

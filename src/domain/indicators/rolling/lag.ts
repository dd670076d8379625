/** The input `period` updates ago: a ring of the last `period + 1` inputs. */
export class Lag {
  readonly period: number;
  private readonly ring: Float64Array;
  private next = 0;
  private seen = 0;

  constructor(period: number) {
    this.period = period;
    this.ring = new Float64Array(period + 1);
  }

  /** Stores `x` and returns the input from `period` updates earlier (NaN until there is one). */
  push(x: number): number {
    const ring = this.ring;
    const slot = this.next;
    ring[slot] = x;
    this.next = slot + 1 === ring.length ? 0 : slot + 1;
    this.seen += 1;
    return this.seen > this.period ? (ring[this.next] ?? Number.NaN) : Number.NaN;
  }

  reset(): void {
    this.next = 0;
    this.seen = 0;
  }
}

/**
 * An exact sum of doubles held as non-overlapping partials (Shewchuk's expansion, the algorithm of
 * Python's `math.fsum`), rounded once on demand. Hand-written because no dependency is allowed in the
 * domain; it backs the rare windows that the fixed-point fast path of the rolling sums cannot hold.
 *
 * Invariant: `partials[0..count)` are non-overlapping and increasing in magnitude, and their exact sum
 * is the exact sum of every value added. Finite inputs only (callers keep non-finite values out).
 */
export class ExactSum {
  /** Non-overlapping doubles over the ~2100-bit double range cannot number more than ~40. */
  private readonly partials = new Float64Array(48);
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  add(value: number): void {
    const partials = this.partials;
    let x = value;
    let kept = 0;
    for (let j = 0; j < this.count; j++) {
      let y = partials[j] ?? 0;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials[kept++] = x;
    this.count = kept;
  }

  /** Adds `a * b` exactly (Dekker's product split: the rounding error of a*b is itself a double). */
  addProduct(a: number, b: number): void {
    const product = a * b;
    this.add(product);
    this.add(productError(a, b, product));
  }

  /** Adds `factor` times another exact sum, exactly. */
  addScaled(other: ExactSum, factor: number): void {
    for (let j = 0; j < other.count; j++) this.addProduct(other.partials[j] ?? 0, factor);
  }

  /** The exact sum rounded to the nearest double, ties to even: a function of the sum alone. */
  round(): number {
    const partials = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = partials[--n] ?? 0;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n] ?? 0;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: the dropped tail decides whether `lo` pushes past the rounding midpoint.
    const next = n > 0 ? (partials[n - 1] ?? 0) : 0;
    if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

const SPLITTER = 134_217_729; // 2^27 + 1, Veltkamp's splitting constant for doubles

/** The exact rounding error `a*b - fl(a*b)` (Dekker's TwoProduct; JavaScript has no fused multiply-add). */
export function productError(a: number, b: number, product: number): number {
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return aLo * bLo - (((product - aHi * bHi) - aLo * bHi) - aHi * bLo);
}

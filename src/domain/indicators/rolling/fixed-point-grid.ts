/**
 * The fixed-point grid behind the exact rolling sums.
 *
 * A value x is split into `hi = x rounded to a multiple of 2^k` and `lo = x - hi` (exact). When every
 * value of a window fits the grid, sums of the `hi` parts are sums of integers times 2^k and sums of
 * the `lo` parts are sums of integers times 2^q, both small enough to be exact in a double, whatever
 * the order of additions and removals. So a rolling sum kept as (hiSum, loSum) never drifts, and
 * `hiSum + loSum`, rounded once, is a function of the window's values alone.
 *
 * The grid is placed from the largest magnitude M of the window (k = exponent(M) - 25). A value with
 * a full 53-bit mantissa fits when its exponent lies within [exponent(M) - 26 + g, exponent(M) + 27 - g]
 * where g are the growth bits of the sum (about log2 of the window length): for a 20-bar window every
 * value between M / 2^20 and M * 2^21 fits; values with short mantissas (integers, halves, zero) fit
 * far outside that. The rolling sums fall back to an exact expansion for windows that do not fit.
 */
export interface Grid {
  /** 1.5 * 2^(52 + k): (x + hiMagic) - hiMagic rounds x to a multiple of 2^k. */
  readonly hiMagic: number;
  /** 1.5 * 2^(52 + q): the low part passes `(lo + loMagic) - loMagic === lo` iff it is a multiple of 2^q. */
  readonly loMagic: number;
  /** Largest magnitude a value may have, 2^(53 + k - g). */
  readonly bound: number;
  /**
   * 2^(52 + q): every double of at least this magnitude is a multiple of 2^q, so every value in
   * [floor, bound] fits without the low-part test. Checking that range first is cheaper in hot loops.
   */
  readonly floor: number;
}

/**
 * Growth bits for partial sums whose coefficients add up to at most `mass` times the largest value:
 * every intermediate result stays below 2^(53 + k) in the high part and below 2^(53 + q) in the low one.
 */
export function growthBits(mass: number): number {
  return Math.ceil(Math.log2(mass + 1)) + 1;
}

/** The grid for a window whose largest magnitude is `maxAbs` (0 for an all-zero window). */
export function gridFor(maxAbs: number, growth: number): Grid {
  return {
    hiMagic: hiMagicFor(maxAbs),
    loMagic: loMagicFor(maxAbs, growth),
    bound: boundFor(maxAbs, growth),
    floor: floorFor(maxAbs, growth),
  };
}

/*
 * The grid's numbers one by one, for the batch hot loops: they keep no object alive, so V8 has nothing
 * to discard their optimised code for when a garbage collection runs (measured: it did, with gridFor).
 */

/** k = exponent(maxAbs) - 25: the grid sits in the middle of the magnitudes a 53-bit value can span. */
function gridExponent(maxAbs: number): number {
  return (maxAbs > 0 ? binaryExponent(maxAbs) : 0) - 25;
}

export function hiMagicFor(maxAbs: number): number {
  return 1.5 * 2 ** (52 + gridExponent(maxAbs));
}

export function loMagicFor(maxAbs: number, growth: number): number {
  return 1.5 * 2 ** (gridExponent(maxAbs) - 1 + growth);
}

export function boundFor(maxAbs: number, growth: number): number {
  return 2 ** (53 + gridExponent(maxAbs) - growth);
}

/**
 * The magnitude from which every double fits the low grid: its last mantissa bit, 2^(e - 52) for
 * 2^e <= |x|, is then at least 2^q. Below it a value fits only if its low bits are zero.
 */
export function floorFor(maxAbs: number, growth: number): number {
  return 2 ** (gridExponent(maxAbs) - 1 + growth);
}

/** The binary exponent e of a finite non-zero x: 2^e <= |x| < 2^(e+1). */
function binaryExponent(x: number): number {
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  // Math.log2 may land one off next to a power of two; 2 ** e is exact, so correct against it.
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  return e;
}

/** True when x (finite) fits `grid`: small enough and with no bits below the low part's resolution. */
export function fitsGrid(x: number, grid: Grid): boolean {
  const a = Math.abs(x);
  if (a >= grid.floor && a <= grid.bound) return true;
  const hi = x + grid.hiMagic - grid.hiMagic;
  const lo = x - hi;
  return a <= grid.bound && lo + grid.loMagic - grid.loMagic === lo;
}

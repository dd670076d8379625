// An independent oracle for exact sums of doubles: BigInt arithmetic in units of 2^-1074 (the
// smallest subnormal), so every double and every sum of doubles is an exact integer.

/** x * 2^1074, exactly, for finite x. */
export function toUnits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (exponent === 0) return sign * fraction;
  return sign * ((fraction | (1n << 52n)) << BigInt(exponent - 1));
}

function neighbour(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const distance = (a: bigint, b: bigint): bigint => (a > b ? a - b : b - a);

/** True when `rounded` is the double nearest to the exact sum of `values` (ties to even). */
export function isCorrectlyRounded(values: readonly number[], rounded: number): boolean {
  const exact = values.reduce((sum, v) => sum + toUnits(v), 0n);
  const here = distance(exact, toUnits(rounded));
  for (const other of [neighbour(rounded, true), neighbour(rounded, false)]) {
    if (!Number.isFinite(other)) continue;
    const there = distance(exact, toUnits(other));
    if (there < here) return false;
    // A tie goes to the double whose last mantissa bit is 0.
    if (there === here && lastBit(rounded) === 1n) return false;
  }
  return true;
}

function lastBit(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0) & 1n;
}

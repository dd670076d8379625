/**
 * A seeded pseudo-random source for simulations (synthetic data, Monte Carlo). Same seed, same sequence,
 * on every machine: nothing here reads the clock or Math.random.
 *
 * Hand-written rather than a package because shared/ takes no runtime dependency and the generators are
 * a dozen published lines: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c)
 * seeded through splitmix32, and Marsaglia's polar method for normals. xoshiro128** passes BigCrush and runs on 32-bit
 * integer arithmetic, which JavaScript does exactly with Math.imul and `>>> 0`.
 */
export interface SeededRandom {
  /** A uniform integer in [0, 2^32). */
  uint32(): number;
  /** A uniform float in the open interval (0, 1): never 0, so `Math.log(next())` is always finite. */
  next(): number;
  /** A standard normal variate (mean 0, standard deviation 1). */
  normal(): number;
}

const TWO_POW_32 = 4_294_967_296;

/** A generator for `seed`, any safe integer (negative seeds are fine and differ from their absolute value). */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`invalid seed, was ${String(seed)}: expected a safe integer`);
  }
  // splitmix32 spreads the seed's low and high 32 bits over the 128-bit state, so that nearby seeds
  // (1, 2, 3) start far apart and the all-zero state (which xoshiro never leaves) cannot occur.
  let mix = (seed | 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x9e3779b9);
  const splitmix = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // State in a typed array: int32 values outside the 31-bit small-integer range would otherwise be boxed
  // on every update when kept in closure variables, which made generation several times slower.
  const s = new Int32Array([splitmix(), splitmix(), splitmix(), splitmix()]);

  const uint32 = (): number => {
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = (s[2] ?? 0) ^ s0;
    const s3 = (s[3] ?? 0) ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return result;
  };
  const next = (): number => (uint32() + 0.5) / TWO_POW_32;

  // Marsaglia's polar method: normals in pairs, the second kept for the next call. It avoids Box-Muller's
  // sine and cosine, which dominated the cost of synthesising a million bars.
  const spare = new Float64Array(1);
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0] ?? 0;
    }
    let u: number;
    let v: number;
    let r2: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      r2 = u * u + v * v;
    } while (r2 >= 1);
    const factor = Math.sqrt((-2 * Math.log(r2)) / r2);
    spare[0] = v * factor;
    hasSpare = true;
    return u * factor;
  };

  return { uint32, next, normal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.js';
import { RollingMoments } from './rolling-moments.js';
import { twoPassVariance } from './variance.js';

/** Population variance of the last window pushed, through the O(1) path with its two-pass fallback. */
function rollingVariance(values: readonly number[]): number {
  const moments = new RollingMoments(values.length);
  values.forEach((v) => moments.push(v));
  return moments.variance(moments.mean());
}

/** Reference: two passes around the correctly rounded mean, deviations squared and summed exactly. */
function twoPass(values: readonly number[]): number {
  const sum = new ExactSum();
  values.forEach((v) => sum.add(v));
  const mean = values.every((v) => v === values[0]) ? (values[0] ?? 0) : sum.round() / values.length;
  const squares = new ExactSum();
  values.forEach((v) => squares.addProduct(v - mean, v - mean));
  return squares.round() / values.length;
}

describe('rolling variance', () => {
  // NIST StRD univariate certified values (https://www.itl.nist.gov/div898/strd/univ/homepage.html),
  // the cancellation stress tests also used by TA-Lib's ta_regtest (#118). NIST certifies the sample
  // deviation; the population variance is s^2 * (n - 1) / n.
  it('passes NIST StRD NumAcc1 (1e7 + 1, 1e7 + 2, 1e7 + 3): variance 2/3', () => {
    expect(Math.abs(rollingVariance([10000001, 10000002, 10000003]) - 2 / 3)).toBeLessThan(1e-12);
  });

  it.each([
    ['NumAcc2', 0, 1e-12],
    ['NumAcc3', 999999, 1e-8],
    ['NumAcc4', 9999999, 1e-6],
  ])('passes NIST StRD %s (1001 values around %d): variance 10/1001 within %d', (_, base, tolerance) => {
    const values = [base + 1.2];
    for (let i = 0; i < 500; i++) values.push(base + 1.1, base + 1.3);
    const relative = Math.abs(rollingVariance(values) - 10 / 1001) / (10 / 1001);
    expect(relative).toBeLessThan(tolerance);
  });

  it('is exactly 0 on a flat window at any level, and never negative', () => {
    expect(rollingVariance(Array.from({ length: 20 }, () => 1234567.891))).toBe(0);
    expect(rollingVariance([1e8, 1e8 + 0.01, 1e8, 1e8 - 0.01, 1e8])).toBeGreaterThan(0);
  });

  it('stays within 1e-9 of the two-pass variance at any level-to-deviation ratio (fast path and fallback)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-7, max: 0.5, noNaN: true }),
        // Steps of 1e-3: deviations stay well above one ulp of the level, where a variance means something.
        fc.array(fc.integer({ min: -1000, max: 1000 }).map((u) => u / 1000), { minLength: 20, maxLength: 20 }),
        (level, spread, noise) => {
          const values = noise.map((u) => level * (1 + spread * u));
          const reference = twoPass(values);
          fc.pre(reference > 0);
          expect(Math.abs(rollingVariance(values) - reference) / reference).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays accurate for a small spread on a high level (where mean(x^2) - mean^2 fails)', () => {
    const values = Array.from({ length: 20 }, (_, i) => 1e8 + (i % 5) * 0.25);
    const naive = values.reduce((a, v) => a + v * v, 0) / 20 - (values.reduce((a, v) => a + v, 0) / 20) ** 2;
    const reference = twoPass(values);
    expect(Math.abs(rollingVariance(values) - reference) / reference).toBeLessThan(1e-9);
    expect(Math.abs(naive - reference) / reference, 'the naive formula really is wrong here').toBeGreaterThan(1e-3);
  });

  it('two-pass: a window wrapped around its ring gives the bit-identical variance of the same values laid out flat (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 1, maxLength: 41 }),
        fc.nat(),
        (window, rotation) => {
          const count = window.length;
          const shift = rotation % count;
          // The ring holds the window oldest first from slot `shift`, wrapping at its end.
          const ring = new Float64Array(count);
          window.forEach((v, t) => (ring[(shift + t) % count] = v));
          const flat = Float64Array.from(window);
          const mean = window.reduce((a, v) => a + v, 0) / count;
          expect(Object.is(twoPassVariance(ring, shift, count, mean), twoPassVariance(flat, 0, count, mean))).toBe(true);
          // And accurate: against deviations squared and summed exactly.
          const reference = twoPass(window);
          expect(Math.abs(twoPassVariance(flat, 0, count, mean) - reference)).toBeLessThanOrEqual(1e-12 * reference + 1e-16);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

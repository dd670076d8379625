import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.js';
import { RollingSum } from './rolling-sum.js';

/** Prices, tiny and huge values, zeros: the mixes that push the sum off its fixed-point grid. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000_000 }).map((i) => i / 100) },
  { weight: 1, arbitrary: fc.double({ min: -1e12, max: 1e12, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -1e-9, max: 1e-9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e300, -1e-300, 0.1, 0.7) },
);

function exactSum(values: readonly number[]): number {
  const sum = new ExactSum();
  values.forEach((v) => sum.add(v));
  return sum.round();
}

describe('RollingSum', () => {
  it('always holds the exact window sum, rounded once, whatever the magnitudes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(value, { maxLength: 200 }), (period, values) => {
        const rolling = new RollingSum(period);
        values.forEach((v, i) => {
          rolling.push(v);
          const window = values.slice(Math.max(0, i - period + 1), i + 1);
          expect(rolling.sum() === exactSum(window), `sum at ${i}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a window of equal values exactly that value as its mean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (period, c) => {
        const rolling = new RollingSum(period);
        for (let i = 0; i < period; i++) rolling.push(c);
        expect(rolling.mean()).toBe(c);
      }),
    );
  });

  it('is NaN while a non-finite input is in the window, and exact again after it left', () => {
    const rolling = new RollingSum(3);
    [1, 2, Number.POSITIVE_INFINITY, 4, 5].forEach((v) => rolling.push(v));
    expect(rolling.sum()).toBeNaN();
    rolling.push(6);
    expect(rolling.sum()).toBe(15);
    expect(rolling.mean()).toBe(5);
  });

  it('computes the two-pass variance and mean absolute deviation over the window, oldest first', () => {
    const rolling = new RollingSum(4);
    [100, 1, 2, 3, 4].forEach((v) => rolling.push(v));
    expect(rolling.varianceAround(2.5)).toBe(1.25);
    expect(rolling.meanAbsoluteDeviation(2.5)).toBe(1);
  });
});

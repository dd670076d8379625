import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.js';
import { RollingWeightedSum } from './rolling-weighted-sum.js';

const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000_000 }).map((i) => i / 100) },
  { weight: 1, arbitrary: fc.double({ min: -1e12, max: 1e12, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -1e-9, max: 1e-9, noNaN: true }) },
);

describe('RollingWeightedSum', () => {
  it('holds the exact sum, weighted sum and centred moment of the window (expansion oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.array(value, { maxLength: 150 }), (period, values) => {
        const rolling = new RollingWeightedSum(period);
        values.forEach((v, i) => {
          rolling.push(v);
          const window = values.slice(Math.max(0, i - period + 1), i + 1);
          const sum = new ExactSum();
          const weighted = new ExactSum();
          const moment = new ExactSum();
          window.forEach((y, j) => {
            sum.add(y);
            weighted.addProduct(j + 1, y);
            moment.addProduct(2 * (j + 1) - (window.length + 1), y);
          });
          // + 0 makes -0 and 0 alike: the sign of a zero sum is not part of the contract (a window of
          // [-0] sums to -0 in the oracle and to 0 here; fast-check found it).
          expect(rolling.sum() + 0, `sum at ${i}`).toBe(sum.round() + 0);
          expect(rolling.weightedSum() + 0, `weighted sum at ${i}`).toBe(weighted.round() + 0);
          // == rather than Object.is: an empty moment may come out as -0 from the oracle.
          expect(rolling.centeredMoment() === moment.round(), `moment at ${i}`).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('has a centred moment of exactly 0 on a flat window', () => {
    const rolling = new RollingWeightedSum(14);
    [5, 9, 1e6, 0.3, 0.1].forEach((v) => rolling.push(v));
    for (let i = 0; i < 14; i++) rolling.push(0.1);
    expect(rolling.centeredMoment()).toBe(0);
    expect(rolling.isConstant).toBe(true);
  });
});

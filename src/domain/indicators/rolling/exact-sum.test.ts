import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCorrectlyRounded, toUnits } from '../../../../test/indicators/exact-oracle.js';
import { ExactSum, productError } from './exact-sum.js';

const wild = fc.oneof(
  fc.double({ min: -1e200, max: 1e200, noNaN: true }),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((i) => i / 100),
);

describe('ExactSum', () => {
  it('rounds the exact sum of any doubles once, to nearest (BigInt oracle)', () => {
    fc.assert(
      fc.property(fc.array(wild, { maxLength: 40 }), (values) => {
        const sum = new ExactSum();
        for (const v of values) sum.add(v);
        expect(isCorrectlyRounded(values, sum.round()), `sum of ${values.join(', ')}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same result in any order of additions', () => {
    fc.assert(
      fc.property(fc.array(wild, { minLength: 1, maxLength: 30 }), (values) => {
        const forward = new ExactSum();
        const backward = new ExactSum();
        values.forEach((v) => forward.add(v));
        [...values].reverse().forEach((v) => backward.add(v));
        expect(Object.is(forward.round(), backward.round())).toBe(true);
      }),
    );
  });

  it('cancels exactly: 1e16 + 1 - 1e16 is 1 where plain addition gives 0', () => {
    const sum = new ExactSum();
    [1e16, 1, -1e16].forEach((v) => sum.add(v));
    expect(sum.round()).toBe(1);
    expect(1e16 + 1 - 1e16).toBe(0);
  });

  it('adds products exactly (Dekker): the error term makes a*b exact', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e100, max: 1e100, noNaN: true }), fc.double({ min: -1e100, max: 1e100, noNaN: true }), (a, b) => {
        const product = a * b;
        fc.pre(Number.isFinite(product) && Math.abs(product) > 1e-200);
        expect(toUnits(product) + toUnits(productError(a, b, product))).toBe(toUnits(a) * toUnits(b) / 2n ** 1074n);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridFor, growthBits } from './fixed-point-grid.js';

/** The low-part test alone, as the hot loops run it for values outside [floor, bound]. */
function lowPartFits(x: number, hiMagic: number, loMagic: number): boolean {
  const hi = x + hiMagic - hiMagic;
  const lo = x - hi;
  return lo + loMagic - loMagic === lo;
}

describe('fixed-point grid', () => {
  it('every double in [floor, bound] passes the low-part test, so the range check may stand in for it (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (maxAbs, period, at) => {
          const grid = gridFor(maxAbs, growthBits(period + 1));
          // A value with a full mantissa anywhere in [floor, bound], on a logarithmic scale.
          const x = grid.floor * (grid.bound / grid.floor) ** at * (1 + 2 ** -52);
          if (!(x >= grid.floor && x <= grid.bound)) return;
          expect(lowPartFits(x, grid.hiMagic, grid.loMagic), `${x} with maxAbs ${maxAbs}`).toBe(true);
          expect(lowPartFits(-x, grid.hiMagic, grid.loMagic), `${-x} with maxAbs ${maxAbs}`).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('floor is tight: the double just below it with a full mantissa fails the low-part test', () => {
    for (const maxAbs of [1e-6, 0.5, 101.37, 65_000, 3e12]) {
      const grid = gridFor(maxAbs, growthBits(21));
      const below = (grid.floor * (2 - 2 ** -52)) / 2;
      expect(below).toBeLessThan(grid.floor);
      expect(lowPartFits(below, grid.hiMagic, grid.loMagic), `${below} with maxAbs ${maxAbs}`).toBe(false);
    }
  });
});

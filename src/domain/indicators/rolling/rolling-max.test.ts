import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingMax } from './rolling-max.js';

describe('RollingMax', () => {
  it('is the maximum of the last `period` inputs, NaN while one of them is not finite (brute force)', () => {
    const input = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: -50, max: 50 }) },
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(input, { maxLength: 120 }), (period, values) => {
        const rolling = new RollingMax(period);
        values.forEach((v, i) => {
          rolling.push(v);
          const window = values.slice(Math.max(0, i - period + 1), i + 1);
          const expected = window.some((x) => Number.isNaN(x)) ? Number.NaN : Math.max(...window);
          expect(rolling.max(), `max at ${i} of [${window.join(', ')}]`).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
});

import BigJs from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, RoundingMode } from './decimal.js';

// Differential test: Decimal's compact fast paths must agree with plain big.js (the reference) on every
// operation, across the boundary where values stop fitting a safe integer.
const Ref = BigJs();
Ref.DP = 30;
Ref.RM = BigJs.roundHalfEven;
Ref.NE = -1_000_000;
Ref.PE = 1_000_000;

const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,18}$/), fc.stringMatching(/^[0-9]{0,24}$/))
  .map(([negative, integer, fraction]) => `${negative ? '-' : ''}${integer}${fraction.length > 0 ? `.${fraction}` : ''}`);
const positiveStep = fc.constantFrom('0.01', '0.5', '0.25', '5', '0.00001', '1', '0.1', '0.3', '10', '0.000000000000000000001', '123456789.123');
const modes = fc.constantFrom(...Object.values(RoundingMode));
const N = { numRuns: 2000 };
/** big.js prints negative zero as "-0"; ATB prints "0". */
const text = (x: BigJs.Big): string => (x.eq(0) ? '0' : x.toString());

describe('Decimal compact form agrees with big.js', () => {
  it('parses and prints the same text', () => {
    fc.assert(
      fc.property(decimalText, (a) => {
        expect(Decimal.of(a).toString()).toBe(text(new Ref(a)));
      }),
      N,
    );
  });

  it('adds, subtracts, multiplies and compares the same', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = Decimal.of(a);
        const y = Decimal.of(b);
        expect(x.add(y).toString()).toBe(text(new Ref(a).plus(b)));
        expect(x.sub(y).toString()).toBe(text(new Ref(a).minus(b)));
        expect(x.mul(y).toString()).toBe(text(new Ref(a).times(b)));
        expect(x.cmp(y)).toBe(new Ref(a).cmp(b));
        expect(x.toNumber()).toBe(Number(new Ref(a).toString()));
      }),
      N,
    );
  });

  it('divides the same', () => {
    fc.assert(
      fc.property(decimalText, decimalText.filter((b) => !new Ref(b).eq(0)), (a, b) => {
        expect(Decimal.of(a).div(Decimal.of(b)).toString()).toBe(text(new Ref(a).div(b)));
      }),
      N,
    );
  });

  it('rounds to a step and tests multiples the same as an exact modulo', () => {
    fc.assert(
      fc.property(decimalText, positiveStep, modes, (a, step, mode) => {
        const x = Decimal.of(a);
        const rounded = x.roundToStep(Decimal.of(step), mode);
        const ref = new Ref(a);
        const remainder = ref.mod(step);
        expect(rounded.isMultipleOf(Decimal.of(step))).toBe(true);
        expect(x.isMultipleOf(Decimal.of(step))).toBe(remainder.eq(0));
        // The result is one of the two grid neighbours (or x itself on the grid).
        const low = ref.minus(remainder);
        const high = remainder.eq(0) ? low : low.plus(ref.gte(0) ? step : `-${step}`);
        expect([text(low), text(high)]).toContain(rounded.toString());
      }),
      N,
    );
  });

  it('converts floats exactly as their shortest round-trip text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Decimal.fromNumber(x).toString()).toBe(text(new Ref(String(x))));
      }),
      N,
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10 }), (units, k) => {
        const x = units / 10 ** k; // prices and quantities as data files carry them
        expect(Decimal.fromNumber(x).toString()).toBe(text(new Ref(String(x))));
      }),
      N,
    );
  });

  it('keeps results exact past the safe-integer range', () => {
    const big = Decimal.of('9007199254740993'); // 2^53 + 1: not a double
    expect(big.add(Decimal.ONE).toString()).toBe('9007199254740994');
    expect(Decimal.of('99999999.99999999').mul(Decimal.of('99999999.99999999')).toString()).toBe('9999999999999998.0000000000000001');
    expect(Decimal.of('0.1').add(Decimal.of('0.2')).toString()).toBe('0.3');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { DomainError, InvalidValueError } from '../errors.js';
import { Decimal, RoundingMode, integerRemainder } from './decimal.js';

const d = (s: string): Decimal => Decimal.of(s);

describe('Decimal.of', () => {
  it.each([
    ['42', '42'],
    ['-12.5', '-12.5'],
    ['1.50', '1.5'],
    ['0001.0', '1'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0', '0'],
    ['1e3', '1000'],
    ['1E-3', '0.001'],
    ['-2.5e+2', '-250'],
    ['0.00000001', '0.00000001'],
  ])('parses %s as %s', (input, expected) => {
    expect(Decimal.of(input).toString()).toBe(expected);
  });

  it('accepts a bigint and a Decimal', () => {
    expect(Decimal.of(12345678901234567890123n).toString()).toBe('12345678901234567890123');
    const x = d('1.25');
    expect(Decimal.of(x).eq(x)).toBe(true);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a number', 0.1],
    ['an integer number', 1],
    ['empty string', ''],
    ['1e999', '1e999'],
    ['1e-999', '1e-999'],
    ['abc', 'abc'],
    ['comma decimal', '1,5'],
    ['leading space', ' 1'],
    ['trailing space', '1 '],
    ['plus sign', '+1'],
    ['hex', '0x10'],
    ['dangling exponent', '1e'],
    ['bare exponent', 'e5'],
    ['double sign', '--1'],
    ['two points', '1.2.3'],
    ['"Infinity"', 'Infinity'],
    ['"NaN"', 'NaN'],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
    ['101 characters', '1'.repeat(101)],
  ])('rejects %s with InvalidValueError', (_label, input) => {
    const error = thrown(() => Decimal.of(input as string, 'size'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toMatch(/^invalid decimal 'size', was .+: expected /);
  });

  it('says exactly what was wrong with a malformed string and with a number', () => {
    expect(thrown(() => Decimal.of('1,5', 'size')).message).toBe(
      `invalid decimal 'size', was "1,5": expected a finite decimal number such as "42.5"`,
    );
    expect(thrown(() => Decimal.of(0.1 as unknown as string)).message).toBe(
      `invalid decimal 'value', was 0.1: expected a decimal string`,
    );
  });

  it('accepts exponents up to 100 and 100 characters, the bounds against hostile input', () => {
    expect(Decimal.of('1e100').toString()).toBe(`1${'0'.repeat(100)}`);
    expect(Decimal.of('1e-100').toString()).toBe(`0.${'0'.repeat(99)}1`);
    expect(Decimal.of('9'.repeat(100)).toString()).toBe('9'.repeat(100));
    expect(() => Decimal.of('1e101')).toThrow(InvalidValueError);
  });
});

describe('Decimal.fromNumber', () => {
  it('converts 0.1 to exactly "0.1" (shortest round-trip form, not the binary expansion)', () => {
    expect(Decimal.fromNumber(0.1).toString()).toBe('0.1');
    expect(Decimal.fromNumber(0.1).eq(d('0.1'))).toBe(true);
    expect(Decimal.fromNumber(1e21).toString()).toBe('1000000000000000000000');
    expect(Decimal.fromNumber(-1.5e-7).toString()).toBe('-0.00000015');
    expect(Decimal.fromNumber(-0).toString()).toBe('0');
  });

  it('keeps the float error that is really in the number (0.1 + 0.2)', () => {
    expect(Decimal.fromNumber(0.1 + 0.2).toString()).toBe('0.30000000000000004');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1' as unknown as number])(
    'rejects %o',
    (value) => {
      const error = thrown(() => Decimal.fromNumber(value, 'close'));
      expect(error).toBeInstanceOf(InvalidValueError);
      expect(error.message).toContain(`invalid decimal 'close', was `);
      expect(error.message).toContain('expected a finite number');
    },
  );
});

describe('serialisation', () => {
  it('toString never uses exponent notation', () => {
    expect(d('1e-30').toString()).toBe('0.000000000000000000000000000001');
    expect(d('1e25').toString()).toBe('10000000000000000000000000');
    expect(d('-1e-7').toString()).toBe('-0.0000001');
    expect(d('1e-30').mul(d('1e-30')).toString()).toBe(`0.${'0'.repeat(59)}1`);
  });

  it('toJSON gives strings, so JSON never carries a float', () => {
    expect(d('0.1').toJSON()).toBe('0.1');
    expect(JSON.stringify({ x: d('1e25'), y: d('-0.5') })).toBe('{"x":"10000000000000000000000000","y":"-0.5"}');
  });

  it('round-trips through its string exactly', () => {
    const x = d('123456789.987654321000000000000000001');
    expect(Decimal.of(x.toString()).eq(x)).toBe(true);
    expect(Decimal.of(JSON.parse(JSON.stringify(x)) as string).eq(x)).toBe(true);
  });

  it('toFixed pads and rounds half-even', () => {
    expect(d('1.5').toFixed(3)).toBe('1.500');
    expect(d('2.5').toFixed(0)).toBe('2');
    expect(d('3.5').toFixed(0)).toBe('4');
    expect(d('1e-30').toFixed(2)).toBe('0.00');
    expect(d('1e25').toFixed(1)).toBe('10000000000000000000000000.0');
  });

  it('toFixed never prints a negative zero, like toString', () => {
    expect(d('-0.0001').toFixed(2)).toBe('0.00');
    expect(d('-0.4').toFixed(0)).toBe('0');
    expect(d('-0.5').toFixed(0)).toBe('0');
    expect(d('-0.6').toFixed(0)).toBe('-1');
    expect(d('-0.001').toFixed(3)).toBe('-0.001');
    expect(d('-1e-30').toFixed(29)).toBe(`0.${'0'.repeat(29)}`);
  });

  it('toFixed rejects a bad number of places with InvalidValueError', () => {
    for (const places of [-1, 1.5, Number.NaN, 101]) {
      expect(() => d('1').toFixed(places), String(places)).toThrow(InvalidValueError);
    }
  });

  it('toNumber is a float approximation', () => {
    expect(d('0.1').toNumber()).toBe(0.1);
    expect(d('-1e-7').toNumber()).toBe(-1e-7);
  });

  it('decimalPlaces counts significant places after the point', () => {
    expect(d('1.2300').decimalPlaces()).toBe(2);
    expect(d('100').decimalPlaces()).toBe(0);
    expect(d('0').decimalPlaces()).toBe(0);
    expect(d('-0.00000001').decimalPlaces()).toBe(8);
    expect(d('1e-30').decimalPlaces()).toBe(30);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('0.3').sub(d('0.1')).toString()).toBe('0.2');
    expect(d('1.1').mul(d('1.1')).toString()).toBe('1.21');
    expect(d('0.00000001').mul(d('123456.789')).toString()).toBe('0.00123456789');
    expect(d('99999999999999999999').add(d('1')).toString()).toBe('100000000000000000000');
  });

  it('divides to 30 places, half-even', () => {
    expect(d('1').div(d('3')).toString()).toBe(`0.${'3'.repeat(30)}`);
    expect(d('2').div(d('3')).toString()).toBe(`0.${'6'.repeat(29)}7`);
    expect(d('5').div(d('3')).toString()).toBe(`1.${'6'.repeat(29)}7`);
    expect(d('1').div(d('8')).toString()).toBe('0.125');
    // 30th place tie: 5e-31 rounds to even (0), 1.5e-30 to 2e-30.
    expect(d('5e-31').div(d('1')).toString()).toBe('0');
    expect(d('1.5e-30').div(d('1')).toString()).toBe('0.000000000000000000000000000002');
  });

  it('division by zero throws DIVISION_BY_ZERO', () => {
    const error = thrown(() => d('1.5').div(Decimal.ZERO));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('DIVISION_BY_ZERO');
    expect(error.message).toBe('division of 1.5 by zero');
    expect(() => d('0').div(d('-0'))).toThrow(DomainError);
  });

  it('never mutates its operands', () => {
    const a = d('1.5');
    const b = d('2');
    a.add(b);
    a.sub(b);
    a.mul(b);
    a.div(b);
    a.neg();
    a.round(0, RoundingMode.UP);
    a.roundToStep(d('0.4'), RoundingMode.UP);
    expect(a.toString()).toBe('1.5');
    expect(b.toString()).toBe('2');
  });

  it('neg, abs, sign and the predicates', () => {
    expect(d('1.5').neg().toString()).toBe('-1.5');
    expect(d('-1.5').abs().toString()).toBe('1.5');
    expect([d('-3').sign(), d('0').sign(), d('-0').sign(), d('2').sign()]).toEqual([-1, 0, 0, 1]);
    expect([d('-0').isZero(), d('-0').isNegative(), d('-0').isPositive()]).toEqual([true, false, false]);
    expect([d('-1').isNegative(), d('1').isPositive()]).toEqual([true, true]);
  });

  it('compares numerically, not as text', () => {
    expect(d('9').lt(d('10'))).toBe(true);
    expect(d('10').gt(d('9'))).toBe(true);
    expect(d('1.0').eq(d('1'))).toBe(true);
    expect(d('1').lte(d('1'))).toBe(true);
    expect(d('1').gte(d('1.0000000000000000000000000000000001'))).toBe(false);
    expect([d('1').cmp(d('2')), d('2').cmp(d('2')), d('3').cmp(d('2'))]).toEqual([-1, 0, 1]);
  });

  it('min, max and sum', () => {
    const [a, b] = [d('1'), d('2')];
    expect(Decimal.min(a, b)).toBe(a);
    expect(Decimal.max(a, b)).toBe(b);
    expect(Decimal.sum([d('0.1'), d('0.2'), d('-0.3')]).isZero()).toBe(true);
    expect(Decimal.sum([]).isZero()).toBe(true);
  });
});

/**
 * The reference table of java.math.RoundingMode's documentation (rounding to an integer), which defines
 * the same seven modes; UP/DOWN are relative to zero, CEIL/FLOOR to the number line.
 */
const JAVA_TABLE: readonly (readonly [string, Record<RoundingMode, string>])[] = [
  ['5.5', { UP: '6', DOWN: '5', CEIL: '6', FLOOR: '5', HALF_UP: '6', HALF_DOWN: '5', HALF_EVEN: '6' }],
  ['2.5', { UP: '3', DOWN: '2', CEIL: '3', FLOOR: '2', HALF_UP: '3', HALF_DOWN: '2', HALF_EVEN: '2' }],
  ['1.6', { UP: '2', DOWN: '1', CEIL: '2', FLOOR: '1', HALF_UP: '2', HALF_DOWN: '2', HALF_EVEN: '2' }],
  ['1.1', { UP: '2', DOWN: '1', CEIL: '2', FLOOR: '1', HALF_UP: '1', HALF_DOWN: '1', HALF_EVEN: '1' }],
  ['1.0', { UP: '1', DOWN: '1', CEIL: '1', FLOOR: '1', HALF_UP: '1', HALF_DOWN: '1', HALF_EVEN: '1' }],
  ['-1.0', { UP: '-1', DOWN: '-1', CEIL: '-1', FLOOR: '-1', HALF_UP: '-1', HALF_DOWN: '-1', HALF_EVEN: '-1' }],
  ['-1.1', { UP: '-2', DOWN: '-1', CEIL: '-1', FLOOR: '-2', HALF_UP: '-1', HALF_DOWN: '-1', HALF_EVEN: '-1' }],
  ['-1.6', { UP: '-2', DOWN: '-1', CEIL: '-1', FLOOR: '-2', HALF_UP: '-2', HALF_DOWN: '-2', HALF_EVEN: '-2' }],
  ['-2.5', { UP: '-3', DOWN: '-2', CEIL: '-2', FLOOR: '-3', HALF_UP: '-3', HALF_DOWN: '-2', HALF_EVEN: '-2' }],
  ['-5.5', { UP: '-6', DOWN: '-5', CEIL: '-5', FLOOR: '-6', HALF_UP: '-6', HALF_DOWN: '-5', HALF_EVEN: '-6' }],
];

describe('rounding', () => {
  describe.each(Object.values(RoundingMode))('%s', (mode) => {
    it('matches the reference table at step 1, at 2 places and at a step of 0.3', () => {
      for (const [value, expected] of JAVA_TABLE) {
        expect(d(value).roundToStep(Decimal.ONE, mode).toString(), `${value} to 1`).toBe(expected[mode]);
        // The same table shifted by 10^-2 and scaled by 0.3 (a step whose quotients never terminate).
        expect(d(value).mul(d('0.01')).round(2, mode).toString(), `${value}e-2`).toBe(d(expected[mode]).mul(d('0.01')).toString());
        expect(d(value).mul(d('0.3')).roundToStep(d('0.3'), mode).toString(), `${value} x 0.3`).toBe(
          d(expected[mode]).mul(d('0.3')).toString(),
        );
      }
    });
  });

  it('rounds exactly to a step whose quotient does not terminate (0.45 to 0.3)', () => {
    const step = d('0.3');
    expect(d('0.45').roundToStep(step, RoundingMode.HALF_UP).toString()).toBe('0.6');
    expect(d('0.45').roundToStep(step, RoundingMode.HALF_EVEN).toString()).toBe('0.6'); // 1.5 steps: to 2 (even)
    expect(d('0.75').roundToStep(step, RoundingMode.HALF_EVEN).toString()).toBe('0.6'); // 2.5 steps: to 2 (even)
    expect(d('0.45').roundToStep(step, RoundingMode.HALF_DOWN).toString()).toBe('0.3');
    // One unit of the 30th place above the tie is no longer a tie.
    expect(d('0.450000000000000000000000000001').roundToStep(step, RoundingMode.HALF_DOWN).toString()).toBe('0.6');
    expect(d('0.449999999999999999999999999999').roundToStep(step, RoundingMode.HALF_UP).toString()).toBe('0.3');
    // 1/3 is not a multiple of 0.1 however close 30 places get.
    expect(d('1').div(d('3')).roundToStep(d('0.1'), RoundingMode.UP).toString()).toBe('0.4');
  });

  it('leaves a value already on the grid unchanged in every mode', () => {
    for (const mode of Object.values(RoundingMode)) {
      expect(d('-0.9').roundToStep(d('0.3'), mode).toString()).toBe('-0.9');
      expect(d('0').roundToStep(d('0.3'), mode).toString()).toBe('0');
    }
  });

  it('rejects a zero or negative step and bad decimal places', () => {
    expect(thrown(() => d('1').roundToStep(Decimal.ZERO, RoundingMode.UP)).message).toBe(
      `invalid argument 'step', was "0": expected a positive step`,
    );
    expect(() => d('1').roundToStep(d('-0.1'), RoundingMode.UP)).toThrow(InvalidValueError);
    for (const places of [-1, 1.5, 101, Number.NaN]) {
      expect(() => d('1').round(places, RoundingMode.UP), String(places)).toThrow(InvalidValueError);
    }
    expect(d('1.23456').round(100, RoundingMode.UP).toString()).toBe('1.23456');
  });

  it('isMultipleOf', () => {
    expect(d('0.75').isMultipleOf(d('0.25'))).toBe(true);
    expect(d('-0.9').isMultipleOf(d('0.3'))).toBe(true);
    expect(d('0.1').isMultipleOf(d('0.03'))).toBe(false);
    expect(d('0').isMultipleOf(d('5'))).toBe(true);
    expect(d('1').isMultipleOf(Decimal.ZERO)).toBe(false);
  });
});

describe('integerRemainder: the exact remainder used for tick and lot rounding', () => {
  it('equals the float remainder (%) for every safe integer and unit, without -0', () => {
    const safe = fc.oneof(
      fc.maxSafeInteger(),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 52, -(2 ** 52), 2 ** 53 - 2, 0),
    );
    const units = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1, 3, 7, 10 ** 8, 2 ** 52 - 1, Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(safe, units, (x, unit) => {
        const expected = x % unit;
        const got = integerRemainder(x, unit);
        expect(got).toBe(expected === 0 ? 0 : expected);
        expect(Object.is(got, -0)).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is exact at the ends of the safe range', () => {
    expect(integerRemainder(Number.MAX_SAFE_INTEGER, 2)).toBe(1);
    expect(integerRemainder(-Number.MAX_SAFE_INTEGER, 2)).toBe(-1);
    expect(integerRemainder(Number.MAX_SAFE_INTEGER, 3)).toBe(1);
    expect(integerRemainder(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});

import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { Decimal } from './decimal.js';
import { Quantity } from './quantity.js';

describe('Quantity', () => {
  it('rejects a negative quantity with the exact message', () => {
    const error = thrown(() => Quantity.of('-2', 'size'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe(`invalid quantity 'size', was "-2": expected a non-negative decimal`);
  });

  it('accepts zero (an empty fill total), and -0 is zero', () => {
    expect(Quantity.of('0').isZero()).toBe(true);
    expect(Quantity.of('-0').toString()).toBe('0');
    expect(Quantity.ZERO).toBeInstanceOf(Quantity);
    expect(Quantity.ZERO.isZero()).toBe(true);
  });

  it.each([Number.NaN, Number.NEGATIVE_INFINITY, 1, '', '1e999', 'abc', '1,5', ' 1', '-0.00000001'])(
    'rejects %o with InvalidValueError',
    (value) => {
      const error = thrown(() => Quantity.of(value as string, 'size'));
      expect(error).toBeInstanceOf(InvalidValueError);
      expect(error.message).toMatch(/^invalid quantity 'size', was /);
    },
  );

  it('accepts decimals, bigints and Decimals; a Quantity is returned as is', () => {
    const q = Quantity.of('0.001');
    expect(Quantity.of(q)).toBe(q);
    expect(Quantity.of(3n).toString()).toBe('3');
    expect(Quantity.of(Decimal.of('1.5'))).toBeInstanceOf(Quantity);
    expect(() => Quantity.of(Decimal.of('-1.5'))).toThrow(InvalidValueError);
  });

  it('fromNumber is checked', () => {
    expect(Quantity.fromNumber(0.3).toString()).toBe('0.3');
    expect(thrown(() => Quantity.fromNumber(-0.5)).message).toBe(`invalid quantity 'quantity', was -0.5: expected a non-negative decimal`);
    expect(() => Quantity.fromNumber(Number.POSITIVE_INFINITY)).toThrow(InvalidValueError);
  });

  it('arithmetic returns plain Decimals', () => {
    const diff = Quantity.of('1').sub(Quantity.of('3'));
    expect(diff).not.toBeInstanceOf(Quantity);
    expect(diff.toString()).toBe('-2');
  });
});

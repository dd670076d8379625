import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { Decimal } from './decimal.js';
import { Price } from './price.js';
import { Quantity } from './quantity.js';

describe('Price', () => {
  it('rejects a negative price with the exact message', () => {
    const error = thrown(() => Price.of('-1', 'limit'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe(`invalid price 'limit', was "-1": expected a positive decimal`);
  });

  it('rejects zero, and -0', () => {
    expect(thrown(() => Price.of('0')).message).toBe(`invalid price 'price', was "0": expected a positive decimal`);
    expect(() => Price.of('-0')).toThrow(InvalidValueError);
    expect(() => Price.of(Decimal.ZERO)).toThrow(InvalidValueError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 100, '', '1e999', 'abc', '1,5', ' 1', null, undefined])(
    'rejects %o with InvalidValueError naming the price field',
    (value) => {
      const error = thrown(() => Price.of(value as string, 'limit'));
      expect(error).toBeInstanceOf(InvalidValueError);
      expect(error.message).toMatch(/^invalid price 'limit', was /);
    },
  );

  it('names a malformed string as such', () => {
    expect(thrown(() => Price.of('abc', 'triggerPrice')).message).toBe(
      `invalid price 'triggerPrice', was "abc": expected a finite decimal number such as "42.5"`,
    );
    expect(thrown(() => Price.of(100 as unknown as string, 'limit')).message).toBe(
      `invalid price 'limit', was 100: expected a decimal string`,
    );
  });

  it('accepts positive decimals, bigints and Decimals; a Price is returned as is', () => {
    expect(Price.of('0.00000001').toString()).toBe('0.00000001');
    expect(Price.of(5n).toString()).toBe('5');
    const p = Price.of('64000.5');
    expect(Price.of(p)).toBe(p);
    expect(Price.of(Decimal.of('2.5'))).toBeInstanceOf(Price);
    expect(Price.of(Quantity.of('2.5')).toString()).toBe('2.5');
  });

  it('fromNumber goes through the shortest decimal form and is checked', () => {
    expect(Price.fromNumber(0.1).toString()).toBe('0.1');
    expect(Price.fromNumber(0.1)).toBeInstanceOf(Price);
    expect(thrown(() => Price.fromNumber(-2, 'close')).message).toBe(`invalid price 'close', was -2: expected a positive decimal`);
    expect(thrown(() => Price.fromNumber(Number.NaN, 'close')).message).toBe(`invalid price 'close', was NaN: expected a finite number`);
  });

  it('arithmetic returns plain Decimals (a difference of prices can be negative)', () => {
    const diff = Price.of('1').sub(Price.of('2'));
    expect(diff).not.toBeInstanceOf(Price);
    expect(diff.toString()).toBe('-1');
  });

  it('serialises to a JSON string', () => {
    expect(JSON.stringify({ limit: Price.of('100.10') })).toBe('{"limit":"100.1"}');
  });
});

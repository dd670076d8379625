import { describe, expect, it } from 'vitest';
import { DomainError, DomainErrorCode, InvalidValueError, describeValue } from './errors.js';
import { Decimal } from './values/decimal.js';

describe('InvalidValueError', () => {
  it('names the kind, the field, the value found and what was expected', () => {
    const error = new InvalidValueError('price', 'limit', '-1', 'a positive decimal');
    expect(error.message).toBe(`invalid price 'limit', was "-1": expected a positive decimal`);
    expect(error.code).toBe(DomainErrorCode.INVALID_VALUE);
    expect(error.details).toEqual({ kind: 'price', field: 'limit', value: '"-1"', expected: 'a positive decimal' });
    expect([error.kind, error.field, error.value, error.expected]).toEqual(['price', 'limit', '-1', 'a positive decimal']);
  });

  it('is a DomainError and an Error, not retryable', () => {
    const error = new InvalidValueError('quantity', 'size', 1, 'x');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('DomainError');
  });
});

describe('DomainError', () => {
  it('carries code, details and cause', () => {
    const cause = new Error('root');
    const error = new DomainError(DomainErrorCode.ORDER_OVERFILL, 'too much', { leaves: '1' }, { cause });
    expect(error.code).toBe('ORDER_OVERFILL');
    expect(error.details).toEqual({ leaves: '1' });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('too much');
  });

  it('codes are stable strings equal to their keys', () => {
    for (const [key, value] of Object.entries(DomainErrorCode)) expect(value, key).toBe(key);
  });
});

describe('describeValue', () => {
  it.each([
    ['-1', '"-1"'],
    ['', '""'],
    [' 1', '" 1"'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [10n, '10n'],
    [undefined, 'undefined'],
    [null, 'null'],
    [true, 'true'],
    [{ a: 1 }, '{"a":1}'],
    [[1, 'x'], '[1,"x"]'],
  ])('renders %o as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('renders values with their own toString (a Decimal) as a quoted string', () => {
    expect(describeValue(Decimal.of('0.10'))).toBe('"0.1"');
  });

  it('never throws, even for cyclic objects, symbols and functions', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('object');
    expect(describeValue(Symbol('s'))).toBe('symbol');
    expect(describeValue(() => 1)).toBe('function');
  });
});

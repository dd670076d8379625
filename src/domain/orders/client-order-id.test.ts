import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { clientOrderId } from './client-order-id.js';

describe('clientOrderId', () => {
  it.each(['a', 'O-1', 'strat_7.2024-01-01', 'x'.repeat(36)])('accepts %s', (value) => {
    expect(clientOrderId(value)).toBe(value);
  });

  it.each(['', 'x'.repeat(37), 'a b', 'a/b', 'ü', 'id\n', 7])('rejects %o', (value) => {
    const error = thrown(() => clientOrderId(value as string));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toMatch(/^invalid client order id 'clientOrderId', was .*: expected 1 to 36 letters, digits, '\.', '_' or '-'$/);
  });
});

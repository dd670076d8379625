import { InvalidValueError } from '../errors.js';

/**
 * The id ATB gives an order before it leaves the process. It is the key for reconciliation: after a timeout
 * an order's state is unknown and is looked up at the venue by this id, never re-sent blindly.
 * 1 to 36 characters of letters, digits, '-', '_' or '.', which every major venue accepts.
 */
export type ClientOrderId = string & { readonly __brand: 'ClientOrderId' };

const PATTERN = /^[A-Za-z0-9._-]{1,36}$/;

export function clientOrderId(value: string, field = 'clientOrderId'): ClientOrderId {
  if (typeof value !== 'string' || !PATTERN.test(value)) {
    throw new InvalidValueError('client order id', field, value, "1 to 36 letters, digits, '.', '_' or '-'");
  }
  return value as ClientOrderId;
}

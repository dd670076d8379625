import { describe, expect, it } from 'vitest';
import { BTC_USDT, COID, thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { Money } from '../values/money.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import { Liquidity, createFill, type Fill } from './fill.js';

const input = {
  venue: 'binance',
  tradeId: '123456',
  clientOrderId: COID,
  instrumentId: BTC_USDT,
  side: 'BUY' as const,
  price: Price.of('64000.5'),
  quantity: Quantity.of('0.01'),
  fee: Money.of('0.64', 'USDT'),
  liquidity: Liquidity.TAKER,
  tsMs: 1_700_000_000_000,
};

describe('createFill', () => {
  it('keeps every field: venue trade id, order id, price, quantity, fee, maker/taker, timestamp', () => {
    const fill: Fill = createFill(input);
    expect(fill).toEqual(input);
    expect(fill.tradeId).toBe('123456');
    expect(JSON.parse(JSON.stringify(fill))).toMatchObject({ price: '64000.5', quantity: '0.01', fee: { amount: '0.64', currency: 'USDT' } });
  });

  it('accepts a rebate (negative fee) and a fee in another currency', () => {
    expect(createFill({ ...input, fee: Money.of('-0.01', 'USDT'), liquidity: 'MAKER' }).fee.isNegative()).toBe(true);
    expect(createFill({ ...input, fee: Money.of('0.001', 'BNB') }).fee.currency).toBe('BNB');
  });

  it.each([
    [{ tradeId: '' }, `invalid fill 'tradeId', was "": expected 1 to 64 printable characters`],
    [{ tradeId: 'a b' }, `invalid fill 'tradeId', was "a b": expected 1 to 64 printable characters`],
    [{ tradeId: 'x'.repeat(65) }, `invalid fill 'tradeId', was "${'x'.repeat(65)}": expected 1 to 64 printable characters`],
    [{ venue: '' }, `invalid fill 'venue', was "": expected 1 to 64 printable characters`],
    [{ quantity: Quantity.ZERO }, `invalid fill 'quantity', was "0": expected a quantity above zero`],
    [{ tsMs: 1.5 }, `invalid fill 'tsMs', was 1.5: expected an epoch-millisecond integer`],
    [{ tsMs: -1 }, `invalid fill 'tsMs', was -1: expected an epoch-millisecond integer`],
    [{ tsMs: Number.NaN }, `invalid fill 'tsMs', was NaN: expected an epoch-millisecond integer`],
  ])('rejects %o', (patch, message) => {
    const error = thrown(() => createFill({ ...input, ...patch }));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe(message);
  });
});

import { describe, expect, it } from 'vitest';
import { specs, thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { Decimal } from '../values/decimal.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import { checkOrderSpec, hasTrigger, pricesOf, type OrderSpec } from './order-spec.js';

const bps = (amount: string) => ({ offset: { unit: 'BPS' as const, amount: Decimal.of(amount) } });

describe('checkOrderSpec', () => {
  it('accepts a valid spec of every type and returns it', () => {
    for (const spec of [
      specs.market(),
      specs.market({ timeInForce: 'FOK' }),
      specs.limit(),
      specs.limit({ postOnly: true }),
      specs.limit({ postOnly: true, timeInForce: 'GTD', expireAtMs: 1_700_000_000_000 }),
      specs.limit({ timeInForce: 'IOC', reduceOnly: true }),
      specs.stopMarket(),
      specs.stopLimit(),
      specs.trailingStop(),
      specs.trailingStop({ offset: { unit: 'PRICE', amount: Decimal.of('25') }, activationPrice: Price.of('120') }),
      specs.trailingStop(bps('9999.99999999999999999')),
    ]) {
      expect(checkOrderSpec(spec), spec.type).toBe(spec);
    }
  });

  it.each<[string, OrderSpec, string]>([
    ['post-only MARKET', specs.market({ postOnly: true }), `invalid order 'postOnly', was "MARKET": expected a LIMIT order (only resting orders can be post-only)`],
    ['post-only STOP_LIMIT', specs.stopLimit({ postOnly: true }), `invalid order 'postOnly', was "STOP_LIMIT": expected a LIMIT order (only resting orders can be post-only)`],
    ['post-only IOC', specs.limit({ postOnly: true, timeInForce: 'IOC' }), `invalid order 'timeInForce', was "IOC": expected GTC or GTD for a post-only order`],
    ['post-only FOK', specs.limit({ postOnly: true, timeInForce: 'FOK' }), `invalid order 'timeInForce', was "FOK": expected GTC or GTD for a post-only order`],
    ['GTD without expiry', specs.limit({ timeInForce: 'GTD' }), `invalid order 'expireAtMs', was undefined: expected an epoch-millisecond time for a GTD order`],
    ['GTD with a fractional expiry', specs.limit({ timeInForce: 'GTD', expireAtMs: 1.5 }), `invalid order 'expireAtMs', was 1.5: expected an epoch-millisecond time for a GTD order`],
    ['GTD with a negative expiry', specs.limit({ timeInForce: 'GTD', expireAtMs: -1 }), `invalid order 'expireAtMs', was -1: expected an epoch-millisecond time for a GTD order`],
    ['expiry without GTD', specs.limit({ expireAtMs: 1_700_000_000_000 }), `invalid order 'expireAtMs', was 1700000000000: expected no expiry unless timeInForce is GTD`],
    ['MARKET with GTC', specs.market({ timeInForce: 'GTC' }), `invalid order 'timeInForce', was "GTC": expected IOC or FOK for a MARKET order`],
    ['MARKET with GTD', specs.market({ timeInForce: 'GTD', expireAtMs: 1 }), `invalid order 'timeInForce', was "GTD": expected IOC or FOK for a MARKET order`],
    ['zero quantity', specs.limit({ quantity: Quantity.ZERO }), `invalid order 'quantity', was "0": expected a quantity above zero`],
    ['trailing offset 0', specs.trailingStop(bps('0')), `invalid order 'offset', was "0": expected a positive trailing offset`],
    ['negative trailing offset', specs.trailingStop({ offset: { unit: 'PRICE', amount: Decimal.of('-1') } }), `invalid order 'offset', was "-1": expected a positive trailing offset`],
    ['trailing offset 10000 bps', specs.trailingStop(bps('10000')), `invalid order 'offset', was "10000": expected fewer than 10000 basis points`],
    ['trailing offset above 10000 bps', specs.trailingStop(bps('12000.5')), `invalid order 'offset', was "12000.5": expected fewer than 10000 basis points`],
    ['trailing offset just below 10000 bps by less than a float can tell', specs.trailingStop(bps('10000.000000000000000001')), `invalid order 'offset', was "10000.000000000000000001": expected fewer than 10000 basis points`],
  ])('rejects %s with InvalidValueError', (_label, spec, message) => {
    const error = thrown(() => checkOrderSpec(spec));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe(message);
  });

  it('does not limit a trailing offset in price units to 10000', () => {
    expect(() => checkOrderSpec(specs.trailingStop({ offset: { unit: 'PRICE', amount: Decimal.of('20000') } }))).not.toThrow();
  });
});

describe('pricesOf and hasTrigger', () => {
  it('lists the prices each type carries, by field', () => {
    const names = (spec: OrderSpec) => pricesOf(spec).map(([field, price]) => `${field}=${price.toString()}`);
    expect(names(specs.market())).toEqual([]);
    expect(names(specs.limit())).toEqual(['price=100']);
    expect(names(specs.stopMarket())).toEqual(['triggerPrice=90']);
    expect(names(specs.stopLimit())).toEqual(['triggerPrice=90', 'price=89']);
    expect(names(specs.trailingStop())).toEqual([]);
    expect(names(specs.trailingStop({ activationPrice: Price.of('120') }))).toEqual(['activationPrice=120']);
  });

  it('only stop and trailing orders wait for a trigger', () => {
    expect([specs.market(), specs.limit(), specs.stopMarket(), specs.stopLimit(), specs.trailingStop()].map(hasTrigger)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ETH_USDT, specs, thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { Decimal, RoundingMode } from '../values/decimal.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import { Instrument, type InstrumentSpec, type InstrumentVerdict } from './instrument.js';

const SPEC: InstrumentSpec = {
  symbol: 'BTC/USDT',
  tickSize: '0.01',
  lotSize: '0.001',
  minQuantity: '0.002',
  maxQuantity: '100',
  minNotional: '10',
  makerFeeRate: '-0.0001',
  takerFeeRate: '0.001',
};
const btc = Instrument.create(SPEC);
const d = (s: string): Decimal => Decimal.of(s);
const codes = (verdict: InstrumentVerdict): string[] => (verdict.ok ? [] : verdict.violations.map((v) => `${v.code}:${v.field}`));

describe('Instrument.create', () => {
  it('parses every field exactly', () => {
    expect(btc.id).toBe('BTC/USDT');
    expect([btc.base, btc.quote]).toEqual(['BTC', 'USDT']);
    expect(btc.tickSize).toBeInstanceOf(Price);
    expect(btc.lotSize).toBeInstanceOf(Quantity);
    expect(
      [btc.tickSize, btc.lotSize, btc.minQuantity, btc.maxQuantity, btc.minNotional, btc.makerFeeRate, btc.takerFeeRate].map(String),
    ).toEqual(['0.01', '0.001', '0.002', '100', '10', '-0.0001', '0.001']);
  });

  it('defaults: min quantity one lot, no max, no min notional, no fees', () => {
    const plain = Instrument.create({ symbol: 'ETH/BTC', tickSize: '0.00001', lotSize: '0.01' });
    expect(plain.minQuantity.toString()).toBe('0.01');
    expect(plain.maxQuantity).toBeUndefined();
    expect([plain.minNotional.isZero(), plain.makerFeeRate.isZero(), plain.takerFeeRate.isZero()]).toEqual([true, true, true]);
  });

  it.each([
    [{ symbol: 'btc/usdt' }, `invalid symbol 'symbol', was "btc/usdt": expected BASE/QUOTE in upper case, such as "BTC/USDT"`],
    [{ tickSize: '0' }, `invalid price 'tickSize', was "0": expected a positive decimal`],
    [{ tickSize: 0.01 }, `invalid price 'tickSize', was 0.01: expected a decimal string`],
    [{ lotSize: '0' }, `invalid quantity 'lotSize', was "0": expected a positive decimal`],
    [{ lotSize: '-1' }, `invalid quantity 'lotSize', was "-1": expected a non-negative decimal`],
    [{ minQuantity: 'x' }, `invalid quantity 'minQuantity', was "x": expected a finite decimal number such as "42.5"`],
    [{ maxQuantity: '0.001' }, `invalid quantity 'maxQuantity', was "0.001": expected at least minQuantity 0.002`],
    [{ minNotional: '-5' }, `invalid decimal 'minNotional', was "-5": expected a non-negative decimal`],
    [{ takerFeeRate: '1' }, `invalid fee rate 'takerFeeRate', was "1": expected a fraction between -1 and 1, such as "0.001"`],
    [{ makerFeeRate: '-1' }, `invalid fee rate 'makerFeeRate', was "-1": expected a fraction between -1 and 1, such as "0.001"`],
  ])('rejects %o', (patch, message) => {
    const error = thrown(() => Instrument.create({ ...SPEC, ...patch } as InstrumentSpec));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toBe(message);
  });
});

describe('roundPrice', () => {
  it('rounds half-even onto the tick by default', () => {
    expect(btc.roundPrice(d('100.005')).toString()).toBe('100');
    expect(btc.roundPrice(d('100.015')).toString()).toBe('100.02');
    expect(btc.roundPrice(d('100.0151')).toString()).toBe('100.02');
    expect(btc.roundPrice(d('100.01'))).toBeInstanceOf(Price);
  });

  it('honours an explicit mode', () => {
    expect(btc.roundPrice(d('100.001'), RoundingMode.UP).toString()).toBe('100.01');
    expect(btc.roundPrice(d('100.009'), RoundingMode.DOWN).toString()).toBe('100');
    expect(btc.roundPrice(d('100.005'), RoundingMode.HALF_UP).toString()).toBe('100.01');
  });

  it('rounds exactly on a tick that is not a power of ten', () => {
    const odd = Instrument.create({ symbol: 'X/USD', tickSize: '0.25', lotSize: '1' });
    expect(odd.roundPrice(d('10.125')).toString()).toBe('10'); // tie: 40.5 ticks -> 40 (even)
    expect(odd.roundPrice(d('10.375')).toString()).toBe('10.5'); // tie: 41.5 ticks -> 42 (even)
    expect(odd.roundPrice(d('10.37'), RoundingMode.CEIL).toString()).toBe('10.5');
  });

  it('never returns zero or less: one tick at least', () => {
    expect(btc.roundPrice(d('0.004')).toString()).toBe('0.01');
    expect(btc.roundPrice(d('0.004'), RoundingMode.DOWN).toString()).toBe('0.01');
    expect(btc.roundPrice(d('-5')).toString()).toBe('0.01');
  });
});

describe('roundQuantity', () => {
  it('rounds down onto the lot by default, so an order never asks for more than intended', () => {
    expect(btc.roundQuantity(d('1.2349')).toString()).toBe('1.234');
    expect(btc.roundQuantity(d('1.2349'))).toBeInstanceOf(Quantity);
    expect(btc.roundQuantity(d('1.2341'), RoundingMode.UP).toString()).toBe('1.235');
    expect(btc.roundQuantity(d('1.2345'), RoundingMode.HALF_EVEN).toString()).toBe('1.234');
  });

  it('gives zero below one lot rounding down, and for a negative input', () => {
    expect(btc.roundQuantity(d('0.0009')).isZero()).toBe(true);
    expect(btc.roundQuantity(d('-3')).isZero()).toBe(true);
  });
});

describe('validate', () => {
  it('accepts an order that fits every rule', () => {
    expect(btc.validate(specs.limit({ price: Price.of('100.01'), quantity: Quantity.of('0.1') }))).toEqual({ ok: true });
  });

  it('reports each violation with a code, the field and a message', () => {
    const verdict = btc.validate(specs.limit({ price: Price.of('100.001'), quantity: Quantity.of('0.0015') }));
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.violations).toEqual([
      { code: 'PRICE_OFF_TICK', field: 'price', message: 'price 100.001 is not a multiple of the tick size 0.01' },
      { code: 'QUANTITY_OFF_LOT', field: 'quantity', message: 'quantity 0.0015 is not a multiple of the lot size 0.001' },
      { code: 'BELOW_MIN_QUANTITY', field: 'quantity', message: 'quantity 0.0015 is below the minimum 0.002' },
      { code: 'BELOW_MIN_NOTIONAL', field: 'quantity', message: 'notional 0.1500015 USDT is below the minimum 10 USDT' },
    ]);
  });

  it('reports the instrument mismatch and the maximum quantity, all at once', () => {
    const verdict = btc.validate(specs.limit({ instrumentId: ETH_USDT, quantity: Quantity.of('101') }));
    expect(codes(verdict)).toEqual(['INSTRUMENT_MISMATCH:instrumentId', 'ABOVE_MAX_QUANTITY:quantity']);
    if (!verdict.ok) expect(verdict.violations[0]?.message).toBe('order is for ETH/USDT, instrument is BTC/USDT');
  });

  it('checks every price an order carries against the tick', () => {
    const q = { quantity: Quantity.of('1') };
    expect(codes(btc.validate(specs.stopMarket({ ...q, triggerPrice: Price.of('90.005') })))).toEqual(['PRICE_OFF_TICK:triggerPrice']);
    expect(codes(btc.validate(specs.stopLimit({ ...q, triggerPrice: Price.of('90.005'), price: Price.of('89.001') })))).toEqual([
      'PRICE_OFF_TICK:triggerPrice',
      'PRICE_OFF_TICK:price',
    ]);
    expect(codes(btc.validate(specs.trailingStop({ ...q, activationPrice: Price.of('95.55') })))).toEqual([]);
    expect(codes(btc.validate(specs.trailingStop({ ...q, activationPrice: Price.of('95.5555') })))).toEqual(['PRICE_OFF_TICK:activationPrice']);
  });

  it('checks a trailing offset given in price units against the tick (basis points are not prices)', () => {
    const trailing = (unit: 'PRICE' | 'BPS', amount: string) =>
      btc.validate(specs.trailingStop({ quantity: Quantity.of('1'), offset: { unit, amount: d(amount) } }));
    expect(codes(trailing('PRICE', '0.5'))).toEqual([]);
    expect(codes(trailing('PRICE', '0.005'))).toEqual(['PRICE_OFF_TICK:offset']);
    expect(codes(trailing('BPS', '12.5'))).toEqual([]);
  });

  it('values a MARKET order for min notional only with a reference price', () => {
    const market = specs.market({ quantity: Quantity.of('0.002') });
    expect(btc.validate(market)).toEqual({ ok: true });
    expect(btc.validate(market, Price.of('5000'))).toEqual({ ok: true }); // 10 = minimum, not below
    expect(codes(btc.validate(market, Price.of('4999.99')))).toEqual(['BELOW_MIN_NOTIONAL:quantity']);
    const trailing = specs.trailingStop({ quantity: Quantity.of('0.002') });
    expect(btc.validate(trailing)).toEqual({ ok: true });
    expect(codes(btc.validate(trailing, Price.of('100')))).toEqual(['BELOW_MIN_NOTIONAL:quantity']);
  });

  it('values priced orders at their own price, not the reference', () => {
    const limit = specs.limit({ quantity: Quantity.of('0.002'), price: Price.of('100') });
    expect(codes(btc.validate(limit, Price.of('1000000')))).toEqual(['BELOW_MIN_NOTIONAL:quantity']);
    const stop = specs.stopMarket({ quantity: Quantity.of('0.002'), triggerPrice: Price.of('6000') });
    expect(btc.validate(stop, Price.of('1'))).toEqual({ ok: true });
    const stopLimit = specs.stopLimit({ quantity: Quantity.of('0.002'), triggerPrice: Price.of('6000'), price: Price.of('4000') });
    expect(codes(btc.validate(stopLimit))).toEqual(['BELOW_MIN_NOTIONAL:quantity']);
  });

  it('skips the notional check when the instrument has no minimum', () => {
    const free = Instrument.create({ symbol: 'BTC/USDT', tickSize: '0.01', lotSize: '0.001' });
    expect(free.validate(specs.limit({ quantity: Quantity.of('0.001'), price: Price.of('0.01') }))).toEqual({ ok: true });
  });
});

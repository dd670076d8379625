import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { DomainError } from '../errors.js';
import { Decimal } from '../values/decimal.js';
import { currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { convert, type MarkPrices } from './mark-prices.js';

const [USDT, BTC, EUR] = [currency('USDT'), currency('BTC'), currency('EUR')];
const marks: MarkPrices = new Map([
  ['BTC/USDT', Price.of('60000')],
  ['USDT/EUR', Price.of('0.9')],
]);
const d = (s: string): Decimal => Decimal.of(s);

describe('convert', () => {
  it('returns the amount unchanged in its own currency, and zero of anything without a mark', () => {
    expect(convert(d('12.5'), USDT, USDT, new Map()).toString()).toBe('12.5');
    expect(convert(d('0'), EUR, BTC, new Map()).isZero()).toBe(true);
  });

  it('multiplies by the mark of FROM/TO', () => {
    expect(convert(d('0.5'), BTC, USDT, marks).toString()).toBe('30000');
    expect(convert(d('-0.25'), BTC, USDT, marks).toString()).toBe('-15000');
  });

  it('divides by the mark of TO/FROM (30 places)', () => {
    expect(convert(d('90'), EUR, USDT, marks).toString()).toBe('100');
    expect(convert(d('1'), EUR, USDT, marks).toString()).toBe(`1.${'1'.repeat(30)}`);
    expect(convert(d('30000'), USDT, BTC, marks).toString()).toBe('0.5');
  });

  it('throws MISSING_MARK_PRICE naming both possible instruments', () => {
    const error = thrown(() => convert(d('1'), EUR, BTC, marks));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('MISSING_MARK_PRICE');
    expect(error.message).toBe('no mark price to value EUR in BTC: need EUR/BTC or BTC/EUR');
    expect(error.details).toEqual({ from: 'EUR', to: 'BTC' });
  });
});

import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { DomainError, InvalidValueError } from '../errors.js';
import { Decimal, RoundingMode } from './decimal.js';
import { Money, currency } from './money.js';

const usdt = (s: string): Money => Money.of(s, 'USDT');

describe('currency', () => {
  it.each(['USDT', 'BTC', '1INCH', 'A'])('accepts %s', (code) => {
    expect(currency(code)).toBe(code);
  });

  it.each(['usdt', '', 'US DT', 'USD-T', 'A'.repeat(21), 5])('rejects %o', (code) => {
    const error = thrown(() => currency(code as string, 'feeCurrency'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toMatch(/^invalid currency 'feeCurrency', was .*: expected 1 to 20 upper-case letters or digits/);
  });
});

describe('Money', () => {
  it('holds an exact signed amount and a currency', () => {
    const m = usdt('-12.50');
    expect(m.amount.toString()).toBe('-12.5');
    expect(m.currency).toBe('USDT');
    expect(m.toString()).toBe('-12.5 USDT');
    expect(Money.zero('BTC').isZero()).toBe(true);
    expect(Money.of(Decimal.of('1'), 'BTC').amount.toString()).toBe('1');
  });

  it('rejects a malformed amount naming the field, and a malformed currency', () => {
    expect(thrown(() => Money.of('1,5', 'USDT', 'fee')).message).toBe(
      `invalid decimal 'fee', was "1,5": expected a finite decimal number such as "42.5"`,
    );
    expect(() => Money.of(Number.NaN as unknown as string, 'USDT')).toThrow(InvalidValueError);
    expect(() => Money.of('1', 'usdt')).toThrow(InvalidValueError);
  });

  it('adds, subtracts, scales, negates and rounds exactly', () => {
    expect(usdt('0.1').add(usdt('0.2')).equals(usdt('0.3'))).toBe(true);
    expect(usdt('0.1').sub(usdt('0.2')).toString()).toBe('-0.1 USDT');
    expect(usdt('1000').mul(Decimal.of('0.001')).toString()).toBe('1 USDT');
    expect(usdt('1').neg().toString()).toBe('-1 USDT');
    expect(usdt('-1').abs().toString()).toBe('1 USDT');
    expect(usdt('1.005').round(2, RoundingMode.HALF_EVEN).toString()).toBe('1 USDT');
    expect(usdt('1.005').round(2, RoundingMode.HALF_UP).toString()).toBe('1.01 USDT');
    expect([usdt('-1').isNegative(), usdt('1').isPositive(), usdt('0').isZero()]).toEqual([true, true, true]);
  });

  it('compares within one currency', () => {
    expect(usdt('1').cmp(usdt('2'))).toBe(-1);
    expect(usdt('2.0').cmp(usdt('2'))).toBe(0);
    expect(usdt('1').equals(usdt('1.00'))).toBe(true);
    expect(usdt('1').equals(Money.of('1', 'USDC'))).toBe(false);
  });

  it.each([
    ['add', (a: Money, b: Money) => a.add(b)],
    ['subtract', (a: Money, b: Money) => a.sub(b)],
    ['compare', (a: Money, b: Money) => a.cmp(b)],
  ] as const)('refuses to %s two currencies with CURRENCY_MISMATCH', (operation, op) => {
    const error = thrown(() => op(usdt('1'), Money.of('1', 'BTC')));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('CURRENCY_MISMATCH');
    expect(error.message).toBe(`cannot ${operation} BTC and USDT`);
    expect(error.details).toEqual({ left: '1 USDT', right: '1 BTC' });
  });

  it('serialises to JSON with the amount as a string', () => {
    expect(JSON.stringify(Money.of('1e-30', 'BTC'))).toBe('{"amount":"0.000000000000000000000000000001","currency":"BTC"}');
    expect(usdt('-0.5').toJSON()).toEqual({ amount: '-0.5', currency: 'USDT' });
  });

  it('is immutable', () => {
    const a = usdt('1');
    a.add(usdt('1'));
    a.mul(Decimal.of('3'));
    expect(a.toString()).toBe('1 USDT');
  });
});

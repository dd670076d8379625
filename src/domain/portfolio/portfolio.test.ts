import { describe, expect, it } from 'vitest';
import { BTC_USDT, ETH_USDT, buy, sell, thrown } from '../../../test/domain/builders.js';
import { DomainError, InvalidValueError } from '../errors.js';
import { Money } from '../values/money.js';
import { Price } from '../values/price.js';
import { AccountType } from './balance.js';
import type { MarkPrices } from './mark-prices.js';
import { Portfolio } from './portfolio.js';

const money = (amount: string, code: string): Money => Money.of(amount, code);
const cash = (...balances: Money[]): Portfolio => new Portfolio({ accountId: 'acc-1', type: AccountType.CASH, baseCurrency: 'USDT', balances });
const margin = (...balances: Money[]): Portfolio => new Portfolio({ accountId: 'acc-1', type: AccountType.MARGIN, baseCurrency: 'USDT', balances });
const marks = (entries: Record<string, string>): MarkPrices => new Map(Object.entries(entries).map(([k, v]) => [k, Price.of(v)]));
/** "free/locked" per currency, for compact assertions. */
const funds = (p: Portfolio): Record<string, string> =>
  Object.fromEntries(p.balances().map((b) => [b.currency, `${b.free.toString()}/${b.locked.toString()}`]));

describe('Portfolio construction', () => {
  it('checks the account id, base currency and, for CASH, non-negative starting funds', () => {
    expect(() => new Portfolio({ accountId: '', type: 'CASH', baseCurrency: 'USDT', balances: [] })).toThrow(InvalidValueError);
    expect(() => new Portfolio({ accountId: 'a', type: 'CASH', baseCurrency: 'usdt', balances: [] })).toThrow(InvalidValueError);
    expect(thrown(() => cash(money('-1', 'USDT'))).message).toBe(`invalid balance 'USDT', was "-1": expected a non-negative starting balance`);
    expect(funds(margin(money('-1', 'BTC')))).toEqual({ BTC: '-1/0' });
  });
});

describe('spot trading', () => {
  it('a buy moves quote to base and charges the fee; a sell moves it back', () => {
    const p = cash(money('1000', 'USDT'));
    p.applyFill(buy('0.01', '50000', { fee: '0.5' }));
    expect(funds(p)).toEqual({ BTC: '0.01/0', USDT: '499.5/0' });
    expect(p.position(BTC_USDT).quantity.toString()).toBe('0.01');
    p.applyFill(sell('0.01', '60000', { fee: '0.6' }));
    expect(funds(p)).toEqual({ BTC: '0/0', USDT: '1098.9/0' });
    expect(p.position(BTC_USDT).isFlat).toBe(true);
    const trips = p.roundTrips();
    expect(trips.map((t) => t.netPnl.toString())).toEqual(['98.9']);
    expect(p.openPositions()).toEqual([]);
    p.applyFill(buy('0.01', '50000'));
    p.applyFill(sell('0.01', '50000'));
    expect(p.roundTrips()).toHaveLength(2);
    expect(p.mapRoundTrips((t) => `${t.side} ${t.netPnl.toString()}`)).toEqual(p.roundTrips().map((t) => `${t.side} ${t.netPnl.toString()}`));
    expect(p.mapRoundTrips((t) => t.netPnl.toString())).toEqual(['98.9', '0']);
    expect(trips, 'a list already handed out does not grow').toHaveLength(1);
  });

  it('charges a base-currency fee in the base currency', () => {
    const p = cash(money('1000', 'USDT'));
    p.applyFill(buy('0.01', '50000', { fee: '0.00001', feeCurrency: 'BTC' }));
    expect(funds(p)).toEqual({ BTC: '0.00999/0', USDT: '500/0' });
  });

  it('refuses, with INSUFFICIENT_BALANCE, a fill that would take a CASH balance below zero, and changes nothing', () => {
    const p = cash(money('100', 'USDT'));
    const error = thrown(() => p.applyFill(buy('0.01', '10000', { fee: '0.1', tradeId: 'big' })));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.message).toBe('insufficient USDT for fill big: need 100.1, free 100');
    expect(funds(p)).toEqual({ USDT: '100/0' });
    expect(p.position(BTC_USDT).isFlat).toBe(true);
    // No short selling on a cash account.
    expect(thrown(() => p.applyFill(sell('0.01', '100', { tradeId: 'short' }))).message).toBe('insufficient BTC for fill short: need 0.01, free 0');
    expect(funds(p)).toEqual({ USDT: '100/0' });
    expect(p.openPositions()).toEqual([]);
  });

  it('a MARGIN account may go short and borrow', () => {
    const p = margin(money('100', 'USDT'));
    p.applyFill(sell('1', '50'));
    p.applyFill(buy('3', '50'));
    expect(funds(p)).toEqual({ BTC: '2/0', USDT: '0/0' });
    p.applyFill(buy('1', '50'));
    expect(funds(p)).toEqual({ BTC: '3/0', USDT: '-50/0' });
  });
});

describe('lock and unlock', () => {
  it('moves funds between free and locked', () => {
    const p = cash(money('1000', 'USDT'));
    p.lock(money('600', 'USDT'));
    expect(funds(p)).toEqual({ USDT: '400/600' });
    p.unlock(money('200', 'USDT'));
    expect(funds(p)).toEqual({ USDT: '600/400' });
    expect(p.canLock(money('600', 'USDT'))).toBe(true);
    expect(p.canLock(money('600.01', 'USDT'))).toBe(false);
  });

  it('refuses to lock more than is free on a CASH account', () => {
    const p = cash(money('10', 'USDT'));
    const error = thrown(() => p.lock(money('10.5', 'USDT')));
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.message).toBe('insufficient USDT for lock: need 10.5, free 10');
    expect(funds(p)).toEqual({ USDT: '10/0' });
  });

  it('refuses to unlock more than is locked, and negative amounts, changing nothing', () => {
    const p = cash(money('10', 'USDT'));
    p.lock(money('4', 'USDT'));
    expect(thrown(() => p.unlock(money('5', 'USDT'))).message).toBe('cannot unlock 5 USDT: only 4 locked');
    expect(thrown(() => p.lock(money('-1', 'USDT')))).toBeInstanceOf(InvalidValueError);
    expect(thrown(() => p.unlock(money('-1', 'USDT')))).toBeInstanceOf(InvalidValueError);
    expect(thrown(() => p.unlock(money('1', 'BTC'))).code).toBe('INSUFFICIENT_BALANCE');
    expect(funds(p)).toEqual({ USDT: '6/4' }); // and no BTC row was written by the refused unlock
  });

  it('a MARGIN account may lock beyond its free funds', () => {
    const p = margin(money('10', 'USDT'));
    p.lock(money('15', 'USDT'));
    expect(funds(p)).toEqual({ USDT: '-5/15' });
  });

  it('applyFill releases the locked part the fill consumes, in the same step', () => {
    const p = cash(money('1000', 'USDT'));
    p.lock(money('501', 'USDT')); // order of 0.01 @ 50000 plus room for the fee
    // Without the release, the free funds alone cannot pay.
    expect(thrown(() => p.applyFill(buy('0.01', '50000', { fee: '0.5' }))).code).toBe('INSUFFICIENT_BALANCE');
    expect(funds(p)).toEqual({ USDT: '499/501' });
    p.applyFill(buy('0.01', '50000', { fee: '0.5' }), money('500.5', 'USDT'));
    expect(funds(p)).toEqual({ BTC: '0.01/0', USDT: '499/0.5' });
    p.unlock(money('0.5', 'USDT'));
    expect(funds(p)).toEqual({ BTC: '0.01/0', USDT: '499.5/0' });
  });

  it('releases a base-currency reservation for a sell, and one in a currency the fill does not touch', () => {
    const p = cash(money('1', 'BTC'), money('5', 'BNB'));
    p.lock(money('1', 'BTC'));
    p.lock(money('2', 'BNB'));
    p.applyFill(sell('0.4', '100'), money('0.4', 'BTC'));
    expect(funds(p)).toEqual({ BNB: '3/2', BTC: '0/0.6', USDT: '40/0' });
    p.applyFill(buy('0.1', '100'), money('1', 'BNB')); // e.g. a reservation for fees in BNB
    expect(funds(p)).toEqual({ BNB: '4/1', BTC: '0.1/0.6', USDT: '30/0' });
  });

  it('refuses to release more than is locked, changing nothing', () => {
    const p = cash(money('1000', 'USDT'));
    p.lock(money('10', 'USDT'));
    const error = thrown(() => p.applyFill(buy('0.001', '5000', { tradeId: 'r' }), money('11', 'USDT')));
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.message).toBe('cannot release 11 USDT locked for fill r');
    expect(thrown(() => p.applyFill(buy('0.001', '5000'), money('-1', 'USDT')))).toBeInstanceOf(InvalidValueError);
    expect(funds(p)).toEqual({ USDT: '990/10' });
    expect(p.position(BTC_USDT).isFlat).toBe(true);
  });
});

describe('valuation', () => {
  it('values every balance, free and locked, in the base currency, directly or through the inverse mark', () => {
    const p = cash(money('1000', 'USDT'), money('0.5', 'BTC'), money('90', 'EUR'), money('0', 'DOGE'));
    p.lock(money('0.1', 'BTC'));
    const equity = p.equity(marks({ 'BTC/USDT': '60000', 'USDT/EUR': '0.9' }));
    expect(equity.toString()).toBe('31100 USDT'); // 1000 + 0.5 * 60000 + 90 / 0.9; DOGE is zero, needs no mark
  });

  it('throws MISSING_MARK_PRICE for a balance it cannot value', () => {
    const p = cash(money('1', 'ETH'));
    expect(thrown(() => p.equity(marks({ 'BTC/USDT': '1' }))).code).toBe('MISSING_MARK_PRICE');
  });

  it('gives realized and unrealized P&L at the marks, and needs a mark for every open position', () => {
    const p = margin(money('10000', 'USDT'));
    p.applyFill(buy('2', '100'));
    p.applyFill(sell('1', '120'));
    p.applyFill(sell('1', '2000', { instrumentId: ETH_USDT }));
    const m = marks({ 'BTC/USDT': '130', 'ETH/USDT': '1900' });
    expect(p.realizedPnl(m).toString()).toBe('20 USDT');
    expect(p.unrealizedPnl(m).toString()).toBe('130 USDT'); // 30 on BTC + 100 on the ETH short
    const error = thrown(() => p.unrealizedPnl(marks({ 'BTC/USDT': '130' })));
    expect(error.code).toBe('MISSING_MARK_PRICE');
    expect(error.message).toBe('no mark price for the open ETH/USDT position');
    expect(p.openPositions().map((x) => `${x.instrumentId} ${x.side}`)).toEqual(['BTC/USDT LONG', 'ETH/USDT SHORT']);
  });

  it('gives the signed exposure per instrument in its quote currency', () => {
    const p = margin(money('10000', 'USDT'));
    p.applyFill(buy('0.5', '100'));
    p.applyFill(sell('2', '10', { instrumentId: ETH_USDT }));
    expect(p.exposure(BTC_USDT, Price.of('110')).toString()).toBe('55 USDT');
    expect(p.exposure(ETH_USDT, Price.of('11')).toString()).toBe('-22 USDT');
    expect(p.exposure(BTC_USDT, Price.of('110')).currency).toBe('USDT');
    const other = margin();
    expect(other.exposure(BTC_USDT, Price.of('1')).isZero()).toBe(true);
  });

  it('markToMarket keeps the running peak and the drawdown from it', () => {
    const p = cash(money('1', 'BTC'));
    const at = (mark: string) => p.markToMarket(marks({ 'BTC/USDT': mark }));
    const points = ['1000', '900', '1100', '990', '1050', '880', '1200'].map((m) => {
      const point = at(m);
      return `${point.equity.amount.toString()} ${point.peakEquity.amount.toString()} ${point.drawdown.toString()}`;
    });
    expect(points).toEqual(['1000 1000 0', '900 1000 0.1', '1100 1100 0', '990 1100 0.1', '1050 1100 0.045454545454545454545454545455', '880 1100 0.2', '1200 1200 0']);
    expect(p.maxDrawdown.toString()).toBe('0.2');
  });

  it('reports no drawdown while the peak is not positive', () => {
    const p = margin(money('-10', 'USDT'));
    const point = p.markToMarket(new Map());
    expect([point.equity.toString(), point.drawdown.toString()]).toEqual(['-10 USDT', '0']);
  });
});

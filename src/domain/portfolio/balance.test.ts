import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors.js';
import { Money } from '../values/money.js';
import { AccountType } from './balance.js';
import { Portfolio } from './portfolio.js';

describe('Balance', () => {
  it('shows free, locked and their total per currency; an unknown currency is all zero', () => {
    const portfolio = new Portfolio({ accountId: 'a', type: AccountType.CASH, baseCurrency: 'USDT', balances: [Money.of('100', 'USDT')] });
    portfolio.lock(Money.of('30.5', 'USDT'));
    expect(JSON.parse(JSON.stringify(portfolio.balance('USDT')))).toEqual({ currency: 'USDT', free: '69.5', locked: '30.5', total: '100' });
    expect(JSON.parse(JSON.stringify(portfolio.balance('BTC')))).toEqual({ currency: 'BTC', free: '0', locked: '0', total: '0' });
    expect(() => portfolio.balance('usdt')).toThrow(InvalidValueError);
  });

  it('lists balances sorted by currency, starting funds of one currency added together', () => {
    const portfolio = new Portfolio({
      accountId: 'a',
      type: AccountType.CASH,
      baseCurrency: 'USDT',
      balances: [Money.of('1', 'USDT'), Money.of('2', 'BTC'), Money.of('0.5', 'USDT')],
    });
    expect(portfolio.balances().map((b) => `${b.currency}=${b.total.toString()}`)).toEqual(['BTC=2', 'USDT=1.5']);
  });

  it('AccountType values are their names', () => {
    expect(AccountType).toEqual({ CASH: 'CASH', MARGIN: 'MARGIN' });
  });
});

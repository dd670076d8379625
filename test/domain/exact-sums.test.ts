/**
 * (5) 10,000 fills of 0.1 sum to exactly 1000, through Position.apply and through the portfolio's
 * balances. With float64 the same sum is 1000.0000000001588.
 */
import { describe, expect, it } from 'vitest';
import type { Fill } from '../../src/domain/fills/fill.js';
import { AccountType } from '../../src/domain/portfolio/balance.js';
import { Portfolio } from '../../src/domain/portfolio/portfolio.js';
import { Position } from '../../src/domain/positions/position.js';
import { Money } from '../../src/domain/values/money.js';
import { BTC_USDT, buy } from './builders.js';

const N = 10_000;
const fills: readonly Fill[] = Array.from({ length: N }, (_, i) => buy('0.1', '0.1', { fee: '0.0001', tsMs: i }));

describe('exact sums', () => {
  it('floats would not do (the reason for this test)', () => {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += 0.1;
    expect(sum).not.toBe(1000);
  });

  it('(5a) 10,000 fills of 0.1 make a position of exactly 1000', () => {
    let position = Position.flat(BTC_USDT);
    for (const f of fills) position = position.apply(f).position;
    expect(position.netQuantity.toString()).toBe('1000');
    expect(position.costBasis.toString()).toBe('100'); // 10,000 x 0.1 x 0.1
    expect(position.avgEntryPrice?.toString()).toBe('0.1');
    expect(position.feesPaid.map(String)).toEqual(['1 USDT']);
  });

  it('(5b) and exactly 1000 BTC in the portfolio, paid with exactly 101 USDT', () => {
    const portfolio = new Portfolio({ accountId: 'sum', type: AccountType.CASH, baseCurrency: 'USDT', balances: [Money.of('101', 'USDT')] });
    for (const f of fills) portfolio.applyFill(f);
    expect(portfolio.balance('BTC').free.toString()).toBe('1000');
    expect(portfolio.balance('USDT').free.toString()).toBe('0'); // 101 - 100 notional - 1 fees, not a hair below
    expect(portfolio.position(BTC_USDT).netQuantity.toString()).toBe('1000');
  });
});

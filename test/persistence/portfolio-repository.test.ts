import { expect, it } from 'vitest';
import { PostgresPortfolioRepository } from '../../src/adapters/postgres/postgres-portfolio-repository.js';
import { sqlUnitOfWork } from '../../src/adapters/postgres/repositories-for.js';
import type { PortfolioRepository } from '../../src/application/ports/portfolio-repository.js';
import type { Balance } from '../../src/domain/portfolio/balance.js';
import { currency } from '../../src/domain/values/money.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { describeEachBackend } from './backends.js';
import { T0 } from './trading-fixtures.js';

// The portfolio repository contract (balances and the equity curve), run against PGlite and PostgreSQL.

function balance(code: string, free: string, locked = '0'): Balance {
  const f = Decimal.of(free);
  const l = Decimal.of(locked);
  return { currency: currency(code), free: f, locked: l, total: f.add(l) };
}

const text = (balances: readonly Balance[]) => balances.map((b) => `${b.currency} ${b.free.toString()} + ${b.locked.toString()} = ${b.total.toString()}`);

describeEachBackend('portfolio repository', (current) => {
  const portfolio = (): PortfolioRepository => new PostgresPortfolioRepository(current().db);

  it('upserts balances per currency, leaves the others, and reads them back exactly', async () => {
    await portfolio().saveBalances('main', [balance('USDT', '10000'), balance('BTC', '0')], T0);
    const afterBuy = Decimal.of('10000').sub(Decimal.of('0.1')).sub(Decimal.of('0.2'));
    await portfolio().saveBalances('main', [{ ...balance('USDT', '0', '0.000000000000000000000000000001'), free: afterBuy, total: afterBuy }], T0 + 1);
    expect(text(await portfolio().findBalances('main'))).toEqual([
      'BTC 0 + 0 = 0',
      'USDT 9999.7 + 0.000000000000000000000000000001 = 9999.700000000000000000000000000001',
    ]);
    expect((await portfolio().findBalance('main', currency('USDT')))?.free.toString()).toBe('9999.7');
    expect(await portfolio().findBalance('main', currency('ETH'))).toBeUndefined();
    expect(await portfolio().findBalances('other')).toEqual([]);
    await portfolio().saveBalances('margin-1', [balance('USDT', '-250.5')], T0);
    expect(text(await portfolio().findBalances('margin-1')), 'a margin account may owe').toEqual(['USDT -250.5 + 0 = -250.5']);
  });

  it('changes balances only together with the rest of their unit of work', async () => {
    await portfolio().saveBalances('main', [balance('USDT', '100')], T0);
    const failed = sqlUnitOfWork(current().db).run('test.fill', async ({ portfolio: p }) => {
      await p.saveBalances('main', [balance('USDT', '50'), balance('BTC', '0.5')], T0 + 1);
      throw new Error('the fill could not be recorded');
    });
    await expect(failed).rejects.toThrow('the fill could not be recorded');
    expect(text(await portfolio().findBalances('main'))).toEqual(['USDT 100 + 0 = 100']);
  });

  it('stores the equity curve and reads a time range; a point at a stored time replaces it', async () => {
    const point = (i: number, equity: string, peak: string, drawdown: string) => ({
      tsMs: T0 + i * 60_000,
      equity: Money.of(equity, 'USDT'),
      peakEquity: Money.of(peak, 'USDT'),
      drawdown: Decimal.of(drawdown),
    });
    const third = Decimal.of('1').div(Decimal.of('3'));
    await portfolio().saveEquityPoint('main', point(0, '10000', '10000', '0'));
    await portfolio().saveEquityPoint('main', point(1, '10100.05', '10100.05', '0'));
    await portfolio().saveEquityPoint('main', { ...point(2, '6733.366666666666666666666666666667', '10100.05', '0'), drawdown: third });
    await portfolio().saveEquityPoint('main', point(3, '10200', '10200', '0'));
    await portfolio().saveEquityPoint('main', point(3, '10300', '10300', '0'));
    await portfolio().saveEquityPoint('other', point(1, '1', '1', '0'));
    const curve = await portfolio().findEquityCurve('main');
    expect(curve.map((p) => p.equity.amount.toString())).toEqual(['10000', '10100.05', '6733.366666666666666666666666666667', '10300']);
    expect(curve[2]?.drawdown.eq(third)).toBe(true);
    const range = await portfolio().findEquityCurve('main', { fromMs: T0 + 60_000, toMs: T0 + 120_000 });
    expect(range.map((p) => [p.tsMs, p.peakEquity.toString()])).toEqual([
      [T0 + 60_000, '10100.05 USDT'],
      [T0 + 120_000, '10100.05 USDT'],
    ]);
  });

  it('refuses what would be stored wrongly, with a clear error', async () => {
    await expect(portfolio().saveBalances('main', [balance('USDT', '1', '-1')], T0)).rejects.toThrow(
      `invalid balance 'USDT.locked', was "-1": expected a non-negative amount`,
    );
    await expect(portfolio().saveBalances('main', [balance('USDT', '1'), balance('USDT', '2')], T0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(portfolio().saveBalances('main', [{ ...balance('USDT', '1'), currency: "USDT'--" as never }], T0)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      portfolio().saveEquityPoint('main', { tsMs: T0, equity: Money.of('1', 'USDT'), peakEquity: Money.of('1', 'BTC'), drawdown: Decimal.ZERO }),
    ).rejects.toThrow(`invalid equity point 'peakEquity.currency', was "BTC": expected the equity's currency USDT`);
    expect(await portfolio().findBalances('main')).toEqual([]);
  });
});

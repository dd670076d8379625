import { expect, it } from 'vitest';
import { PostgresRiskRepository } from '../../src/adapters/postgres/postgres-risk-repository.js';
import type { RiskEvent, RiskRepository } from '../../src/application/ports/risk-repository.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { describeEachBackend } from './backends.js';
import { T0 } from './trading-fixtures.js';

// The risk repository contract (limits, events, metric snapshots), run against PGlite and PostgreSQL.

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describeEachBackend('risk repository', (current) => {
  const risk = (): RiskRepository => new PostgresRiskRepository(current().db);

  it('keeps limits per account and per strategy, each replaced whole', async () => {
    const accountLimits = {
      maxOrderNotional: Decimal.of('50000.000000000000000001'),
      maxOpenOrders: 20,
      maxDrawdownPct: 15.5,
      marketBuyBuffer: Decimal.of('0.02'),
    };
    await risk().saveLimits({ accountId: 'main' }, accountLimits, T0);
    await risk().saveLimits({ accountId: 'main', strategyId: "grid '; --" }, { maxPositionNotional: Decimal.of('1000'), maxDailyLossPct: 3 }, T0);
    const account = await risk().findLimits({ accountId: 'main' });
    expect(plain(account)).toEqual(plain({ scope: { accountId: 'main' }, limits: accountLimits, updatedTsMs: T0 }));
    expect(account?.limits.maxOrderNotional?.toString()).toBe('50000.000000000000000001');
    expect((await risk().findLimits({ accountId: 'main', strategyId: "grid '; --" }))?.limits.maxDailyLossPct).toBe(3);
    expect(await risk().findLimits({ accountId: 'main', strategyId: 'other' }), 'no fallback to the account').toBeUndefined();

    await risk().saveLimits({ accountId: 'main' }, { maxOpenOrders: 5 }, T0 + 1);
    expect((await risk().findLimits({ accountId: 'main' }))?.limits, 'absent limits are cleared').toEqual({ maxOpenOrders: 5 });
    expect((await risk().listLimits('main')).map((l) => l.scope)).toEqual([{ accountId: 'main' }, { accountId: 'main', strategyId: "grid '; --" }]);
  });

  it('records events of every type and reads them back in order, filtered by time and type', async () => {
    const events: RiskEvent[] = [
      { type: 'TRADING_STATE_CHANGED', accountId: 'main', tsMs: T0, from: 'ACTIVE', to: 'REDUCING', reason: 'daily loss 3.1% > 3%' },
      {
        type: 'ORDER_REJECTED',
        accountId: 'main',
        strategyId: 'sma "x"',
        tsMs: T0 + 1,
        clientOrderId: clientOrderId('o-17'),
        source: 'RISK',
        code: 'MAX_ORDER_NOTIONAL',
        reason: "notional 60000 > 50000; '; DROP TABLE risk_events; --",
      },
      {
        type: 'LIMIT_BREACHED',
        accountId: 'main',
        tsMs: T0 + 2,
        limit: 'maxPositionNotional',
        observed: Decimal.of('1000.000000000000000000000000000001'),
        threshold: Decimal.of('1000'),
        reason: '',
      },
      { type: 'TRADING_STATE_CHANGED', accountId: 'main', tsMs: T0 + 3, from: 'REDUCING', to: 'HALTED', reason: 'drawdown' },
      { type: 'TRADING_STATE_CHANGED', accountId: 'other', tsMs: T0 + 3, from: 'ACTIVE', to: 'HALTED', reason: 'x' },
    ];
    for (const event of events) await risk().recordEvent(event);
    expect(plain(await risk().findEvents('main'))).toEqual(plain(events.slice(0, 4)));
    expect((await risk().findEvents('main', { range: { fromMs: T0 + 1, toMs: T0 + 2 } })).map((e) => e.type)).toEqual(['ORDER_REJECTED', 'LIMIT_BREACHED']);
    expect((await risk().findEvents('main', { types: ['TRADING_STATE_CHANGED'] })).map((e) => e.tsMs)).toEqual([T0, T0 + 3]);
    expect(await risk().findEvents('main', { limit: 1 })).toHaveLength(1);
  });

  it('stores metric snapshots, one per moment', async () => {
    await risk().saveMetrics({ accountId: 'main', tsMs: T0, confidence: 0.95, varPct: 2.345678901234567, cvarPct: 3.1, drawdownPct: 0, equity: Decimal.of('10000.01') });
    await risk().saveMetrics({ accountId: 'main', tsMs: T0 + 1, confidence: 0.99, varPct: undefined, cvarPct: undefined, drawdownPct: 12.5, equity: undefined });
    await risk().saveMetrics({ accountId: 'main', tsMs: T0 + 1, confidence: 0.99, varPct: undefined, cvarPct: undefined, drawdownPct: 13, equity: undefined });
    const metrics = await risk().findMetrics('main');
    expect(metrics.map((m) => [m.varPct, m.drawdownPct, m.equity?.toString()])).toEqual([
      [2.345678901234567, 0, '10000.01'],
      [undefined, 13, undefined],
    ]);
    expect(await risk().findMetrics('main', { fromMs: T0 + 1 })).toHaveLength(1);
  });

  it('refuses malformed limits and events clearly', async () => {
    await expect(risk().saveLimits({ accountId: 'main' }, { maxOrderNotional: Decimal.of('-1') }, T0)).rejects.toThrow(
      `invalid risk limits 'maxOrderNotional', was "-1": expected a positive amount`,
    );
    await expect(risk().saveLimits({ accountId: 'main' }, { maxDrawdownPct: 101 }, T0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(risk().saveLimits({ accountId: 'main', strategyId: '' }, {}, T0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      risk().recordEvent({ type: 'TRADING_STATE_CHANGED', accountId: 'main', tsMs: T0, from: 'ACTIVE', to: 'PANIC' as never, reason: '' }),
    ).rejects.toThrow(`invalid risk event 'to', was "PANIC": expected ACTIVE, REDUCING or HALTED`);
    await expect(risk().saveMetrics({ accountId: 'main', tsMs: T0, confidence: 95, varPct: 1, cvarPct: 1, drawdownPct: 0, equity: undefined })).rejects.toThrow(
      `invalid risk metrics 'confidence', was 95: expected a number between 0 and 1, such as 0.95`,
    );
    expect(await risk().listLimits('main')).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import { PostgresPositionRepository } from '../../src/adapters/postgres/postgres-position-repository.js';
import type { PositionRepository, PositionState } from '../../src/application/ports/position-repository.js';
import { Position } from '../../src/domain/positions/position.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { describeEachBackend } from './backends.js';
import { BTC, ETH_PERP, fillOf, specOf, T0 } from './trading-fixtures.js';

// The position repository contract, run against PGlite and PostgreSQL.

/** A position's stored fields as plain JSON, so that equal accounting compares equal. */
function fields(position: PositionState): unknown {
  const { instrumentId, netQuantity, costBasis, realizedPnl, feesPaid, lastFillTsMs } = position;
  return JSON.parse(JSON.stringify({ instrumentId, netQuantity, costBasis, realizedPnl, feesPaid, lastFillTsMs: lastFillTsMs ?? null }));
}

/** A long position built by the domain from fills, fees in two currencies. */
function tradedPosition(): Position {
  const spec = specOf.limit('p-1');
  const buys = [
    fillOf({ spec }, '0.1', '100.1', { fee: '0.01', tsMs: T0 + 1 }),
    fillOf({ spec }, '0.2', '99.7', { fee: '0.00000001', feeCurrency: 'BNB', tsMs: T0 + 2 }),
  ];
  const sell = fillOf({ spec: specOf.limit('p-2', { side: 'SELL' }) }, '0.07', '101.3', { fee: '0.02', tsMs: T0 + 3 });
  return [...buys, sell].reduce((position, fill) => position.apply(fill).position, Position.flat(BTC));
}

describeEachBackend('position repository', (current) => {
  const positions = (): PositionRepository => new PostgresPositionRepository(current().db);

  it('stores the current position and reads it back exactly, replacing it on the next save', async () => {
    const position = tradedPosition();
    expect(position.netQuantity.toString(), '0.1 + 0.2 - 0.07').toBe('0.23');
    await positions().saveCurrent('main', position, T0 + 3);
    const stored = await positions().findCurrent('main', BTC);
    expect(stored && fields(stored)).toEqual(fields(position));
    expect(stored?.feesPaid.map(String)).toEqual(['0.03 USDT', '0.00000001 BNB']);
    expect(stored?.realizedPnl.toString(), 'realized P&L of a partial reduction, exactly as the domain computed it').toBe(position.realizedPnl.toString());
    expect(stored?.updatedTsMs).toBe(T0 + 3);

    const flat = Position.flat(BTC);
    await positions().saveCurrent('main', flat, T0 + 9);
    const replaced = await positions().findCurrent('main', BTC);
    expect(replaced && fields(replaced)).toEqual(fields(flat));
    expect(replaced?.lastFillTsMs).toBeUndefined();
    expect(await positions().findCurrent('other', BTC)).toBeUndefined();
  });

  it('lists an account\'s positions by instrument, shorts and huge values included', async () => {
    const short: PositionState = {
      instrumentId: ETH_PERP,
      netQuantity: Decimal.of('-12345678901234567890.000000000000000001'),
      costBasis: Decimal.of('-1').div(Decimal.of('7')),
      realizedPnl: Decimal.of('-0.3'),
      feesPaid: [],
      lastFillTsMs: T0,
    };
    await positions().saveCurrent('acc:1', short, T0);
    await positions().saveCurrent('acc:1', tradedPosition(), T0);
    await positions().saveCurrent('acc:2', tradedPosition(), T0);
    const listed = await positions().listCurrent('acc:1');
    expect(listed.map((p) => p.instrumentId)).toEqual([BTC, ETH_PERP]);
    expect(fields(listed[1] as PositionState)).toEqual(fields(short));
    expect(listed[1]?.costBasis.toString()).toBe(`-0.${'142857'.repeat(5)}`);
  });

  it('keeps snapshots over time and reads a time range in order', async () => {
    let position = Position.flat(BTC);
    const spec = specOf.limit('p-snap');
    for (let i = 0; i < 5; i++) {
      position = position.apply(fillOf({ spec }, '0.1', String(100 + i), { tsMs: T0 + i * 1_000 })).position;
      await positions().appendSnapshot('main', position, T0 + i * 1_000);
    }
    await positions().appendSnapshot('main', position, T0 + 4_000);
    const all = await positions().findSnapshots('main', BTC);
    expect(all.map((s) => s.netQuantity.toString())).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.5']);
    const middle = await positions().findSnapshots('main', BTC, { fromMs: T0 + 1_000, toMs: T0 + 3_000 });
    expect(middle.map((s) => [s.tsMs, s.costBasis.toString()])).toEqual([
      [T0 + 1_000, '20.1'],
      [T0 + 2_000, '30.3'],
      [T0 + 3_000, '40.6'],
    ]);
    expect(await positions().findSnapshots('main', ETH_PERP)).toEqual([]);
  });

  it('refuses malformed accounts, symbols and fee lists clearly', async () => {
    await expect(positions().saveCurrent("main'; DROP TABLE positions; --", tradedPosition(), T0)).rejects.toThrow(
      `invalid position 'accountId', was "main'; DROP TABLE positions; --": expected 1 to 64 letters, digits or . _ : -`,
    );
    const twice: PositionState = { ...tradedPosition(), feesPaid: [Money.of('1', 'USDT'), Money.of('2', 'USDT')] };
    await expect(positions().saveCurrent('main', twice, T0)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most one fee entry per currency') });
    await expect(positions().findCurrent('main', 'BTC-USDT' as typeof BTC)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(positions().saveCurrent('main', tradedPosition(), -1)).rejects.toThrow("invalid position 'tsMs', was -1: expected epoch milliseconds, a non-negative integer");
    expect(await positions().listCurrent('main')).toEqual([]);
  });
});

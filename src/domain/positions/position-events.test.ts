import { describe, expect, it } from 'vitest';
import { BTC_USDT, buy, positionAfter, sell } from '../../../test/domain/builders.js';
import type { PositionEvent } from './position-events.js';
import { Position } from './position.js';

/** Events with decimals as strings, for readable comparisons. */
const plain = (events: readonly PositionEvent[]): unknown => JSON.parse(JSON.stringify(events));

describe('position events', () => {
  it('open -> PositionOpened with side, quantity and entry price', () => {
    const update = Position.flat(BTC_USDT).apply(buy('2', '100', { tsMs: 10 }));
    expect(plain(update.events)).toEqual([{ type: 'PositionOpened', instrumentId: 'BTC/USDT', side: 'LONG', quantity: '2', avgEntryPrice: '100', tsMs: 10 }]);
    expect(update.closed).toBeUndefined();
  });

  it('add and reduce -> PositionChanged with the realized delta and total', () => {
    const open = positionAfter([sell('2', '100')]);
    const added = open.apply(sell('2', '110', { tsMs: 20 }));
    expect(plain(added.events)).toEqual([
      { type: 'PositionChanged', instrumentId: 'BTC/USDT', side: 'SHORT', quantity: '4', avgEntryPrice: '105', realizedPnlDelta: '0', realizedPnl: '0', tsMs: 20 },
    ]);
    const reduced = added.position.apply(buy('1', '95', { tsMs: 30 }));
    expect(plain(reduced.events)).toEqual([
      { type: 'PositionChanged', instrumentId: 'BTC/USDT', side: 'SHORT', quantity: '3', avgEntryPrice: '105', realizedPnlDelta: '10', realizedPnl: '10', tsMs: 30 },
    ]);
  });

  it('close -> PositionClosed carrying the round trip and the total realized', () => {
    const update = positionAfter([buy('1', '100')]).apply(sell('1', '90', { tsMs: 40 }));
    expect(update.events).toHaveLength(1);
    const [closed] = update.events;
    expect(closed?.type).toBe('PositionClosed');
    if (closed?.type !== 'PositionClosed') return;
    expect(closed.roundTrip).toBe(update.closed);
    expect([closed.realizedPnl.toString(), closed.tsMs, closed.instrumentId]).toEqual(['-10', 40, 'BTC/USDT']);
  });

  it('flip -> PositionClosed then PositionOpened on the other side', () => {
    const update = positionAfter([buy('1', '100')]).apply(sell('1.5', '120', { tsMs: 50 }));
    expect(update.events.map((e) => e.type)).toEqual(['PositionClosed', 'PositionOpened']);
    expect(plain(update.events.slice(1))).toEqual([
      { type: 'PositionOpened', instrumentId: 'BTC/USDT', side: 'SHORT', quantity: '0.5', avgEntryPrice: '120', tsMs: 50 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { buy, positionAfter, sell } from '../../../test/domain/builders.js';
import type { RoundTrip } from './round-trip.js';

const only = (trips: readonly RoundTrip[]): RoundTrip => {
  expect(trips).toHaveLength(1);
  return trips[0]!;
};

describe('RoundTrip', () => {
  it('records a long trip: quantity, average entry and exit, P&L, fees, duration, fill count', () => {
    const trip = only(
      positionAfter([
        buy('1', '100', { fee: '0.1', tsMs: 1_000 }),
        buy('1', '110', { fee: '0.11', tsMs: 2_000 }),
        sell('0.5', '120', { fee: '0.06', tsMs: 3_000 }),
        sell('1.5', '90', { fee: '0.135', tsMs: 61_000 }),
      ]).roundTrips,
    );
    expect(JSON.parse(JSON.stringify(trip))).toEqual({
      instrumentId: 'BTC/USDT',
      side: 'LONG',
      quantity: '2',
      avgEntryPrice: '105',
      avgExitPrice: '97.5',
      entryTsMs: 1_000,
      exitTsMs: 61_000,
      durationMs: 60_000,
      realizedPnl: '-15',
      fees: '0.405',
      netPnl: '-15.405',
      quote: 'USDT',
      fillCount: 4,
    });
  });

  it('records a short trip with P&L reversed', () => {
    const trip = only(positionAfter([sell('1', '100', { tsMs: 0 }), buy('1', '80', { fee: '0.5', tsMs: 7 })]).roundTrips);
    expect([trip.side, trip.realizedPnl.toString(), trip.netPnl.toString(), trip.durationMs]).toEqual(['SHORT', '20', '19.5', 7]);
  });

  it('keeps P&L exact where the average prices are rounded quotients', () => {
    const trip = only(positionAfter([buy('1', '1'), buy('2', '2'), sell('1', '3'), sell('1', '3'), sell('1', '3')]).roundTrips);
    expect(trip.avgEntryPrice.toString()).toBe(`1.${'6'.repeat(29)}7`);
    expect(trip.avgExitPrice.toString()).toBe('3');
    expect(trip.realizedPnl.toString()).toBe('4'); // 9 - 5, not (3 - 1.67) * 3
  });

  it('splits a flip fill between the trip it closes and the one it opens, fees pro rata', () => {
    const position = positionAfter([
      buy('2', '100', { fee: '0.2', tsMs: 100 }),
      sell('5', '110', { fee: '0.5', tsMs: 200 }),
      buy('3', '105', { fee: '0.3', tsMs: 500 }),
    ]);
    const [first, second] = position.roundTrips;
    expect(JSON.parse(JSON.stringify([first, second]))).toMatchObject([
      { side: 'LONG', quantity: '2', avgEntryPrice: '100', avgExitPrice: '110', realizedPnl: '20', fees: '0.4', durationMs: 100, fillCount: 2 },
      { side: 'SHORT', quantity: '3', avgEntryPrice: '110', avgExitPrice: '105', realizedPnl: '15', fees: '0.6', durationMs: 300, fillCount: 2 },
    ]);
  });
});

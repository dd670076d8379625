import { describe, expect, it } from 'vitest';
import { instrumentId } from '../instruments/instrument-id.js';
import { Decimal } from '../values/decimal.js';
import { currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import type { RoundTrip } from './round-trip.js';
import { RoundTripLog } from './round-trip-log.js';

const BTC_USDT = instrumentId('BTC/USDT');
const ETH_BTC = instrumentId('ETH/BTC');

function trip(n: number, overrides: Partial<RoundTrip> = {}): RoundTrip {
  const entry = Price.of(`${100 + n}.12345678`);
  const exit = Price.of(`${101 + n}.5`);
  const quantity = Quantity.of(`0.${n + 1}`);
  const realizedPnl = exit.sub(entry).mul(quantity);
  const fees = Decimal.of('0.00000000001').mul(Decimal.of(String(n)));
  return {
    instrumentId: BTC_USDT,
    side: n % 2 === 0 ? 'LONG' : 'SHORT',
    quantity,
    avgEntryPrice: entry,
    avgExitPrice: exit,
    entryTsMs: 1_700_000_000_000 + n,
    exitTsMs: 1_700_000_060_000 + 2 * n,
    durationMs: 60_000 + n,
    realizedPnl,
    fees,
    netPnl: realizedPnl.sub(fees),
    quote: currency('USDT'),
    fillCount: 2 + n,
    ...overrides,
  };
}

/** A trip as plain text and numbers, so that equal values compare equal whatever objects hold them. */
const text = (t: RoundTrip): Record<string, string | number> =>
  Object.fromEntries(Object.entries(t).map(([key, value]) => [key, value instanceof Decimal ? `${value.constructor.name} ${value.toString()}` : (value as string | number)]));

describe('RoundTripLog', () => {
  it('gives back every trip with the same values and types, past several growths of its columns', () => {
    const log = new RoundTripLog();
    const trips = Array.from({ length: 70 }, (_, n) => trip(n));
    for (const t of trips) log.push(t);
    expect(log.length).toBe(70);
    expect(log.toArray().map(text)).toEqual(trips.map(text));
    expect(text(log.at(33))).toEqual(text(trips[33] as RoundTrip));
    expect(log.at(1).avgEntryPrice).toBeInstanceOf(Price);
    expect(log.at(1).quantity).toBeInstanceOf(Quantity);
  });

  it('keeps values too large for the compact form exactly, and other instruments and quotes', () => {
    const huge = Decimal.of('123456789012345678901234567890.123456789');
    const tiny = Decimal.of('-0.000000000000000000000000000001');
    const t = trip(3, { instrumentId: ETH_BTC, quote: currency('BTC'), realizedPnl: huge, fees: tiny, netPnl: huge.sub(tiny) });
    const log = new RoundTripLog();
    log.push(trip(1));
    log.push(t);
    expect(text(log.at(1))).toEqual(text(t));
    expect(log.at(1).netPnl.toString()).toBe('123456789012345678901234567890.123456789000000000000000000001');
  });

  it('copy holds the first trips only, and the two logs grow apart', () => {
    const log = new RoundTripLog();
    for (let n = 0; n < 5; n += 1) log.push(trip(n, n === 2 ? { fees: Decimal.of('1e-40') } : {}));
    const first3 = log.copy(3);
    first3.push(trip(50));
    log.push(trip(60));
    expect(first3.toArray().map((t) => t.fillCount)).toEqual([2, 3, 4, 52]);
    expect(log.toArray().map((t) => t.fillCount)).toEqual([2, 3, 4, 5, 6, 62]);
    expect(first3.at(2).fees.toString()).toBe(`0.${'0'.repeat(39)}1`);
    expect(log.toArray(2)).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { BTC_USDT, ETH_USDT, buy, positionAfter, sell, thrown } from '../../../test/domain/builders.js';
import { DomainError } from '../errors.js';
import { Decimal } from '../values/decimal.js';
import { currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { Position } from './position.js';
import type { RoundTrip } from './round-trip.js';

const USDT = currency('USDT');
const BTC = currency('BTC');
const p = (s: string): Price => Price.of(s);
const str = (x: Decimal | undefined): string | undefined => x?.toString();
const tripText = (trip: RoundTrip | undefined): Record<string, string | number> | undefined =>
  trip === undefined ? undefined : Object.fromEntries(Object.entries(trip).map(([key, value]) => [key, value instanceof Decimal ? `decimal ${value.toString()}` : (value as string | number)]));

describe('Position', () => {
  it('starts flat', () => {
    const flat = Position.flat(BTC_USDT);
    expect([flat.side, flat.isFlat, flat.quantity.toString(), flat.avgEntryPrice, flat.openedTsMs]).toEqual(['FLAT', true, '0', undefined, undefined]);
    expect([flat.base, flat.quote]).toEqual(['BTC', 'USDT']);
    expect(flat.realizedPnl.isZero()).toBe(true);
    expect(flat.unrealizedPnl(p('100')).isZero()).toBe(true);
    expect(flat.roundTrips).toEqual([]);
  });

  it('opens long, adds at a new average, reduces in part (realized) and closes', () => {
    const opened = positionAfter([buy('1', '100', { fee: '0.1', tsMs: 1_000 })]);
    expect([opened.side, str(opened.quantity), str(opened.avgEntryPrice), opened.openedTsMs]).toEqual(['LONG', '1', '100', 1_000]);
    expect(str(opened.unrealizedPnl(p('110')))).toBe('10');

    const added = opened.apply(buy('1', '110', { fee: '0.11', tsMs: 2_000 })).position;
    expect([str(added.netQuantity), str(added.avgEntryPrice), str(added.costBasis), added.openedTsMs]).toEqual(['2', '105', '210', 1_000]);

    const reduced = added.apply(sell('0.5', '120', { fee: '0.06', tsMs: 3_000 })).position;
    expect([str(reduced.netQuantity), str(reduced.avgEntryPrice), str(reduced.realizedPnl)]).toEqual(['1.5', '105', '7.5']);
    expect(str(reduced.unrealizedPnl(p('100')))).toBe('-7.5');

    const closed = reduced.apply(sell('1.5', '90', { fee: '0.135', tsMs: 4_000 }));
    expect(closed.position.side).toBe('FLAT');
    expect(str(closed.position.realizedPnl)).toBe('-15');
    expect(closed.position.costBasis.isZero()).toBe(true);
    expect(closed.position.openedTsMs).toBeUndefined();
    expect(closed.position.lastFillTsMs).toBe(4_000);
    expect(str(closed.position.feesIn(USDT))).toBe('0.405');
    // The position's log keeps trips in columns: the trip it reads back has the same values, field by field.
    expect(tripText(closed.position.roundTrips[0])).toEqual(tripText(closed.closed));
    expect(closed.position.roundTrips).toHaveLength(1);
  });

  it('keeps the exact cost basis through a non-terminating partial reduction, so realized ends exact', () => {
    const held = positionAfter([buy('1', '1'), buy('2', '2')]);
    expect(str(held.avgEntryPrice)).toBe(`1.${'6'.repeat(29)}7`);
    const reduced = held.apply(sell('1', '2')).position;
    expect(str(reduced.realizedPnl)).toBe(`0.${'3'.repeat(30)}`);
    // Removed cost (= proceeds 2 - realized) plus the cost still open is the full entry cost: nothing lost.
    expect(Decimal.of('2').sub(reduced.realizedPnl).add(reduced.costBasis).toString()).toBe('5');
    const flat = reduced.apply(sell('2', '2')).position;
    expect(str(flat.realizedPnl)).toBe('1'); // exit 6 - entry 5
  });

  it('accounts a short from the other side', () => {
    const short = positionAfter([sell('2', '100')]);
    expect([short.side, str(short.netQuantity), str(short.quantity), str(short.avgEntryPrice), str(short.costBasis)]).toEqual(['SHORT', '-2', '2', '100', '-200']);
    expect(str(short.unrealizedPnl(p('90')))).toBe('20');
    expect(str(short.unrealizedPnl(p('110')))).toBe('-20');
    const covered = short.apply(buy('1', '90')).position;
    expect([str(covered.netQuantity), str(covered.realizedPnl), str(covered.avgEntryPrice)]).toEqual(['-1', '10', '100']);
    const adding = covered.apply(sell('1', '120')).position;
    expect(str(adding.avgEntryPrice)).toBe('110');
    const flat = adding.apply(buy('2', '130')).position;
    expect(str(flat.realizedPnl)).toBe('-30'); // +10, then (110 - 130) * 2
    expect(flat.roundTrips[0]?.side).toBe('SHORT');
  });

  it('flips through zero in one fill: closes the trip and opens the other side at the fill price', () => {
    const long = positionAfter([buy('1', '100', { fee: '1', tsMs: 1_000 })]);
    const flip = long.apply(sell('3', '110', { fee: '3', tsMs: 5_000 }));
    const short = flip.position;
    expect([short.side, str(short.netQuantity), str(short.avgEntryPrice), short.openedTsMs]).toEqual(['SHORT', '-2', '110', 5_000]);
    expect(str(short.realizedPnl)).toBe('10');
    expect(flip.events.map((e) => e.type)).toEqual(['PositionClosed', 'PositionOpened']);
    expect(str(flip.closed?.fees)).toBe('2'); // 1 at entry + 1/3 of the flip's 3
    const back = short.apply(buy('2', '100', { tsMs: 9_000 }));
    expect(str(back.closed?.fees)).toBe('2'); // the other 2/3 of the flip's fee
    expect(str(back.position.realizedPnl)).toBe('30');
    expect(back.position.roundTrips.map((t) => t.side)).toEqual(['LONG', 'SHORT']);
    expect(str(back.position.feesIn(USDT))).toBe('4');
  });

  it('values a base-currency fee at the fill price, and tracks fees per currency', () => {
    const open = positionAfter([buy('1', '100', { fee: '0.001', feeCurrency: 'BTC' })]);
    expect([str(open.feesIn(BTC)), str(open.feesIn(USDT))]).toEqual(['0.001', '0']);
    const closed = open.apply(sell('1', '200', { fee: '0.2' }));
    expect(str(closed.closed?.fees)).toBe('0.3'); // 0.001 BTC at 100 + 0.2 USDT
    expect(closed.position.feesPaid.map(String)).toEqual(['0.001 BTC', '0.2 USDT']);
    // A fee in a third currency cannot be valued here; it is kept in feesPaid but not in the trip's fees.
    const bnb = positionAfter([buy('1', '100', { fee: '0.05', feeCurrency: 'BNB' }), sell('1', '100')]);
    expect(str(bnb.feesIn(currency('BNB')))).toBe('0.05');
    expect(str(bnb.roundTrips[0]?.fees)).toBe('0');
  });

  it('adds a rebate (negative fee) to the fees, and ignores zero fees in feesPaid', () => {
    const open = positionAfter([buy('1', '100', { fee: '-0.01' }), buy('1', '100')]);
    expect(open.feesPaid.map(String)).toEqual(['-0.01 USDT']);
  });

  it('refuses a fill of another instrument', () => {
    const error = thrown(() => Position.flat(BTC_USDT).apply(buy('1', '100', { instrumentId: ETH_USDT })));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INSTRUMENT_MISMATCH');
    expect(error.message).toBe('fill for ETH/USDT applied to the BTC/USDT position');
  });

  it('never changes an old snapshot', () => {
    const open = positionAfter([buy('1', '100')]);
    const added = open.apply(buy('1', '200')).position;
    open.apply(sell('1', '150'));
    expect([str(open.netQuantity), str(open.avgEntryPrice), str(open.realizedPnl), open.roundTrips.length]).toEqual(['1', '100', '0', 0]);
    expect(str(added.avgEntryPrice)).toBe('150');
  });

  it('keeps the round trips of an old version, and arrays already handed out, after a newer one closes another trip', () => {
    const open = positionAfter([buy('1', '100')]);
    const win = open.apply(sell('1', '110')).position;
    const handedOut = win.roundTrips;
    expect(handedOut).toHaveLength(1);

    const twoTrips = positionAfter([buy('1', '100'), sell('1', '120')], win);
    expect(twoTrips.roundTrips.map((t) => str(t.realizedPnl))).toEqual(['10', '20']);
    expect(win.roundTrips).toHaveLength(1);
    expect(handedOut).toHaveLength(1);

    // A branch from an older version writes its own history and leaves the others alone.
    const loss = open.apply(sell('1', '90')).position;
    expect(loss.roundTrips.map((t) => str(t.realizedPnl))).toEqual(['-10']);
    expect(win.roundTrips.map((t) => str(t.realizedPnl))).toEqual(['10']);
    expect(twoTrips.roundTrips.map((t) => str(t.realizedPnl))).toEqual(['10', '20']);
    expect(open.roundTrips).toEqual([]);
  });
});

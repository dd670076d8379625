/**
 * The simulated venue on hand-made bars, through a hand-written listener that records what the venue
 * reports. Every price, fee and time below is worked out by hand from the documented intrabar path
 * (open -> nearer extreme -> farther extreme -> close, straight lines, t in [0, 3] over the bar's hour):
 * a level reached a fraction f along segment k is at t = k + f and at (t / 3) × 1 h after the bar opens.
 * Times are printed in seconds after T0 (the first bar's open).
 */
import { describe, expect, it } from 'vitest';
import type { VenueEvent, VenueListener } from '../../application/ports/execution-venue.js';
import {
  Decimal,
  Instrument,
  Order,
  Price,
  Quantity,
  clientOrderId,
  timeframe,
  type Bar,
  type ClientOrderId,
  type OrderSide,
  type OrderSpec,
} from '../../domain/index.js';
import { SimulatedVenue, type SimulatedVenueOptions } from './simulated-venue.js';

const T0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;
const TF = timeframe('1h');
/** Tick 0.01, lot 0.001, maker fee 10 bps, taker fee 20 bps. */
const X = Instrument.create({ symbol: 'X/USD', tickSize: '0.01', lotSize: '0.001', makerFeeRate: '0.001', takerFeeRate: '0.002' });

type Common = Partial<Pick<OrderSpec, 'timeInForce' | 'expireAtMs' | 'postOnly' | 'reduceOnly'>>;
/** An order spec without its id, for each order type. */
type Draft = OrderSpec extends infer S ? (S extends OrderSpec ? Omit<S, 'clientOrderId'> : never) : never;

const base = (side: OrderSide, quantity: string, extra: Common) => ({
  instrumentId: X.id,
  side,
  quantity: Quantity.of(quantity),
  timeInForce: extra.timeInForce ?? 'GTC',
  postOnly: extra.postOnly ?? false,
  reduceOnly: extra.reduceOnly ?? false,
  ...(extra.expireAtMs === undefined ? {} : { expireAtMs: extra.expireAtMs }),
});
const market = (side: OrderSide, quantity: string, extra: Common = {}): Draft => ({ ...base(side, quantity, { timeInForce: 'IOC', ...extra }), type: 'MARKET' });
const limit = (side: OrderSide, quantity: string, price: string, extra: Common = {}): Draft => ({ ...base(side, quantity, extra), type: 'LIMIT', price: Price.of(price) });
const stop = (side: OrderSide, quantity: string, trigger: string, extra: Common = {}): Draft => ({
  ...base(side, quantity, extra),
  type: 'STOP_MARKET',
  triggerPrice: Price.of(trigger),
});
const stopLimit = (side: OrderSide, quantity: string, trigger: string, price: string): Draft => ({
  ...base(side, quantity, {}),
  type: 'STOP_LIMIT',
  triggerPrice: Price.of(trigger),
  price: Price.of(price),
});
const trailing = (side: OrderSide, quantity: string, unit: 'PRICE' | 'BPS', amount: string, activation?: string): Draft => ({
  ...base(side, quantity, {}),
  type: 'TRAILING_STOP',
  offset: { unit, amount: Decimal.of(amount) },
  ...(activation === undefined ? {} : { activationPrice: Price.of(activation) }),
});

/** The engine's side, faked: records events; `settles` answers canSettle. */
class RecordingListener implements VenueListener {
  readonly events: VenueEvent[] = [];
  settles = true;
  onVenueEvent(event: VenueEvent): void {
    this.events.push(event);
  }
  canSettle(): boolean {
    return this.settles;
  }
}

function describeEvent(e: VenueEvent): string {
  const at = `${(e.tsMs - T0) / 1000}s`;
  switch (e.type) {
    case 'OrderAccepted':
      return `accepted ${e.clientOrderId} ${at}`;
    case 'OrderRejected':
      return `rejected ${e.clientOrderId} ${e.code}`;
    case 'OrderTriggered':
      return `triggered ${e.clientOrderId} ${at}`;
    case 'OrderFilled': {
      const f = e.fill;
      return `filled ${e.clientOrderId} ${f.side} ${f.quantity.toString()}@${f.price.toString()} ${f.liquidity} fee ${f.fee.amount.toString()} ${at}`;
    }
    case 'OrderCanceled':
      return `canceled ${e.clientOrderId} (${e.reason}) ${at}`;
    case 'OrderCancelRejected':
      return `cancel-rejected ${e.clientOrderId}`;
    case 'OrderExpired':
      return `expired ${e.clientOrderId} ${at}`;
  }
}

function setup(options: Partial<SimulatedVenueOptions> = {}) {
  const venue = new SimulatedVenue({ instruments: [X], fillMode: 'next-open', ...options });
  const listener = new RecordingListener();
  venue.connect(listener);
  let next = 0;
  let seen = 0;
  return {
    venue,
    listener,
    /** Submits an order (ids o1, o2, ... in order) as the engine would, at the current time. */
    place(draft: Draft): ClientOrderId {
      next += 1;
      const id = clientOrderId(`o${next}`);
      const order = Order.create({ ...draft, clientOrderId: id }, T0);
      venue.submit(order.apply({ type: 'OrderSubmitted', clientOrderId: id, tsMs: T0 }));
      return id;
    },
    /** Bar i (opening at T0 + i hours) reaches the venue. */
    bar(i: number, open: number, high: number, low: number, close: number, volume = 1_000): void {
      const bar: Bar = { instrumentId: X.id, timeframe: TF, tsOpen: T0 + i * H, open, high, low, close, volume };
      venue.onMarketEvent({ ...bar, kind: 'bar', tsMs: bar.tsOpen + H });
    },
    /** Events since the last call, described. */
    log(): string[] {
      const fresh = listener.events.slice(seen).map(describeEvent);
      seen = listener.events.length;
      return fresh;
    },
  };
}

describe('SimulatedVenue: market orders', () => {
  it('fill at the next bar\'s open as takers by default', () => {
    const v = setup();
    v.place(market('BUY', '1'));
    expect(v.log(), 'nothing happens before a bar arrives').toEqual([]);
    v.bar(0, 100, 105, 95, 102);
    expect(v.log()).toEqual(['accepted o1 0s', 'filled o1 BUY 1@100 TAKER fee 0.2 0s']);
    // Submitted after bar 0 closed: it waits for bar 1's open.
    v.place(market('SELL', '1'));
    expect(v.log()).toEqual([]);
    v.bar(1, 103, 104, 101, 101.5);
    expect(v.log()).toEqual(['accepted o2 3600s', 'filled o2 SELL 1@103 TAKER fee 0.206 3600s']);
  });

  it('fill at the signal bar\'s close with fillMode close', () => {
    const v = setup({ fillMode: 'close' });
    v.bar(0, 100, 105, 95, 102);
    v.place(market('BUY', '1'));
    expect(v.log()).toEqual(['accepted o1 3600s', 'filled o1 BUY 1@102 TAKER fee 0.204 3600s']);
    v.bar(1, 103, 104, 101, 101.5);
    expect(v.log(), 'nothing left for the next bar').toEqual([]);
  });
});

describe('SimulatedVenue: limit orders', () => {
  it.each([
    {
      name: 'a buy limit resting below the open fills at the limit as a maker where the path reaches it',
      order: limit('BUY', '1', '97'),
      bar: [100, 101, 96, 99], // 100 -> 101 -> 96 -> 99: 97 is 4/5 along the second leg, t = 1.8
      expected: ['accepted o1 0s', 'filled o1 BUY 1@97 MAKER fee 0.097 2160s'],
    },
    {
      name: 'a sell limit resting above the open fills at the limit as a maker',
      order: limit('SELL', '1', '103'),
      bar: [100, 104, 99, 101], // 100 -> 99 -> 104 -> 101: 103 at t = 1.8
      expected: ['accepted o1 0s', 'filled o1 SELL 1@103 MAKER fee 0.103 2160s'],
    },
    {
      name: 'a buy limit marketable on arrival takes at the open',
      order: limit('BUY', '1', '101'),
      bar: [100, 101, 96, 99],
      expected: ['accepted o1 0s', 'filled o1 BUY 1@100 TAKER fee 0.2 0s'],
    },
    {
      name: 'a sell limit marketable on arrival takes at the open',
      order: limit('SELL', '1', '99'),
      bar: [100, 101, 96, 99],
      expected: ['accepted o1 0s', 'filled o1 SELL 1@100 TAKER fee 0.2 0s'],
    },
    {
      name: 'a limit the bar never reaches rests',
      order: limit('BUY', '1', '95'),
      bar: [100, 101, 96, 99],
      expected: ['accepted o1 0s'],
    },
  ])('$name', ({ order, bar, expected }) => {
    const v = setup();
    v.place(order);
    const [o, h, l, c] = bar as [number, number, number, number];
    v.bar(0, o, h, l, c);
    expect(v.log()).toEqual(expected);
  });

  it('a resting limit the market gaps through fills at the open, not at the limit', () => {
    const v = setup();
    v.place(limit('BUY', '1', '97'));
    v.bar(0, 100, 101, 98, 99);
    expect(v.log()).toEqual(['accepted o1 0s']);
    v.bar(1, 95, 96, 94, 95.5);
    expect(v.log()).toEqual(['filled o1 BUY 1@95 MAKER fee 0.095 3600s']);
  });
});

describe('SimulatedVenue: stop orders', () => {
  it.each([
    {
      name: 'a buy stop triggers and fills at its trigger as a taker',
      order: stop('BUY', '1', '103'),
      bar: [100, 104, 99, 101], // 100 -> 99 -> 104: 103 at t = 1.8
      expected: ['accepted o1 0s', 'triggered o1 2160s', 'filled o1 BUY 1@103 TAKER fee 0.206 2160s'],
    },
    {
      name: 'a sell stop triggers and fills at its trigger as a taker',
      order: stop('SELL', '1', '97'),
      bar: [100, 101, 96, 99], // 100 -> 101 -> 96: 97 at t = 1.8
      expected: ['accepted o1 0s', 'triggered o1 2160s', 'filled o1 SELL 1@97 TAKER fee 0.194 2160s'],
    },
    {
      name: 'a buy stop-limit marketable at its trigger takes at the trigger',
      order: stopLimit('BUY', '1', '103', '104'),
      bar: [100, 104, 99, 101],
      expected: ['accepted o1 0s', 'triggered o1 2160s', 'filled o1 BUY 1@103 TAKER fee 0.206 2160s'],
    },
    {
      // The limit sell arrives when the market trades at 97; a sell limit of 96 takes the 97 bid.
      name: 'a sell stop-limit marketable at its trigger takes at the trigger, not at its worse limit',
      order: stopLimit('SELL', '1', '97', '96'),
      bar: [100, 101, 96, 99],
      expected: ['accepted o1 0s', 'triggered o1 2160s', 'filled o1 SELL 1@97 TAKER fee 0.194 2160s'],
    },
  ])('$name', ({ order, bar, expected }) => {
    const v = setup();
    v.place(order);
    const [o, h, l, c] = bar as [number, number, number, number];
    v.bar(0, o, h, l, c);
    expect(v.log()).toEqual(expected);
  });

  it('a stop the market gaps through triggers and fills at the open', () => {
    const v = setup();
    v.place(stop('SELL', '1', '97'));
    v.place(stop('BUY', '1', '103'));
    v.bar(0, 100, 101, 98, 99);
    expect(v.log()).toEqual(['accepted o1 0s', 'accepted o2 0s']);
    v.bar(1, 95, 96, 94, 95.5);
    expect(v.log()).toEqual(['triggered o1 3600s', 'filled o1 SELL 1@95 TAKER fee 0.19 3600s']);
    v.bar(2, 105, 106, 104, 105.5);
    expect(v.log()).toEqual(['triggered o2 7200s', 'filled o2 BUY 1@105 TAKER fee 0.21 7200s']);
  });

  it('a stop-limit whose trigger gaps beyond its limit rests as a limit, then fills at the limit as a maker', () => {
    const v = setup();
    v.place(stopLimit('SELL', '1', '97', '96'));
    v.bar(0, 100, 101, 98, 99);
    // Opens at 95: triggered at the open, but a sell limit of 96 is not marketable at 95.
    v.bar(1, 95, 95.5, 94, 95);
    expect(v.log()).toEqual(['accepted o1 0s', 'triggered o1 3600s']);
    v.bar(2, 95.5, 97, 95, 96.5); // 95.5 -> 95 -> 97: 96 at t = 1.5
    expect(v.log()).toEqual(['filled o1 SELL 1@96 MAKER fee 0.096 9000s']);
  });

  it('a stop-limit triggered by a gap fills later in the same bar when the path comes back to its limit', () => {
    const v = setup();
    v.place(stopLimit('SELL', '1', '97', '96'));
    v.bar(0, 100, 101, 98, 99);
    v.bar(1, 95, 96.5, 94, 95.5); // 95 -> 94 -> 96.5: 96 at t = 1.8
    const log = v.log();
    expect(log.map((line) => line.split(' ')[0])).toEqual(['accepted', 'triggered', 'filled']);
    expect(log[2]).toBe('filled o1 SELL 1@96 MAKER fee 0.096 5760s');
  });
});

describe('SimulatedVenue: trailing stops', () => {
  it.each([
    {
      name: 'a sell trailing 2 below the high fills when the path falls back 2',
      order: trailing('SELL', '1', 'PRICE', '2'),
      bars: [[100, 104, 99.5, 101]], // 100 -> 99.5 -> 104 -> 101: high 104, stop 102, t = 2 + 2/3
      expected: ['accepted o1 0s', 'triggered o1 3200s', 'filled o1 SELL 1@102 TAKER fee 0.204 3200s'],
    },
    {
      name: 'a sell trailing 100 bps below the high',
      order: trailing('SELL', '1', 'BPS', '100'),
      bars: [[100, 104, 99.5, 101]], // stop 104 × 0.99 = 102.96, t = 2 + 1.04/3
      expected: ['accepted o1 0s', 'triggered o1 2816s', 'filled o1 SELL 1@102.96 TAKER fee 0.20592 2816s'],
    },
    {
      name: 'a buy trailing 2 above the low',
      order: trailing('BUY', '1', 'PRICE', '2'),
      bars: [[100, 102.5, 96, 99]], // 100 -> 102.5 first: the stop 102 is hit at t = 0.8
      expected: ['accepted o1 0s', 'triggered o1 960s', 'filled o1 BUY 1@102 TAKER fee 0.204 960s'],
    },
    {
      name: 'without an activation price trailing starts at once: the dip to 97.5 hits 100 - 2',
      order: trailing('SELL', '1', 'PRICE', '2'),
      bars: [[100, 104, 97.5, 101]], // 100 -> 97.5 first: 98 at t = 0.8
      expected: ['accepted o1 0s', 'triggered o1 960s', 'filled o1 SELL 1@98 TAKER fee 0.196 960s'],
    },
    {
      name: 'with an activation price of 103 the dip is ignored; trailing starts at 103 and follows the high',
      order: trailing('SELL', '1', 'PRICE', '2', '103'),
      bars: [[100, 104, 97.5, 101]],
      expected: ['accepted o1 0s', 'triggered o1 3200s', 'filled o1 SELL 1@102 TAKER fee 0.204 3200s'],
    },
    {
      name: 'the best price is tracked across bars',
      order: trailing('SELL', '1', 'PRICE', '2'),
      bars: [
        [100, 103, 99.5, 102.5], // high 103, stop 101, the close 102.5 stays above
        [102, 106, 101.5, 105], // dips to 101.5 (above 101), high 106, stop 104, close 105
        [105, 106, 98, 99], // 105 -> 106 -> 98: 104 is 1/4 along the second leg, t = 1.25
      ],
      expected: ['accepted o1 0s', 'triggered o1 8700s', 'filled o1 SELL 1@104 TAKER fee 0.208 8700s'],
    },
    {
      name: 'an open that gaps below the trailing stop fills at the open',
      order: trailing('SELL', '1', 'PRICE', '2'),
      bars: [
        [100, 103, 99.5, 102.5], // stop 101
        [99, 100, 98, 99.5],
      ],
      expected: ['accepted o1 0s', 'triggered o1 3600s', 'filled o1 SELL 1@99 TAKER fee 0.198 3600s'],
    },
    {
      name: 'an open that gaps up raises the stop before the path falls back',
      order: trailing('SELL', '1', 'PRICE', '5'),
      bars: [
        [100, 100, 99, 100], // stop 95
        [110, 120, 104, 108], // opens at 110: stop 105, then 110 -> 104 passes it at t = 5/6
      ],
      expected: ['accepted o1 0s', 'triggered o1 4600s', 'filled o1 SELL 1@105 TAKER fee 0.21 4600s'],
    },
    {
      name: 'an open already beyond the activation price activates trailing from the open',
      order: trailing('SELL', '1', 'PRICE', '5', '100'),
      bars: [[110, 110, 104, 104]], // active at 110, stop 105, reached at t = 1 + 5/6
      expected: ['accepted o1 0s', 'triggered o1 2200s', 'filled o1 SELL 1@105 TAKER fee 0.21 2200s'],
    },
  ])('$name', ({ order, bars, expected }) => {
    const v = setup();
    v.place(order);
    bars.forEach((b, i) => {
      const [o, h, l, c] = b as [number, number, number, number];
      v.bar(i, o, h, l, c);
    });
    expect(v.log()).toEqual(expected);
  });
});

describe('SimulatedVenue: the order of execution inside a bar', () => {
  it.each([
    { bar: [100, 104, 96, 101], first: 'o1', why: 'equally far, closing up: the low (buy 98) first' },
    { bar: [100, 104, 96, 99], first: 'o2', why: 'equally far, closing down: the high (sell 102) first' },
    { bar: [100, 103, 95, 101], first: 'o2', why: 'the high is nearer: sell 102 first' },
    { bar: [100, 105, 97, 101], first: 'o1', why: 'the low is nearer: buy 98 first' },
  ])('$why', ({ bar, first }) => {
    const v = setup();
    v.place(limit('BUY', '1', '98'));
    v.place(limit('SELL', '1', '102'));
    const [o, h, l, c] = bar as [number, number, number, number];
    v.bar(0, o, h, l, c);
    const fills = v.listener.events.filter((e) => e.type === 'OrderFilled').map((e) => e.clientOrderId);
    expect(fills).toEqual(first === 'o1' ? ['o1', 'o2'] : ['o2', 'o1']);
  });

  it('orders reached at the same point execute in the order they were submitted', () => {
    const v = setup();
    v.place(limit('BUY', '1', '98'));
    v.place(stop('SELL', '1', '98'));
    v.place(limit('BUY', '2', '98'));
    v.bar(0, 100, 101, 96, 99);
    expect(v.listener.events.filter((e) => e.type === 'OrderFilled').map((e) => e.clientOrderId)).toEqual(['o1', 'o2', 'o3']);
  });
});

describe('SimulatedVenue: time in force', () => {
  it('IOC fills what the volume cap allows now and cancels the rest', () => {
    const v = setup({ maxVolumeFraction: 0.1 });
    v.place(limit('BUY', '5', '101', { timeInForce: 'IOC' }));
    v.bar(0, 100, 101, 96, 99, 20); // 10 % of 20 = 2
    expect(v.log()).toEqual(['accepted o1 0s', 'filled o1 BUY 2@100 TAKER fee 0.4 0s', 'canceled o1 (immediate-or-cancel remainder) 0s']);
  });

  it('an IOC limit not marketable on arrival is canceled, even if the bar reaches it later', () => {
    const v = setup();
    v.place(limit('BUY', '1', '99', { timeInForce: 'IOC' }));
    v.bar(0, 100, 101, 96, 99);
    expect(v.log()).toEqual(['accepted o1 0s', 'canceled o1 (IOC limit not marketable on arrival) 0s']);
  });

  it('FOK fills everything or nothing', () => {
    const v = setup({ maxVolumeFraction: 0.1 });
    v.place(market('BUY', '5', { timeInForce: 'FOK' }));
    v.place(market('BUY', '1', { timeInForce: 'FOK' }));
    v.bar(0, 100, 101, 96, 99, 20);
    expect(v.log()).toEqual([
      'accepted o1 0s',
      'accepted o2 0s',
      'canceled o1 (fill-or-kill order could not fill completely) 0s',
      'filled o2 BUY 1@100 TAKER fee 0.2 0s',
    ]);
  });

  it('GTD: an order expires before a bar it cannot live through and never fills in it', () => {
    const v = setup();
    v.place(limit('BUY', '1', '97', { timeInForce: 'GTD', expireAtMs: T0 + H })); // to bar 1's open
    v.place(limit('BUY', '1', '97', { timeInForce: 'GTD', expireAtMs: T0 + H + H / 2 })); // half way through bar 1
    v.place(limit('BUY', '1', '97', { timeInForce: 'GTD', expireAtMs: T0 + 2 * H })); // to the end of bar 1
    v.bar(0, 100, 101, 98, 99);
    expect(v.log()).toEqual(['accepted o1 0s', 'accepted o2 0s', 'accepted o3 0s']);
    v.bar(1, 100, 101, 96, 99); // reaches 97 at t = 1.8
    expect(v.log()).toEqual(['expired o1 3600s', 'expired o2 5400s', 'filled o3 BUY 1@97 MAKER fee 0.097 5760s']);
  });
});

describe('SimulatedVenue: post-only', () => {
  it('is rejected when it would take liquidity on arrival', () => {
    const v = setup();
    v.place(limit('BUY', '1', '101', { postOnly: true }));
    v.bar(0, 100, 101, 96, 99);
    expect(v.log()).toEqual(['rejected o1 POST_ONLY_WOULD_TAKE']);
  });

  it('is rejected in close mode when marketable at the close', () => {
    const v = setup({ fillMode: 'close' });
    v.bar(0, 100, 103, 99, 102);
    v.place(limit('BUY', '1', '103', { postOnly: true }));
    expect(v.log()).toEqual(['rejected o1 POST_ONLY_WOULD_TAKE']);
  });

  it('rests and fills as a maker when not marketable', () => {
    const v = setup();
    v.place(limit('BUY', '1', '99', { postOnly: true }));
    v.bar(0, 100, 101, 97, 100); // 100 -> 101 -> 97: 99 at t = 1.5
    expect(v.log()).toEqual(['accepted o1 0s', 'filled o1 BUY 1@99 MAKER fee 0.099 1800s']);
  });
});

describe('SimulatedVenue: volume cap', () => {
  it('fills at most the fraction of each bar\'s volume, the rest on later bars', () => {
    const v = setup({ maxVolumeFraction: 0.1 });
    v.place(limit('BUY', '5', '99'));
    v.bar(0, 100, 101, 97, 100, 20);
    v.bar(1, 100, 101, 97, 100, 10);
    v.bar(2, 100, 101, 97, 100, 100);
    v.bar(3, 100, 101, 97, 100, 100);
    expect(v.log()).toEqual([
      'accepted o1 0s',
      'filled o1 BUY 2@99 MAKER fee 0.198 1800s',
      'filled o1 BUY 1@99 MAKER fee 0.099 5400s',
      'filled o1 BUY 2@99 MAKER fee 0.198 9000s',
    ]);
  });

  it('the cap is shared by every order in the bar, rounded down to the lot', () => {
    const v = setup({ maxVolumeFraction: 0.1 });
    v.place(limit('BUY', '1.5', '99'));
    v.place(limit('BUY', '1', '99'));
    v.bar(0, 100, 101, 97, 100, 20.0099); // 2.00099 -> 2.000 of 0.001 lots
    expect(v.log()).toEqual(['accepted o1 0s', 'accepted o2 0s', 'filled o1 BUY 1.5@99 MAKER fee 0.1485 1800s', 'filled o2 BUY 0.5@99 MAKER fee 0.0495 1800s']);
  });
});

describe('SimulatedVenue: slippage and fees', () => {
  it.each([
    { name: 'fixed 7 bps on a buy, rounded up to the tick', slippage: { kind: 'fixed', bps: 7 }, order: market('BUY', '1'), open: 100.01, fill: 'BUY 1@100.09 TAKER fee 0.20018' },
    { name: 'fixed 7 bps on a sell, rounded down to the tick', slippage: { kind: 'fixed', bps: 7 }, order: market('SELL', '1'), open: 100.01, fill: 'SELL 1@99.93 TAKER fee 0.19986' },
    { name: 'volume: 50 bps at 100 % of the volume, 10 % pays 5 bps', slippage: { kind: 'volume', impactBps: 50 }, order: market('BUY', '10'), open: 100, fill: 'BUY 10@100.05 TAKER fee 2.001' },
    { name: 'volume: 0.5 bps of 100 rounds up a whole tick against the buyer', slippage: { kind: 'volume', impactBps: 50 }, order: market('BUY', '1'), open: 100, fill: 'BUY 1@100.01 TAKER fee 0.20002' },
    { name: 'stops slip from their trigger', slippage: { kind: 'fixed', bps: 10 }, order: stop('SELL', '1', '97'), open: 100, fill: 'SELL 1@96.9 TAKER fee 0.1938' },
    { name: 'makers do not slip', slippage: { kind: 'fixed', bps: 10 }, order: limit('BUY', '1', '97'), open: 100, fill: 'BUY 1@97 MAKER fee 0.097' },
  ] as const)('$name', ({ slippage, order, open, fill }) => {
    const v = setup({ slippage });
    v.place(order);
    v.bar(0, open, open + 1, 96, 99, 100);
    const filled = v.log().find((line) => line.startsWith('filled'));
    expect(filled?.split(' ').slice(2, 7).join(' ')).toBe(fill);
  });

  it('fee rates given to the venue replace the instrument\'s', () => {
    const v = setup({ feeRates: { maker: Decimal.ZERO, taker: Decimal.of('0.0005') } });
    v.place(market('BUY', '1'));
    v.place(limit('BUY', '1', '97'));
    v.bar(0, 100, 101, 96, 99);
    expect(v.log().filter((l) => l.startsWith('filled'))).toEqual(['filled o1 BUY 1@100 TAKER fee 0.05 0s', 'filled o2 BUY 1@97 MAKER fee 0 2160s']);
  });
});

describe('SimulatedVenue: reduce-only exits', () => {
  /** A venue holding a long of `quantity` bought at 100 in bar 0, with a stop-loss at 97 and a take-profit at 103. */
  function protectedLong(quantity = '2') {
    const v = setup();
    v.place(market('BUY', quantity));
    v.bar(0, 100, 100.5, 99.5, 100);
    v.log();
    v.place(stop('SELL', quantity, '97', { reduceOnly: true })); // o2
    v.place(limit('SELL', quantity, '103', { reduceOnly: true })); // o3
    return v;
  }

  it('when both are reached in one bar, the first fills and the other is canceled, never over-selling', () => {
    const v = protectedLong();
    v.bar(1, 100, 104, 96, 101); // 100 -> 96 first: the stop at t = 0.75
    expect(v.log()).toEqual([
      'accepted o2 3600s',
      'accepted o3 3600s',
      'triggered o2 4500s',
      'filled o2 SELL 2@97 TAKER fee 0.388 4500s',
      'canceled o3 (reduce-only order has no position left to reduce) 4500s',
    ]);
  });

  it('once one has closed the position, the other is canceled at once and cannot sell a later position', () => {
    const v = protectedLong();
    v.bar(1, 100, 103.5, 99, 103); // 100 -> 99 -> 103.5: the take-profit at t = 1 + 4/4.5
    expect(v.log()).toEqual([
      'accepted o2 3600s',
      'accepted o3 3600s',
      'filled o3 SELL 2@103 MAKER fee 0.206 5866.666s',
      'canceled o2 (reduce-only order has no position left to reduce) 5866.666s',
    ]);
    v.place(market('BUY', '1')); // a new position
    v.bar(2, 100, 100.5, 96, 97); // passes the old stop-loss price
    expect(v.log()).toEqual(['accepted o4 7200s', 'filled o4 BUY 1@100 TAKER fee 0.2 7200s']);
  });

  it('sells no more than the position and then withdraws the remainder', () => {
    const v = setup();
    v.place(market('BUY', '1'));
    v.bar(0, 100, 100.5, 99.5, 100);
    v.place(limit('SELL', '2', '103', { reduceOnly: true }));
    v.bar(1, 100, 104, 99, 101); // 100 -> 99 -> 104: 103 at t = 1.8
    expect(v.log()).toEqual([
      'accepted o1 0s',
      'filled o1 BUY 1@100 TAKER fee 0.2 0s',
      'accepted o2 3600s',
      'filled o2 SELL 1@103 MAKER fee 0.103 5760s',
      'canceled o2 (reduce-only order has no position left to reduce) 5760s',
    ]);
  });
});

describe('SimulatedVenue: cancels and settlement', () => {
  it('cancels a resting order; refuses to cancel one it does not hold', () => {
    const v = setup();
    const resting = v.place(limit('BUY', '1', '90'));
    v.bar(0, 100, 101, 96, 99);
    const stranger = Order.create({ ...limit('BUY', '1', '90'), clientOrderId: clientOrderId('nobody') }, T0);
    v.venue.cancel(stranger.apply({ type: 'OrderSubmitted', clientOrderId: stranger.clientOrderId, tsMs: T0 }));
    const order = Order.create({ ...limit('BUY', '1', '90'), clientOrderId: resting }, T0);
    v.venue.cancel(order);
    v.bar(1, 89, 90, 88, 89);
    expect(v.log()).toEqual(['accepted o1 0s', 'cancel-rejected nobody', 'canceled o1 (canceled on request) 3600s']);
  });

  it('cancels instead of filling when the account cannot pay', () => {
    const v = setup();
    v.listener.settles = false;
    v.place(market('BUY', '1'));
    v.bar(0, 100, 101, 96, 99);
    expect(v.log()).toEqual(['accepted o1 0s', 'canceled o1 (insufficient balance to settle the fill) 0s']);
  });

  it('rejects an order for an instrument it does not list', () => {
    const v = setup();
    const id = clientOrderId('y1');
    const order = Order.create({ ...market('BUY', '1'), instrumentId: 'Y/USD', clientOrderId: id } as OrderSpec, T0);
    v.venue.submit(order.apply({ type: 'OrderSubmitted', clientOrderId: id, tsMs: T0 }));
    expect(v.log()).toEqual(['rejected y1 UNKNOWN_INSTRUMENT']);
  });
});

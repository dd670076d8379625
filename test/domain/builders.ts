/**
 * Small builders shared by the domain tests: a fill, an order spec or a position in one line, with every
 * field a test does not care about set to a valid default. Values are decimal strings, as in production.
 */
import { createFill, type Fill } from '../../src/domain/fills/fill.js';
import { instrumentId, quoteCurrency, type InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import { clientOrderId, type ClientOrderId } from '../../src/domain/orders/client-order-id.js';
import type { OrderEvent } from '../../src/domain/orders/order-events.js';
import type { OrderSide, OrderSpec } from '../../src/domain/orders/order-spec.js';
import type { Order } from '../../src/domain/orders/order.js';
import { Position } from '../../src/domain/positions/position.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { Price } from '../../src/domain/values/price.js';
import { Quantity } from '../../src/domain/values/quantity.js';

export const BTC_USDT: InstrumentId = instrumentId('BTC/USDT');
export const ETH_USDT: InstrumentId = instrumentId('ETH/USDT');
export const COID: ClientOrderId = clientOrderId('o-1');

export interface FillInput {
  readonly side: OrderSide;
  readonly price: string;
  readonly quantity: string;
  /** Fee amount; currency `feeCurrency` (default the quote currency of the instrument). */
  readonly fee?: string;
  readonly feeCurrency?: string;
  readonly tsMs?: number;
  readonly tradeId?: string;
  readonly clientOrderId?: ClientOrderId;
  readonly instrumentId?: InstrumentId;
  readonly liquidity?: 'MAKER' | 'TAKER';
}

let tradeSeq = 0;

/** A valid fill; every call gets a fresh trade id unless one is given. */
export function fill(input: FillInput): Fill {
  const id = input.instrumentId ?? BTC_USDT;
  tradeSeq += 1;
  return createFill({
    venue: 'sim',
    tradeId: input.tradeId ?? `t-${tradeSeq}`,
    clientOrderId: input.clientOrderId ?? COID,
    instrumentId: id,
    side: input.side,
    price: Price.of(input.price),
    quantity: Quantity.of(input.quantity),
    fee: Money.of(input.fee ?? '0', input.feeCurrency ?? quoteCurrency(id)),
    liquidity: input.liquidity ?? 'TAKER',
    tsMs: input.tsMs ?? 1_000,
  });
}

export const buy = (quantity: string, price: string, extra: Partial<FillInput> = {}): Fill =>
  fill({ side: 'BUY', quantity, price, ...extra });
export const sell = (quantity: string, price: string, extra: Partial<FillInput> = {}): Fill =>
  fill({ side: 'SELL', quantity, price, ...extra });

/** Applies fills in order to a flat position and returns the final one. */
export function positionAfter(fills: readonly Fill[], start: Position = Position.flat(fills[0]?.instrumentId ?? BTC_USDT)): Position {
  return fills.reduce((p, f) => p.apply(f).position, start);
}

type Overrides = Partial<Omit<OrderSpec, 'type'>> & Record<string, unknown>;

/** A valid order spec of each type: GTC LIMIT 1 BTC @ 100 unless overridden. */
export const specs = {
  market: (o: Overrides = {}): OrderSpec => ({ ...common(), type: 'MARKET', timeInForce: 'IOC', ...o }),
  limit: (o: Overrides = {}): OrderSpec => ({ ...common(), type: 'LIMIT', price: Price.of('100'), ...o }),
  stopMarket: (o: Overrides = {}): OrderSpec => ({ ...common(), type: 'STOP_MARKET', triggerPrice: Price.of('90'), ...o }),
  stopLimit: (o: Overrides = {}): OrderSpec =>
    ({ ...common(), type: 'STOP_LIMIT', triggerPrice: Price.of('90'), price: Price.of('89'), ...o }),
  trailingStop: (o: Overrides = {}): OrderSpec =>
    ({ ...common(), type: 'TRAILING_STOP', offset: { unit: 'BPS', amount: Decimal.of('50') }, ...o }),
};

function common() {
  return {
    clientOrderId: COID,
    instrumentId: BTC_USDT,
    side: 'BUY' as const,
    quantity: Quantity.of('1'),
    timeInForce: 'GTC' as const,
    postOnly: false,
    reduceOnly: false,
  };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): Error & { code?: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to throw');
}

/** One event of each type for the order COID (or `id`), at `tsMs`. */
export const events = {
  submitted: (tsMs = 2_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderSubmitted', clientOrderId: id, tsMs }),
  accepted: (tsMs = 3_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderAccepted', clientOrderId: id, tsMs, venueOrderId: 'v-1' }),
  rejected: (tsMs = 3_000, id: ClientOrderId = COID): OrderEvent => ({
    type: 'OrderRejected',
    clientOrderId: id,
    tsMs,
    source: 'VENUE',
    code: 'POST_ONLY_WOULD_TAKE',
    reason: 'would take liquidity',
  }),
  triggered: (tsMs = 4_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderTriggered', clientOrderId: id, tsMs }),
  pendingCancel: (tsMs = 5_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderPendingCancel', clientOrderId: id, tsMs }),
  cancelRejected: (tsMs = 6_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderCancelRejected', clientOrderId: id, tsMs, reason: 'too late' }),
  canceled: (tsMs = 6_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'user' }),
  expired: (tsMs = 7_000, id: ClientOrderId = COID): OrderEvent => ({ type: 'OrderExpired', clientOrderId: id, tsMs }),
  filled: (f: Fill): OrderEvent => ({ type: 'OrderFilled', clientOrderId: f.clientOrderId, tsMs: f.tsMs, fill: f }),
};

/** Applies events in order. */
export function applyAll(order: Order, list: readonly OrderEvent[]): Order {
  return list.reduce((o, e) => o.apply(e), order);
}

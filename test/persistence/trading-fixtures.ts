import { createFill, type Fill } from '../../src/domain/fills/fill.js';
import { instrumentId, type InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import type { OrderEvent } from '../../src/domain/orders/order-events.js';
import type { OrderSpec } from '../../src/domain/orders/order-spec.js';
import { Order } from '../../src/domain/orders/order.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { Price } from '../../src/domain/values/price.js';
import { Quantity } from '../../src/domain/values/quantity.js';

/**
 * Orders and fills for the persistence tests: one order spec of each type, orders driven through
 * their events into every status, fills that belong to them. Values are decimal strings.
 */

export const BTC: InstrumentId = instrumentId('BTC/USDT');
export const ETH_PERP: InstrumentId = instrumentId('ETH/USDT:USDT');
export const T0 = Date.UTC(2024, 0, 1);

type SpecOptions = Partial<Pick<OrderSpec, 'instrumentId' | 'side' | 'strategyId' | 'reduceOnly'>> & { readonly quantity?: string };

function base(id: string, o: SpecOptions) {
  return {
    clientOrderId: clientOrderId(id),
    instrumentId: o.instrumentId ?? BTC,
    side: o.side ?? 'BUY',
    quantity: Quantity.of(o.quantity ?? '1'),
    postOnly: false,
    reduceOnly: o.reduceOnly ?? false,
    ...(o.strategyId === undefined ? {} : { strategyId: o.strategyId }),
  } as const;
}

/** One spec of each order type, with every optional field used somewhere. */
export const specOf = {
  market: (id: string, o: SpecOptions = {}): OrderSpec => ({ ...base(id, o), type: 'MARKET', timeInForce: 'IOC' }),
  limit: (id: string, o: SpecOptions = {}, price = '100'): OrderSpec => ({ ...base(id, o), type: 'LIMIT', timeInForce: 'GTC', price: Price.of(price) }),
  postOnlyGtd: (id: string, o: SpecOptions = {}): OrderSpec => ({
    ...base(id, o),
    type: 'LIMIT',
    timeInForce: 'GTD',
    expireAtMs: T0 + 3_600_000,
    postOnly: true,
    price: Price.of('99.5'),
  }),
  stopMarket: (id: string, o: SpecOptions = {}): OrderSpec => ({ ...base(id, o), type: 'STOP_MARKET', timeInForce: 'GTC', triggerPrice: Price.of('90') }),
  stopLimit: (id: string, o: SpecOptions = {}): OrderSpec => ({
    ...base(id, o),
    type: 'STOP_LIMIT',
    timeInForce: 'FOK',
    triggerPrice: Price.of('90'),
    price: Price.of('89.25'),
  }),
  trailingBps: (id: string, o: SpecOptions = {}): OrderSpec => ({
    ...base(id, { side: 'SELL', ...o }),
    type: 'TRAILING_STOP',
    timeInForce: 'GTC',
    offset: { unit: 'BPS', amount: Decimal.of('50') },
    activationPrice: Price.of('105'),
  }),
  trailingPrice: (id: string, o: SpecOptions = {}): OrderSpec => ({
    ...base(id, { side: 'SELL', ...o }),
    type: 'TRAILING_STOP',
    timeInForce: 'IOC',
    offset: { unit: 'PRICE', amount: Decimal.of('2.5') },
  }),
};

/** Applies events to a new order created at `createdMs`, one millisecond apart. */
export function orderThrough(
  spec: OrderSpec,
  events: readonly ((id: OrderSpec['clientOrderId'], tsMs: number) => OrderEvent)[],
  createdMs: number = T0,
): Order {
  let order = Order.create(spec, createdMs);
  events.forEach((event, i) => {
    order = order.apply(event(spec.clientOrderId, createdMs + i + 1));
  });
  return order;
}

export const submitted = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderSubmitted', clientOrderId, tsMs });
export const accepted = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderAccepted', clientOrderId, tsMs, venueOrderId: `v-${clientOrderId}` });
export const triggered = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderTriggered', clientOrderId, tsMs });
export const pendingCancel = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderPendingCancel', clientOrderId, tsMs });
export const canceled = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderCanceled', clientOrderId, tsMs, reason: "user asked; it's \"done\"" });
export const expired = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderExpired', clientOrderId, tsMs });
export const rejected = (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({
  type: 'OrderRejected',
  clientOrderId,
  tsMs,
  source: 'RISK',
  code: 'MAX_ORDER_NOTIONAL',
  reason: "notional 100 > 50; -- '; DROP TABLE orders; --",
});

let trade = 0;

/** A fill of `order`'s instrument and side, with a fresh trade id unless one is given. */
export function fillOf(
  order: { readonly spec: OrderSpec; readonly venueOrderId?: string | undefined },
  quantity: string,
  price: string,
  extra: { readonly tradeId?: string; readonly fee?: string; readonly feeCurrency?: string; readonly tsMs?: number; readonly venue?: string } = {},
): Fill {
  trade += 1;
  return createFill({
    venue: extra.venue ?? 'sim',
    tradeId: extra.tradeId ?? `tr-${process.pid}-${trade}`,
    clientOrderId: order.spec.clientOrderId,
    venueOrderId: order.venueOrderId ?? `v-${order.spec.clientOrderId}`,
    instrumentId: order.spec.instrumentId,
    side: order.spec.side,
    price: Price.of(price),
    quantity: Quantity.of(quantity),
    fee: Money.of(extra.fee ?? '0.01', extra.feeCurrency ?? 'USDT'),
    liquidity: 'MAKER',
    tsMs: extra.tsMs ?? T0 + 100,
  });
}

export const filledBy =
  (fill: Fill) =>
  (clientOrderId: OrderSpec['clientOrderId'], tsMs: number): OrderEvent => ({ type: 'OrderFilled', clientOrderId, tsMs, fill });

/** An order as plain JSON (Decimals as their canonical strings): equal orders give equal values. */
export function plain(order: Order): unknown {
  return JSON.parse(JSON.stringify(order.snapshot()));
}

import { InvalidValueError } from '../errors.js';
import type { InstrumentId } from '../instruments/instrument-id.js';
import { Decimal } from '../values/decimal.js';
import type { Price } from '../values/price.js';
import type { Quantity } from '../values/quantity.js';
import type { ClientOrderId } from './client-order-id.js';

export const OrderSide = { BUY: 'BUY', SELL: 'SELL' } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

export const OrderType = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  STOP_LIMIT: 'STOP_LIMIT',
  TRAILING_STOP: 'TRAILING_STOP',
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/**
 * GTC: good till canceled. IOC: immediate or cancel (fill what is possible now, cancel the rest).
 * FOK: fill or kill (fill everything now or nothing). GTD: good till `expireAtMs`.
 */
export const TimeInForce = { GTC: 'GTC', IOC: 'IOC', FOK: 'FOK', GTD: 'GTD' } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** A trailing stop's distance from the best price seen: an absolute price offset or basis points. */
export type TrailingOffset =
  | { readonly unit: 'PRICE'; readonly amount: Decimal }
  | { readonly unit: 'BPS'; readonly amount: Decimal };

interface OrderSpecBase {
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Quantity;
  readonly timeInForce: TimeInForce;
  /** Epoch ms after which a GTD order expires; present exactly when timeInForce is GTD. */
  readonly expireAtMs?: number;
  /** Rejected rather than executed if it would take liquidity (LIMIT only). */
  readonly postOnly: boolean;
  /** May only reduce the current position, never open or grow one. */
  readonly reduceOnly: boolean;
  /** The strategy that asked for the order, when one did. */
  readonly strategyId?: string;
}

export interface MarketOrderSpec extends OrderSpecBase {
  readonly type: 'MARKET';
}
export interface LimitOrderSpec extends OrderSpecBase {
  readonly type: 'LIMIT';
  readonly price: Price;
}
export interface StopMarketOrderSpec extends OrderSpecBase {
  readonly type: 'STOP_MARKET';
  readonly triggerPrice: Price;
}
export interface StopLimitOrderSpec extends OrderSpecBase {
  readonly type: 'STOP_LIMIT';
  readonly triggerPrice: Price;
  readonly price: Price;
}
/**
 * A stop that follows the market: for a SELL the trigger trails `offset` below the highest price seen since
 * activation (for a BUY, above the lowest) and the order then executes at market.
 */
export interface TrailingStopOrderSpec extends OrderSpecBase {
  readonly type: 'TRAILING_STOP';
  readonly offset: TrailingOffset;
  /** Trailing starts once the market trades at this price; immediately when absent. */
  readonly activationPrice?: Price;
}

export type OrderSpec =
  | MarketOrderSpec
  | LimitOrderSpec
  | StopMarketOrderSpec
  | StopLimitOrderSpec
  | TrailingStopOrderSpec;

/** A trailing offset of 100% or more would put a SELL trigger at or below zero. */
const MAX_OFFSET_BPS = Decimal.of('10000');

const NO_PRICES: readonly (readonly [string, Price])[] = [];

/** Prices the order carries, by field name, for tick checks. */
export function pricesOf(spec: OrderSpec): readonly (readonly [field: string, price: Price])[] {
  switch (spec.type) {
    case 'MARKET':
      return NO_PRICES;
    case 'LIMIT':
      return [['price', spec.price]];
    case 'STOP_MARKET':
      return [['triggerPrice', spec.triggerPrice]];
    case 'STOP_LIMIT':
      return [
        ['triggerPrice', spec.triggerPrice],
        ['price', spec.price],
      ];
    case 'TRAILING_STOP':
      return spec.activationPrice === undefined ? [] : [['activationPrice', spec.activationPrice]];
  }
}

/**
 * The price an order carries for valuing it (notional checks, reservations): its limit price, else its
 * trigger price; undefined for orders priced by the market (MARKET, TRAILING_STOP).
 */
export function ownPrice(spec: OrderSpec): Price | undefined {
  switch (spec.type) {
    case 'LIMIT':
    case 'STOP_LIMIT':
      return spec.price;
    case 'STOP_MARKET':
      return spec.triggerPrice;
    case 'MARKET':
    case 'TRAILING_STOP':
      return undefined;
  }
}

/** Whether the order waits for a trigger before it can execute. */
export function hasTrigger(spec: OrderSpec): boolean {
  return spec.type === 'STOP_MARKET' || spec.type === 'STOP_LIMIT' || spec.type === 'TRAILING_STOP';
}

/**
 * Checks the combinations no venue accepts; each broken rule throws an InvalidValueError naming the field.
 * Instrument-specific checks (tick, lot, minimums) are Instrument.validate's job.
 */
export function checkOrderSpec(spec: OrderSpec): OrderSpec {
  if (!spec.quantity.isPositive()) {
    throw new InvalidValueError('order', 'quantity', spec.quantity.toString(), 'a quantity above zero');
  }
  if (spec.timeInForce === 'GTD') {
    if (spec.expireAtMs === undefined || !Number.isSafeInteger(spec.expireAtMs) || spec.expireAtMs < 0) {
      throw new InvalidValueError('order', 'expireAtMs', spec.expireAtMs, 'an epoch-millisecond time for a GTD order');
    }
  } else if (spec.expireAtMs !== undefined) {
    throw new InvalidValueError('order', 'expireAtMs', spec.expireAtMs, 'no expiry unless timeInForce is GTD');
  }
  if (spec.postOnly) {
    if (spec.type !== 'LIMIT') {
      throw new InvalidValueError('order', 'postOnly', spec.type, 'a LIMIT order (only resting orders can be post-only)');
    }
    if (spec.timeInForce === 'IOC' || spec.timeInForce === 'FOK') {
      throw new InvalidValueError('order', 'timeInForce', spec.timeInForce, 'GTC or GTD for a post-only order');
    }
  }
  if (spec.type === 'MARKET' && spec.timeInForce !== 'IOC' && spec.timeInForce !== 'FOK') {
    throw new InvalidValueError('order', 'timeInForce', spec.timeInForce, 'IOC or FOK for a MARKET order');
  }
  if (spec.type === 'TRAILING_STOP') {
    if (!spec.offset.amount.isPositive()) {
      throw new InvalidValueError('order', 'offset', spec.offset.amount.toString(), 'a positive trailing offset');
    }
    if (spec.offset.unit === 'BPS' && spec.offset.amount.gte(MAX_OFFSET_BPS)) {
      throw new InvalidValueError('order', 'offset', spec.offset.amount.toString(), 'fewer than 10000 basis points');
    }
  }
  return spec;
}

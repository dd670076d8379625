import type { Fill, Liquidity, TradeId } from '../../domain/fills/fill.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { ClientOrderId } from '../../domain/orders/client-order-id.js';
import type { RejectionSource } from '../../domain/orders/order-events.js';
import type { OrderSide, OrderSpec, TimeInForce } from '../../domain/orders/order-spec.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { Order, type OrderSnapshot } from '../../domain/orders/order.js';
import { Money } from '../../domain/values/money.js';
import { Price } from '../../domain/values/price.js';
import { Quantity } from '../../domain/values/quantity.js';
import { decimalColumn, msColumn, requiredColumn, textArrayColumn } from './sql-columns.js';
import { checkCurrency, checkInstrumentId, checkName, checkText, checkTsMs, invalidInput } from './storage-checks.js';

/**
 * How orders and fills map to rows of `orders` and `fills` (migrations/0002_trading.sql): the spec as
 * columns, the state as columns, money as NUMERIC text. Checks the limits before the database does.
 */

export const ORDER_COLUMNS =
  'client_order_id, instrument_id, strategy_id, type, side, quantity, price, trigger_price, trailing_offset_unit, ' +
  'trailing_offset_amount, activation_price, time_in_force, expire_at_ms, post_only, reduce_only, status, filled_quantity, ' +
  'filled_notional, trade_ids, version, created_ms, updated_ms, venue_order_id, rejection_source, rejection_code, ' +
  'rejection_reason, cancel_reason, status_before_cancel';

/** The state columns an update writes, after client_order_id ($1) and the expected version ($2). */
export const ORDER_STATE_ASSIGNMENTS =
  'status = $3, filled_quantity = $4, filled_notional = $5, trade_ids = $6, version = $7, updated_ms = $8, venue_order_id = $9, ' +
  'rejection_source = $10, rejection_code = $11, rejection_reason = $12, cancel_reason = $13, status_before_cancel = $14';

export interface OrderRow {
  readonly client_order_id: string;
  readonly instrument_id: string;
  readonly strategy_id: string | null;
  readonly type: OrderSpec['type'];
  readonly side: OrderSide;
  readonly quantity: string;
  readonly price: string | null;
  readonly trigger_price: string | null;
  readonly trailing_offset_unit: 'PRICE' | 'BPS' | null;
  readonly trailing_offset_amount: string | null;
  readonly activation_price: string | null;
  readonly time_in_force: TimeInForce;
  readonly expire_at_ms: string | null;
  readonly post_only: boolean;
  readonly reduce_only: boolean;
  readonly status: OrderStatus;
  readonly filled_quantity: string;
  readonly filled_notional: string;
  readonly trade_ids: unknown;
  readonly version: number;
  readonly created_ms: string;
  readonly updated_ms: string;
  readonly venue_order_id: string | null;
  readonly rejection_source: RejectionSource | null;
  readonly rejection_code: string | null;
  readonly rejection_reason: string | null;
  readonly cancel_reason: string | null;
  readonly status_before_cancel: OrderStatus | null;
}

/** Parameters $1..$28 of an INSERT in ORDER_COLUMNS order. */
export function orderInsertParams(order: Order): unknown[] {
  const spec = order.spec;
  checkInstrumentId('order', 'instrumentId', spec.instrumentId);
  if (spec.strategyId !== undefined) checkName('order', 'strategyId', spec.strategyId);
  const price = spec.type === 'LIMIT' || spec.type === 'STOP_LIMIT' ? spec.price.toString() : null;
  const trigger = spec.type === 'STOP_MARKET' || spec.type === 'STOP_LIMIT' ? spec.triggerPrice.toString() : null;
  const trailing = spec.type === 'TRAILING_STOP' ? spec : undefined;
  const state = orderStateParams(order);
  return [
    spec.clientOrderId,
    spec.instrumentId,
    spec.strategyId ?? null,
    spec.type,
    spec.side,
    spec.quantity.toString(),
    price,
    trigger,
    trailing?.offset.unit ?? null,
    trailing?.offset.amount.toString() ?? null,
    trailing?.activationPrice?.toString() ?? null,
    spec.timeInForce,
    spec.expireAtMs ?? null,
    spec.postOnly,
    spec.reduceOnly,
    // The state columns, with created_ms after version as in ORDER_COLUMNS.
    ...state.slice(0, 5),
    checkTsMs('order', 'createdTsMs', order.createdTsMs),
    ...state.slice(5),
  ];
}

/** The state as parameters $3..$14 of an update, in ORDER_STATE_ASSIGNMENTS order. */
export function orderStateParams(order: Order): unknown[] {
  const state = order.snapshot();
  if (state.venueOrderId !== undefined) checkName('order', 'venueOrderId', state.venueOrderId);
  if (state.rejection !== undefined) {
    checkName('order', 'rejection.code', state.rejection.code);
    checkText('order', 'rejection.reason', state.rejection.reason);
  }
  if (state.cancelReason !== undefined) checkText('order', 'cancelReason', state.cancelReason);
  if (!Number.isSafeInteger(state.version) || state.version < 0 || state.version > 2_147_483_647) {
    throw invalidInput('order', 'version', state.version, 'a whole number from 0 to 2147483647');
  }
  return [
    state.status,
    state.filledQuantity.toString(),
    state.filledNotional.toString(),
    state.tradeIds,
    state.version,
    checkTsMs('order', 'updatedTsMs', state.updatedTsMs),
    state.venueOrderId ?? null,
    state.rejection?.source ?? null,
    state.rejection?.code ?? null,
    state.rejection?.reason ?? null,
    state.cancelReason ?? null,
    state.statusBeforeCancel ?? null,
  ];
}

/** Rebuilds the order of a row; Order.restore re-checks the spec and state. */
export function orderFromRow(row: OrderRow): Order {
  const base = {
    clientOrderId: row.client_order_id as ClientOrderId,
    instrumentId: row.instrument_id as InstrumentId,
    side: row.side,
    quantity: Quantity.of(decimalColumn(row.quantity, 'orders.quantity')),
    timeInForce: row.time_in_force,
    postOnly: row.post_only,
    reduceOnly: row.reduce_only,
    ...(row.expire_at_ms === null ? {} : { expireAtMs: msColumn(row.expire_at_ms, 'orders.expire_at_ms') }),
    ...(row.strategy_id === null ? {} : { strategyId: row.strategy_id }),
  };
  const price = (value: string | null, column: string): Price => Price.of(decimalColumn(value, `orders.${column}`));
  let spec: OrderSpec;
  switch (row.type) {
    case 'MARKET':
      spec = { ...base, type: 'MARKET' };
      break;
    case 'LIMIT':
      spec = { ...base, type: 'LIMIT', price: price(row.price, 'price') };
      break;
    case 'STOP_MARKET':
      spec = { ...base, type: 'STOP_MARKET', triggerPrice: price(row.trigger_price, 'trigger_price') };
      break;
    case 'STOP_LIMIT':
      spec = { ...base, type: 'STOP_LIMIT', triggerPrice: price(row.trigger_price, 'trigger_price'), price: price(row.price, 'price') };
      break;
    case 'TRAILING_STOP':
      spec = {
        ...base,
        type: 'TRAILING_STOP',
        offset: {
          unit: requiredColumn(row.trailing_offset_unit, 'orders.trailing_offset_unit'),
          amount: decimalColumn(row.trailing_offset_amount, 'orders.trailing_offset_amount'),
        },
        ...(row.activation_price === null ? {} : { activationPrice: price(row.activation_price, 'activation_price') }),
      };
      break;
  }
  const snapshot: OrderSnapshot = {
    spec,
    status: row.status,
    filledQuantity: Quantity.of(decimalColumn(row.filled_quantity, 'orders.filled_quantity')),
    filledNotional: decimalColumn(row.filled_notional, 'orders.filled_notional'),
    tradeIds: textArrayColumn(row.trade_ids, 'orders.trade_ids') as readonly TradeId[],
    version: row.version,
    createdTsMs: msColumn(row.created_ms, 'orders.created_ms'),
    updatedTsMs: msColumn(row.updated_ms, 'orders.updated_ms'),
    ...(row.venue_order_id === null ? {} : { venueOrderId: row.venue_order_id }),
    ...(row.status_before_cancel === null ? {} : { statusBeforeCancel: row.status_before_cancel }),
    ...(row.rejection_source === null || row.rejection_code === null || row.rejection_reason === null
      ? {}
      : { rejection: { source: row.rejection_source, code: row.rejection_code, reason: row.rejection_reason } }),
    ...(row.cancel_reason === null ? {} : { cancelReason: row.cancel_reason }),
  };
  return Order.restore(snapshot);
}

export const FILL_COLUMNS =
  'venue, trade_id, client_order_id, venue_order_id, instrument_id, side, price, quantity, fee_amount, fee_currency, liquidity, ts_ms';

export interface FillRow {
  readonly venue: string;
  readonly trade_id: string;
  readonly client_order_id: string;
  readonly venue_order_id: string | null;
  readonly instrument_id: string;
  readonly side: OrderSide;
  readonly price: string;
  readonly quantity: string;
  readonly fee_amount: string;
  readonly fee_currency: string;
  readonly liquidity: Liquidity;
  readonly ts_ms: string;
}

const PRINTABLE_ID = /^[\x21-\x7e]{1,64}$/;

export function fillParams(fill: Fill): unknown[] {
  if (!PRINTABLE_ID.test(fill.venue)) throw invalidInput('fill', 'venue', fill.venue, '1 to 64 printable characters');
  if (!PRINTABLE_ID.test(fill.tradeId)) throw invalidInput('fill', 'tradeId', fill.tradeId, '1 to 64 printable characters');
  if (fill.venueOrderId !== undefined) checkName('fill', 'venueOrderId', fill.venueOrderId);
  checkInstrumentId('fill', 'instrumentId', fill.instrumentId);
  checkCurrency('fill', 'fee.currency', fill.fee.currency);
  return [
    fill.venue,
    fill.tradeId,
    fill.clientOrderId,
    fill.venueOrderId ?? null,
    fill.instrumentId,
    fill.side,
    fill.price.toString(),
    fill.quantity.toString(),
    fill.fee.amount.toString(),
    fill.fee.currency,
    fill.liquidity,
    checkTsMs('fill', 'tsMs', fill.tsMs),
  ];
}

export function fillFromRow(row: FillRow): Fill {
  return {
    venue: row.venue,
    tradeId: row.trade_id as TradeId,
    clientOrderId: row.client_order_id as ClientOrderId,
    ...(row.venue_order_id === null ? {} : { venueOrderId: row.venue_order_id }),
    instrumentId: row.instrument_id as InstrumentId,
    side: row.side,
    price: Price.of(decimalColumn(row.price, 'fills.price')),
    quantity: Quantity.of(decimalColumn(row.quantity, 'fills.quantity')),
    fee: Money.of(decimalColumn(row.fee_amount, 'fills.fee_amount'), row.fee_currency),
    liquidity: row.liquidity,
    tsMs: msColumn(row.ts_ms, 'fills.ts_ms'),
  };
}

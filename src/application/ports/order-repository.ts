import type { Fill } from '../../domain/fills/fill.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { ClientOrderId } from '../../domain/orders/client-order-id.js';
import type { Order } from '../../domain/orders/order.js';
import type { TsRange } from './market-data-repository.js';

/** What appending a fill did: 'duplicate' when a fill with its (venue, tradeId) was stored before (nothing written). */
export type AppendFillResult = 'inserted' | 'duplicate';

/** Narrows the open orders; absent fields do not filter. */
export interface OpenOrderQuery {
  readonly instrumentId?: InstrumentId;
  readonly strategyId?: string;
}

/**
 * Orders and their fills in the system of record. Every order is stored whole (spec and state), so a
 * read returns an order equal to the one saved (`Order.restore` re-checks its invariants).
 *
 * - Optimistic concurrency: `update(order, expectedVersion)` stores the order only if the stored
 *   version is still `expectedVersion` (the version it was read at) and otherwise throws AtbError
 *   CONFLICT naming both versions; inside a unit of work that rolls the whole unit back, so a fill and
 *   the order state it produced are stored together or not at all. A missing order is NOT_FOUND.
 * - Fills are unique by (venue, tradeId): a fill reported twice is stored once, and the second
 *   `appendFill` answers 'duplicate', also when two transactions race with the same trade id.
 * - Money (quantities, prices, notionals, fees) is read back exactly.
 * - Strategy ids and other text are stored literally; values over the limits (strategy id 128
 *   characters, reasons 4096) are refused with AtbError INVALID_INPUT naming the field.
 *
 * @example
 * await unitOfWork.run('record-fill', async ({ orders }) => {
 *   if ((await orders.appendFill(fill)) === 'duplicate') return;
 *   const order = await orders.findByClientOrderIdOrThrow(fill.clientOrderId);
 *   await orders.update(order.apply({ type: 'OrderFilled', clientOrderId: order.clientOrderId, fill, tsMs }), order.version);
 * });
 */
export interface OrderRepository {
  /** Stores a new order; AtbError CONFLICT when its client order id is taken. */
  save(order: Order): Promise<void>;
  /** Stores the order's new state over `expectedVersion` (see above); `order.version` must be greater. */
  update(order: Order, expectedVersion: number): Promise<void>;
  findByClientOrderId(clientOrderId: ClientOrderId): Promise<Order | undefined>;
  /** @throws AtbError NOT_FOUND */
  findByClientOrderIdOrThrow(clientOrderId: ClientOrderId): Promise<Order>;
  /**
   * Orders not in a terminal state, INITIALIZED included (an intent that may have reached the venue:
   * reconciled on start), oldest first.
   */
  findOpen(query?: OpenOrderQuery): Promise<readonly Order[]>;
  /** Orders a strategy created within the inclusive range of creation times, oldest first, at most `limit` (default 10,000). */
  findByStrategy(strategyId: string, range?: TsRange, limit?: number): Promise<readonly Order[]>;
  /** Stores a fill of a stored order (AtbError NOT_FOUND when the order is not stored). */
  appendFill(fill: Fill): Promise<AppendFillResult>;
  /** The fills of one order in execution order. */
  findFills(clientOrderId: ClientOrderId): Promise<readonly Fill[]>;
}

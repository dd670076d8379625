import type { Fill } from '../fills/fill.js';
import type { ClientOrderId } from './client-order-id.js';

interface OrderEventBase {
  readonly clientOrderId: ClientOrderId;
  /** When it happened, epoch milliseconds. */
  readonly tsMs: number;
}

/** Where a rejection came from: ATB's own risk engine or the venue. */
export type RejectionSource = 'RISK' | 'VENUE';

export interface OrderSubmitted extends OrderEventBase {
  readonly type: 'OrderSubmitted';
}
export interface OrderAccepted extends OrderEventBase {
  readonly type: 'OrderAccepted';
  readonly venueOrderId: string;
}
export interface OrderRejected extends OrderEventBase {
  readonly type: 'OrderRejected';
  readonly source: RejectionSource;
  /** A stable machine code, e.g. MAX_ORDER_NOTIONAL or POST_ONLY_WOULD_TAKE. */
  readonly code: string;
  readonly reason: string;
}
export interface OrderTriggered extends OrderEventBase {
  readonly type: 'OrderTriggered';
}
export interface OrderPendingCancel extends OrderEventBase {
  readonly type: 'OrderPendingCancel';
}
export interface OrderCancelRejected extends OrderEventBase {
  readonly type: 'OrderCancelRejected';
  readonly reason: string;
}
export interface OrderCanceled extends OrderEventBase {
  readonly type: 'OrderCanceled';
  readonly reason?: string;
}
export interface OrderExpired extends OrderEventBase {
  readonly type: 'OrderExpired';
}
export interface OrderFilled extends OrderEventBase {
  readonly type: 'OrderFilled';
  readonly fill: Fill;
}

/** Facts about one order; Order.apply is the only way they change its state. */
export type OrderEvent =
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderTriggered
  | OrderPendingCancel
  | OrderCancelRejected
  | OrderCanceled
  | OrderExpired
  | OrderFilled;

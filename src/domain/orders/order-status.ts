/**
 * Order lifecycle. Terminal states: FILLED, CANCELED, REJECTED, EXPIRED.
 *
 *   INITIALIZED -> SUBMITTED -> ACCEPTED -> (TRIGGERED) -> PARTIALLY_FILLED -> FILLED
 *   any open state -> PENDING_CANCEL -> CANCELED (or back, on a cancel reject)
 */
export const OrderStatus = {
  INITIALIZED: 'INITIALIZED',
  SUBMITTED: 'SUBMITTED',
  ACCEPTED: 'ACCEPTED',
  TRIGGERED: 'TRIGGERED',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  PENDING_CANCEL: 'PENDING_CANCEL',
  CANCELED: 'CANCELED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export type OrderEventType =
  | 'OrderSubmitted'
  | 'OrderAccepted'
  | 'OrderRejected'
  | 'OrderTriggered'
  | 'OrderPendingCancel'
  | 'OrderCancelRejected'
  | 'OrderCanceled'
  | 'OrderExpired'
  | 'OrderFilled';

/**
 * The complete transition table: status -> event -> next status. A fill's next status depends on the
 * quantity left ('FILL': PARTIALLY_FILLED or FILLED; a partial fill while PENDING_CANCEL stays there);
 * a cancel reject returns to the status before the cancel ('PREVIOUS'). Anything not listed is illegal.
 * Fills are accepted from SUBMITTED onwards because a venue may report a fill before its acknowledgement,
 * and after CANCELED or EXPIRED ('LATE_FILL') because it may report a fill that happened before the cancel
 * took effect after the cancel itself: the order stays done (FILLED if that fill completes it).
 */
export const ORDER_TRANSITIONS: Readonly<
  Record<OrderStatus, Readonly<Partial<Record<OrderEventType, OrderStatus | 'FILL' | 'LATE_FILL' | 'PREVIOUS'>>>>
> = {
  INITIALIZED: { OrderSubmitted: 'SUBMITTED', OrderRejected: 'REJECTED', OrderCanceled: 'CANCELED' },
  SUBMITTED: {
    OrderAccepted: 'ACCEPTED',
    OrderRejected: 'REJECTED',
    OrderPendingCancel: 'PENDING_CANCEL',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED',
    OrderFilled: 'FILL',
  },
  ACCEPTED: {
    OrderTriggered: 'TRIGGERED',
    OrderPendingCancel: 'PENDING_CANCEL',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED',
    OrderFilled: 'FILL',
  },
  TRIGGERED: {
    OrderRejected: 'REJECTED',
    OrderPendingCancel: 'PENDING_CANCEL',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED',
    OrderFilled: 'FILL',
  },
  PARTIALLY_FILLED: {
    OrderPendingCancel: 'PENDING_CANCEL',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED',
    OrderFilled: 'FILL',
  },
  PENDING_CANCEL: {
    OrderCancelRejected: 'PREVIOUS',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED',
    OrderFilled: 'FILL',
  },
  FILLED: {},
  CANCELED: { OrderFilled: 'LATE_FILL' },
  REJECTED: {},
  EXPIRED: { OrderFilled: 'LATE_FILL' },
};

/** FILLED, CANCELED, REJECTED or EXPIRED. Comparisons, not a set: asked several times per order event. */
export function isTerminalStatus(status: OrderStatus): boolean {
  return status === 'FILLED' || status === 'CANCELED' || status === 'REJECTED' || status === 'EXPIRED';
}

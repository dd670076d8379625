import type { OrderEvent } from '../orders/order-events.js';
import type { PositionEvent } from '../positions/position-events.js';

/**
 * Every fact the domain records, discriminated by `type`: order lifecycle events (OrderSubmitted,
 * OrderAccepted, OrderRejected, OrderTriggered, OrderPendingCancel, OrderCancelRejected, OrderCanceled,
 * OrderExpired, OrderFilled) and position events (PositionOpened, PositionChanged, PositionClosed).
 */
export type DomainEvent = OrderEvent | PositionEvent;
export type DomainEventType = DomainEvent['type'];

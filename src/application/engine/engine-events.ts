import type { Fill, Order, OrderEvent, PositionEvent, Position } from '../../domain/index.js';
import type { TradingStateChange } from '../risk/trading-state.js';

/** Topics the engine publishes on its bus, for reports, persistence, metrics and alerts. */
export interface EngineEvents {
  /** An order changed state (the event applied and the order after it). */
  order: { readonly order: Order; readonly event: OrderEvent };
  /** A fill was booked; `position` is the position after it. */
  fill: { readonly fill: Fill; readonly order: Order; readonly position: Position };
  position: PositionEvent;
  /** The venue refused an order (also published on `order`, for listeners of rejections only). */
  venueRejection: { readonly order: Order; readonly event: Extract<OrderEvent, { readonly type: 'OrderRejected' }> };
  /** The risk engine refused an order before any venue saw it. */
  riskRejection: {
    readonly order: Order;
    readonly strategyId: string | undefined;
    readonly code: string;
    readonly reason: string;
    readonly tsMs: number;
  };
  /** A strategy's request could not become an order at all (unknown instrument, a quantity below one lot...). */
  orderRefused: {
    readonly clientOrderId: string | undefined;
    readonly strategyId: string | undefined;
    readonly code: string;
    readonly reason: string;
    readonly tsMs: number;
  };
  tradingState: TradingStateChange;
}

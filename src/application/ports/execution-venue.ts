import type { Decimal, Order, OrderEvent, Price, Quantity } from '../../domain/index.js';
import type { MarketEvent } from './market-data-feed.js';

/** What a venue reports back: acknowledgements, rejections, triggers, fills, cancels, expiries. */
export type VenueEvent = Exclude<OrderEvent, { readonly type: 'OrderSubmitted' | 'OrderPendingCancel' }>;

/** The engine's side of a venue connection. */
export interface VenueListener {
  onVenueEvent(event: VenueEvent): void;
  /**
   * Whether the account can pay for a prospective fill. Only a simulated venue asks (a real exchange
   * knows its own balances); it rejects the order instead of producing a fill that cannot be booked.
   */
  canSettle(order: Order, quantity: Quantity, price: Price, fee: Decimal): boolean;
}

/**
 * Where orders go: a simulated matching engine (backtest, paper) or an exchange (live). Outcomes arrive
 * as events through the listener, never as return values, because a real venue answers asynchronously
 * and an order whose answer is lost must be reconciled, not re-sent.
 */
export interface ExecutionVenue {
  readonly name: string;
  connect(listener: VenueListener): void;
  submit(order: Order): void | Promise<void>;
  cancel(order: Order): void | Promise<void>;
  /**
   * Market data for venues that match orders themselves (the simulated venue). The engine calls it
   * before strategies see the event, so orders resting from earlier bars execute within this bar.
   */
  onMarketEvent?(event: MarketEvent): void;
}

import type {
  Bar,
  ClientOrderId,
  Decimal,
  Instrument,
  InstrumentId,
  Money,
  Order,
  OrderSide,
  Position,
  Quantity,
  TimeInForce,
  Timeframe,
  TrailingOffset,
} from '../../domain/index.js';
import type { Logger } from '../ports/logger.js';
import type { BarWindow } from './bar-window.js';

/** A quantity or price as a strategy may write it; numbers are rounded onto the instrument's lot or tick grid. */
export type Amount = number | string | Decimal;

/** What a strategy asks for; the router fills in ids, rounds onto the grid and sends it through risk. */
export interface OrderRequest {
  readonly side: OrderSide;
  readonly quantity: Amount;
  /** Defaults to the strategy's primary instrument. */
  readonly instrumentId?: InstrumentId;
  /** MARKET when absent; LIMIT with `price`; STOP_MARKET with `triggerPrice`; STOP_LIMIT with both. */
  readonly type?: 'MARKET' | 'LIMIT' | 'STOP_MARKET' | 'STOP_LIMIT' | 'TRAILING_STOP';
  readonly price?: Amount;
  readonly triggerPrice?: Amount;
  readonly trailingOffset?: { readonly unit: TrailingOffset['unit']; readonly amount: Amount };
  readonly activationPrice?: Amount;
  /** Default: IOC for MARKET, GTC otherwise. */
  readonly timeInForce?: TimeInForce;
  readonly expireAtMs?: number;
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
}

/** An order request's outcome: the order sent on, or why it was refused before reaching a venue. */
export type SubmitResult =
  | { readonly ok: true; readonly clientOrderId: ClientOrderId; readonly order: Order }
  | { readonly ok: false; readonly code: string; readonly reason: string; readonly clientOrderId?: ClientOrderId };

/** Something updated from each bar of a subscription before the strategy's onBar runs. */
export interface IndicatorLike {
  readonly isReady: boolean;
}

export interface IndicatorRegistry {
  /**
   * Registers an indicator to be updated with every bar of a subscription (default: the primary one)
   * before onBar. The default update feeds the close: `indicator.update(bar.close)`.
   * @example const fast = ctx.indicators.register(new SmaIndicator(10));
   * @example const atr = ctx.indicators.register(new AtrIndicator(14), { update: (a, bar) => a.update(bar.high, bar.low, bar.close) });
   */
  register<T extends IndicatorLike & { update(value: number): unknown }>(indicator: T, options?: IndicatorOptions<T>): T;
  register<T extends IndicatorLike>(indicator: T, options: IndicatorOptions<T> & { readonly update: (indicator: T, bar: Bar) => unknown }): T;
}

export interface IndicatorOptions<T> {
  readonly instrumentId?: InstrumentId;
  readonly timeframe?: Timeframe;
  readonly update?: (indicator: T, bar: Bar) => unknown;
}

/** The view of the account a strategy gets: read-only. */
export interface AccountView {
  readonly baseCurrency: string;
  free(currency: string): Decimal;
  /** Equity at the latest prices, in the base currency. */
  equity(): Money;
}

/**
 * Everything a strategy may touch. Orders go through `submit` (and its shorthands), which routes them
 * through the risk engine to the venue; strategies never call risk or a venue themselves.
 */
export interface StrategyContext {
  readonly strategyId: string;
  /** The first subscription's instrument and timeframe: the default for orders and windows. */
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly log: Logger;
  readonly indicators: IndicatorRegistry;
  readonly account: AccountView;
  /** The engine clock: the close time of the bar being handled, epoch ms. */
  now(): number;
  /** Adds a stream; only during onStart. `history` is how many closed bars its window keeps. */
  subscribe(instrumentId: InstrumentId, timeframe: Timeframe, options?: { readonly history?: number }): void;
  /** Closed bars of a subscription (default: the primary one). */
  bars(instrumentId?: InstrumentId, timeframe?: Timeframe): BarWindow;
  instrument(instrumentId?: InstrumentId): Instrument;
  position(instrumentId?: InstrumentId): Position;
  /**
   * The largest market buy the free cash pays for now, at the latest price, by the risk engine's own
   * reservation rule (price, market buffer, fee), on the lot grid; zero before the first price.
   */
  buyingPower(instrumentId?: InstrumentId): Quantity;
  openOrders(instrumentId?: InstrumentId): readonly Order[];
  order(clientOrderId: ClientOrderId): Order | undefined;
  buy(quantity: Amount, options?: Omit<OrderRequest, 'side' | 'quantity'>): SubmitResult;
  sell(quantity: Amount, options?: Omit<OrderRequest, 'side' | 'quantity'>): SubmitResult;
  submit(request: OrderRequest): SubmitResult;
  /** Asks the venue to cancel; false if the order is unknown or already done. */
  cancel(clientOrderId: ClientOrderId): boolean;
  cancelAll(instrumentId?: InstrumentId): number;
  /** A reduce-only market order for the whole position; undefined when flat. */
  closePosition(instrumentId?: InstrumentId): SubmitResult | undefined;
}

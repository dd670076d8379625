import { AtbError } from '../../shared/errors.js';
import {
  type Money,
  Quantity,
  Sma,
  type Bar,
  type ClientOrderId,
  type Decimal,
  type Instrument,
  type InstrumentId,
  type Order,
  type Portfolio,
  type Position,
  type Timeframe,
} from '../../domain/index.js';
import type { Logger } from '../ports/logger.js';
import type { Subscription } from '../ports/market-data-feed.js';
import { BarWindow } from '../strategy/bar-window.js';
import type { Strategy } from '../strategy/strategy.js';
import type {
  AccountView,
  Amount,
  IndicatorLike,
  IndicatorOptions,
  IndicatorRegistry,
  OrderRequest,
  StrategyContext,
  SubmitResult,
} from '../strategy/strategy-context.js';
import type { Clock } from '../ports/clock.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { MarkBook } from './mark-book.js';
import type { OrderLedger } from './order-ledger.js';
import type { OrderRouter } from './order-router.js';

/** One subscription of one strategy: its window and the indicators fed from it. */
export interface StrategyStream {
  readonly runner: StrategyRunner;
  readonly subscription: Subscription;
  window: BarWindow;
  readonly updates: ((bar: Bar) => void)[];
}

export interface StrategyRunnerDeps {
  readonly clock: Clock;
  readonly router: OrderRouter;
  readonly ledger: OrderLedger;
  readonly portfolio: Portfolio;
  readonly instruments: ReadonlyMap<InstrumentId, Instrument>;
  readonly marks: MarkBook;
  readonly risk: RiskEngine;
  readonly logger: Logger;
}

export const DEFAULT_HISTORY = 1_000;

/** Runs one strategy: its context, its subscriptions and the indicators registered on them. */
export class StrategyRunner implements StrategyContext {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly log: Logger;
  readonly indicators: IndicatorRegistry;
  readonly account: AccountView;
  private readonly streams: StrategyStream[] = [];
  private started = false;

  constructor(
    readonly strategyId: string,
    readonly strategy: Strategy,
    primary: Subscription,
    private readonly deps: StrategyRunnerDeps,
  ) {
    this.instrumentId = primary.instrumentId;
    this.timeframe = primary.timeframe;
    this.log = deps.logger;
    this.addStream(primary, DEFAULT_HISTORY);
    this.indicators = { register: (indicator: IndicatorLike, options?: IndicatorOptions<IndicatorLike>) => this.register(indicator, options) };
    const { portfolio, marks } = deps;
    this.account = {
      baseCurrency: portfolio.baseCurrency,
      free: (currency: string): Decimal => portfolio.balance(currency).free,
      equity: (): Money => portfolio.equity(marks.all()),
    };
  }

  get subscriptions(): readonly StrategyStream[] {
    return this.streams;
  }

  start(): void {
    this.strategy.onStart(this);
    this.started = true;
  }

  /** Hands a closed bar to the strategy: window first, then indicators, then onBar. */
  deliver(stream: StrategyStream, bar: Bar): void {
    stream.window.push(bar);
    const updates = stream.updates;
    for (let i = 0; i < updates.length; i += 1) (updates[i] as (bar: Bar) => void)(bar);
    this.strategy.onBar(bar, this);
  }

  now(): number {
    return this.deps.clock.now();
  }

  subscribe(instrumentId: InstrumentId, timeframe: Timeframe, options?: { readonly history?: number }): void {
    if (this.started) throw new AtbError('INVALID_INPUT', `strategy ${this.strategyId} may subscribe only in onStart`);
    const history = options?.history ?? DEFAULT_HISTORY;
    if (!Number.isInteger(history) || history < 1) {
      throw new AtbError('INVALID_INPUT', `invalid history for ${instrumentId} ${timeframe}, was ${history}: expected a whole number of bars >= 1`);
    }
    const existing = this.stream(instrumentId, timeframe);
    if (existing === undefined) this.addStream({ instrumentId, timeframe }, history);
    else if (history > existing.window.capacity) existing.window = new BarWindow(instrumentId, timeframe, history);
  }

  bars(instrumentId: InstrumentId = this.instrumentId, timeframe: Timeframe = this.timeframe): BarWindow {
    const stream = this.stream(instrumentId, timeframe);
    if (stream === undefined) {
      throw new AtbError('INVALID_INPUT', `strategy ${this.strategyId} has no subscription to ${instrumentId} ${timeframe}; subscribe in onStart`);
    }
    return stream.window;
  }

  instrument(instrumentId: InstrumentId = this.instrumentId): Instrument {
    const instrument = this.deps.instruments.get(instrumentId);
    if (instrument === undefined) throw new AtbError('NOT_FOUND', `no instrument ${instrumentId} is configured`);
    return instrument;
  }

  position(instrumentId: InstrumentId = this.instrumentId): Position {
    return this.deps.portfolio.position(instrumentId);
  }

  buyingPower(instrumentId: InstrumentId = this.instrumentId): Quantity {
    const price = this.deps.marks.price(instrumentId);
    if (price === undefined) return Quantity.ZERO;
    return this.deps.risk.maxMarketBuy(this.instrument(instrumentId), this.deps.portfolio, price);
  }

  openOrders(instrumentId?: InstrumentId): readonly Order[] {
    return this.deps.ledger.openOrders(instrumentId, this.strategyId);
  }

  order(clientOrderId: ClientOrderId): Order | undefined {
    return this.deps.ledger.get(clientOrderId)?.order;
  }

  buy(quantity: Amount, options: Omit<OrderRequest, 'side' | 'quantity'> = {}): SubmitResult {
    return this.submit({ ...options, side: 'BUY', quantity });
  }

  sell(quantity: Amount, options: Omit<OrderRequest, 'side' | 'quantity'> = {}): SubmitResult {
    return this.submit({ ...options, side: 'SELL', quantity });
  }

  submit(request: OrderRequest): SubmitResult {
    return this.deps.router.submit(request, this.strategyId, this.instrumentId);
  }

  cancel(clientOrderId: ClientOrderId): boolean {
    const record = this.deps.ledger.get(clientOrderId);
    if (record === undefined || record.strategyId !== this.strategyId) return false;
    return this.deps.router.cancel(record.order);
  }

  cancelAll(instrumentId?: InstrumentId): number {
    let canceled = 0;
    for (const order of this.openOrders(instrumentId)) if (this.deps.router.cancel(order)) canceled += 1;
    return canceled;
  }

  closePosition(instrumentId: InstrumentId = this.instrumentId): SubmitResult | undefined {
    const position = this.position(instrumentId);
    if (position.isFlat) return undefined;
    return this.submit({ instrumentId, side: position.side === 'LONG' ? 'SELL' : 'BUY', quantity: position.quantity, reduceOnly: true });
  }

  private stream(instrumentId: InstrumentId, timeframe: Timeframe): StrategyStream | undefined {
    return this.streams.find((s) => s.subscription.instrumentId === instrumentId && s.subscription.timeframe === timeframe);
  }

  private addStream(subscription: Subscription, history: number): void {
    this.streams.push({ runner: this, subscription, window: new BarWindow(subscription.instrumentId, subscription.timeframe, history), updates: [] });
  }

  private register(indicator: IndicatorLike, options?: IndicatorOptions<IndicatorLike>): IndicatorLike {
    const instrumentId = options?.instrumentId ?? this.instrumentId;
    const timeframe = options?.timeframe ?? this.timeframe;
    const stream = this.stream(instrumentId, timeframe);
    if (stream === undefined) {
      throw new AtbError('INVALID_INPUT', `cannot register an indicator on ${instrumentId} ${timeframe}: the strategy has no such subscription`);
    }
    const custom = options?.update;
    if (custom !== undefined) {
      stream.updates.push((bar) => custom(indicator, bar));
    } else if (typeof (indicator as { update?: unknown }).update === 'function') {
      const single = indicator as IndicatorLike & { update(value: number): unknown };
      // An Sma is advanced through `step`, which keeps `value` and `last` as `update` does but returns a
      // boolean: the number `update` returns would be boxed into a heap object on every bar.
      if (single instanceof Sma) stream.updates.push((bar) => single.step(bar.close));
      else stream.updates.push((bar) => single.update(bar.close));
    } else {
      throw new AtbError('INVALID_INPUT', 'an indicator without update(value) needs an `update` option');
    }
    return indicator;
  }
}

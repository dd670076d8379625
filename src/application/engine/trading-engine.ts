import { AtbError } from '../../shared/errors.js';
import {
  Decimal,
  baseCurrency,
  quoteCurrency,
  type Instrument,
  type InstrumentId,
  type Order,
  type Portfolio,
  type Price,
  type Quantity,
  type Timeframe,
} from '../../domain/index.js';
import type { Clock } from '../ports/clock.js';
import type { ExecutionVenue, VenueEvent, VenueListener } from '../ports/execution-venue.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import type { MarketEvent, Subscription } from '../ports/market-data-feed.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { TradingStateChange } from '../risk/trading-state.js';
import type { Strategy } from '../strategy/strategy.js';
import type { EngineEvents } from './engine-events.js';
import { EquityEstimate } from './equity-estimate.js';
import { MarkBook } from './mark-book.js';
import { MessageBus } from './message-bus.js';
import { OrderLedger } from './order-ledger.js';
import { OrderRouter } from './order-router.js';
import { StrategyRunner, type StrategyStream } from './strategy-runner.js';

export interface TradingEngineOptions {
  readonly clock: Clock;
  readonly venue: ExecutionVenue;
  readonly portfolio: Portfolio;
  readonly instruments: readonly Instrument[];
  readonly risk: RiskEngine;
  readonly ids: IdGenerator;
  readonly bus?: MessageBus<EngineEvents>;
  readonly logger?: Logger;
  /**
   * What to do with a venue event the order state machine refuses. A backtest throws (the simulator
   * would be wrong); a live node logs it and carries on, since the venue is the authority.
   */
  readonly onIllegalVenueEvent?: 'throw' | 'log';
  /** Finished orders kept in memory for late venue reports and look-ups (default 128). */
  readonly recentOrders?: number;
}

/**
 * The event-driven core shared by every mode. It takes market events and venue events one at a time on a
 * single thread: the venue matches resting orders against the new data first, then strategies see the
 * closed bar; every order a hook submits goes through the router (risk, reservation, venue) and the venue's
 * answers are queued and handled after the hook returns, so hooks never re-enter each other.
 */
export class TradingEngine implements VenueListener {
  readonly bus: MessageBus<EngineEvents>;
  readonly ledger: OrderLedger;
  readonly marks = new MarkBook();
  private readonly router: OrderRouter;
  private readonly instruments: ReadonlyMap<InstrumentId, Instrument>;
  private readonly runners: StrategyRunner[] = [];
  private readonly runnersById = new Map<string, StrategyRunner>();
  private readonly routes = new Map<InstrumentId, Map<Timeframe, StrategyStream[]>>();
  private lastRoute: { instrumentId: string; timeframe: string; streams: StrategyStream[] | undefined } = { instrumentId: '', timeframe: '', streams: undefined };
  /**
   * Venue events waiting to be handled: the first `queued` slots. Emptied by resetting the count, not the
   * array's length, which would drop its storage and make the next event allocate it again (twice per order).
   */
  private readonly queue: (VenueEvent | undefined)[] = [];
  private queued = 0;
  /**
   * Funds canSettle has promised to fills that are queued but not booked yet (earlier fills of the same
   * bar), by currency: without them two fills could each fit the free balance and together overdraw it.
   * Empty whenever the queue is.
   */
  private readonly promised = new Promises();
  private readonly equity: EquityEstimate;
  private readonly nonFlat = new Set<InstrumentId>();
  /** Whether a fill changed the balances since `equity.total` was computed. */
  private equityStale = true;
  private readonly logger: Logger;
  private draining = false;
  /** True while a market event is handled: venue answers wait in the queue until the current hook returns. */
  private busy = false;
  private started = false;

  constructor(private readonly options: TradingEngineOptions) {
    this.logger = options.logger ?? silentLogger;
    this.ledger = new OrderLedger(options.recentOrders);
    this.bus = options.bus ?? new MessageBus<EngineEvents>((error, topic) => this.logger.error('bus handler failed', { topic: String(topic), error: String(error) }));
    this.instruments = new Map(options.instruments.map((i) => [i.id, i]));
    this.router = new OrderRouter({ ...options, instruments: this.instruments, ledger: this.ledger, marks: this.marks, bus: this.bus, logger: this.logger });
    this.equity = new EquityEstimate(options.portfolio, this.marks, [...this.instruments.keys()]);
    options.venue.connect(this);
  }

  get portfolio(): Portfolio {
    return this.options.portfolio;
  }

  get tradingState(): RiskEngine['state'] {
    return this.options.risk.state;
  }

  /** Adds a strategy before start; `primary` is its first subscription and default instrument. */
  addStrategy(strategyId: string, strategy: Strategy, primary: Subscription): StrategyRunner {
    if (this.started) throw new AtbError('INVALID_INPUT', 'strategies are added before the engine starts');
    if (this.runners.some((r) => r.strategyId === strategyId)) throw new AtbError('CONFLICT', `a strategy with id ${strategyId} is already added`);
    if (!this.instruments.has(primary.instrumentId)) throw new AtbError('NOT_FOUND', `no instrument ${primary.instrumentId} is configured`);
    const { clock, portfolio } = this.options;
    const runner = new StrategyRunner(strategyId, strategy, primary, {
      clock,
      router: this.router,
      ledger: this.ledger,
      portfolio,
      instruments: this.instruments,
      marks: this.marks,
      risk: this.options.risk,
      logger: this.logger,
    });
    this.runners.push(runner);
    this.runnersById.set(strategyId, runner);
    return runner;
  }

  /** Every subscription of every strategy, known once the engine has started. */
  subscriptions(): Subscription[] {
    return this.runners.flatMap((r) => r.subscriptions.map((s) => s.subscription));
  }

  start(): void {
    if (this.started) return;
    this.busy = true;
    try {
      for (const runner of this.runners) runner.start();
    } finally {
      this.busy = false;
    }
    for (const runner of this.runners) {
      for (const stream of runner.subscriptions) {
        const { instrumentId, timeframe } = stream.subscription;
        let byTimeframe = this.routes.get(instrumentId);
        if (byTimeframe === undefined) this.routes.set(instrumentId, (byTimeframe = new Map<Timeframe, StrategyStream[]>()));
        byTimeframe.set(timeframe, [...(byTimeframe.get(timeframe) ?? []), stream]);
      }
    }
    this.started = true;
    this.drain();
  }

  /** Handles one market event: venue matching, marks and kill switch, then strategies. */
  onMarketEvent(event: MarketEvent): void {
    this.busy = true;
    try {
      this.step(event);
    } finally {
      this.busy = false;
    }
  }

  private step(event: MarketEvent): void {
    const bar = event;
    const venue = this.options.venue;
    if (venue.onMarketEvent !== undefined) {
      venue.onMarketEvent(event);
      this.drain();
    }
    this.marks.set(bar.instrumentId, bar.close);
    this.equity.recompute();
    this.equityStale = false;
    // The kill switch's days are the engine clock's (the data's time in a backtest, where the clock stands
    // at this bar's close). Read from the clock, the time stays an unboxed float in the inlined call.
    const change = this.options.risk.onEquity(this.options.clock.now(), this.equity.total);
    if (change !== undefined) this.onTradingStateChange(change);
    // Consecutive bars usually belong to the same stream: remember the last route (identical strings compare by pointer).
    let streams: StrategyStream[] | undefined;
    if (bar.instrumentId === this.lastRoute.instrumentId && bar.timeframe === this.lastRoute.timeframe) {
      streams = this.lastRoute.streams;
    } else {
      streams = this.routes.get(bar.instrumentId)?.get(bar.timeframe);
      this.lastRoute = { instrumentId: bar.instrumentId, timeframe: bar.timeframe, streams };
    }
    if (streams === undefined) return;
    for (let i = 0; i < streams.length; i += 1) {
      const stream = streams[i] as StrategyStream;
      stream.runner.deliver(stream, bar);
      this.drain();
    }
  }

  stop(): void {
    this.busy = true;
    try {
      for (const runner of this.runners) runner.strategy.onStop(runner);
    } finally {
      this.busy = false;
    }
    this.drain();
  }

  /** Whether any position is open, cheaply (for exposure statistics). */
  get hasOpenPosition(): boolean {
    return this.nonFlat.size > 0;
  }

  /**
   * Equity in the base currency at the latest prices as a float (exact: Portfolio.equity), brought up to
   * date, in `total`: an object whose field per-bar code reads, because a number returned by a call V8
   * does not inline is boxed.
   */
  currentEquity(): { readonly total: number } {
    if (this.equityStale) {
      this.equity.recompute();
      this.equityStale = false;
    }
    return this.equity;
  }

  /** Sets the trading state by hand; HALTED cancels every open order. */
  setTradingState(state: RiskEngine['state'], reason: string): void {
    const change = this.options.risk.setState(state, reason, this.options.clock.now());
    if (change !== undefined) this.onTradingStateChange(change);
  }

  onVenueEvent(event: VenueEvent): void {
    this.queue[this.queued] = event;
    this.queued += 1;
    if (!this.busy && this.started) this.drain();
  }

  canSettle(order: Order, quantity: Quantity, price: Price, fee: Decimal): boolean {
    const { portfolio } = this.options;
    if (portfolio.type === 'MARGIN') return true;
    const record = this.ledger.get(order.clientOrderId);
    // What booking this fill will release of the order's reservation (OrderLedger.releaseFor): all of it
    // when the fill completes the order, else its quantity at the reserved unit price.
    let release = Decimal.ZERO;
    if (record?.reservation !== undefined) {
      release = quantity.eq(record.order.leavesQuantity) ? record.reservedLeft : Decimal.min(record.reservedLeft, record.reservation.perUnit.mul(quantity));
    }
    const spec = order.spec;
    const buy = spec.side === 'BUY';
    const currency = buy ? quoteCurrency(spec.instrumentId) : baseCurrency(spec.instrumentId);
    const fromFree = (buy ? price.mul(quantity).add(fee) : quantity).sub(release);
    const promised = this.promised.get(currency);
    if (portfolio.freeOf(currency).sub(promised).lt(fromFree)) return false;
    if (fromFree.isPositive()) this.promised.set(currency, promised.add(fromFree));
    return true;
  }

  private drain(): void {
    if (this.draining || this.queued === 0) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.queued; i += 1) this.handle(this.queue[i] as VenueEvent);
    } finally {
      // The handled events are let go (not kept alive by the queue until their slots are reused).
      this.queue.fill(undefined, 0, this.queued);
      this.queued = 0;
      this.promised.clear();
      this.draining = false;
    }
  }

  private handle(event: VenueEvent): void {
    const record = this.ledger.get(event.clientOrderId);
    if (record === undefined) {
      this.logger.warn('venue event for an unknown order', { clientOrderId: event.clientOrderId, type: event.type });
      return;
    }
    // A venue may report a fill twice (a retried request, a replayed stream): book it once.
    if (event.type === 'OrderFilled' && event.fill.venue === this.options.venue.name && record.order.tradeIds.includes(event.fill.tradeId)) {
      this.logger.debug('duplicate fill ignored', { tradeId: event.fill.tradeId });
      return;
    }
    // A cancel that reached the venue after the order had ended there (filled, canceled or expired in the
    // same instant) is refused; the order's end was reported first and stands.
    if (event.type === 'OrderCancelRejected' && record.order.isTerminal) {
      this.logger.debug('cancel refused for an order that had already ended', { clientOrderId: event.clientOrderId, status: record.order.status });
      return;
    }
    let order: Order;
    try {
      order = record.order.apply(event);
    } catch (error) {
      if (this.options.onIllegalVenueEvent !== 'log') throw error;
      this.logger.error('venue event refused by the order state machine', { clientOrderId: event.clientOrderId, type: event.type, error: String(error) });
      return;
    }
    this.ledger.update(record, order);
    const runner = record.strategyId === undefined ? undefined : this.runnersById.get(record.strategyId);
    const { portfolio } = this.options;
    if (event.type === 'OrderFilled') {
      const fill = event.fill;
      const update = portfolio.applyFill(fill, this.ledger.releaseFor(record, fill.quantity, order.isTerminal));
      if (update.position.isFlat) this.nonFlat.delete(fill.instrumentId);
      else this.nonFlat.add(fill.instrumentId);
      this.equityStale = true;
      this.equity.refresh(baseCurrency(fill.instrumentId));
      this.equity.refresh(quoteCurrency(fill.instrumentId));
      if (fill.fee.currency !== quoteCurrency(fill.instrumentId)) this.equity.refresh(fill.fee.currency);
      this.bus.publish('fill', { fill, order, position: update.position });
      // Position events are built on first read (PositionUpdate): only when someone listens.
      if (this.bus.hasSubscribers('position')) for (const positionEvent of update.events) this.bus.publish('position', positionEvent);
      runner?.strategy.onFill(fill, runner);
    } else if (order.isTerminal) {
      const release = this.ledger.releaseFor(record, record.order.leavesQuantity, true);
      if (release !== undefined) portfolio.unlock(release);
    }
    // Building the payload only for listeners: a backtest has none, and this runs for every order event.
    if (this.bus.hasSubscribers('order')) this.bus.publish('order', { order, event });
    if (event.type === 'OrderRejected') this.bus.publish('venueRejection', { order, event });
    runner?.strategy.onOrderUpdate(order, runner);
  }

  private onTradingStateChange(change: TradingStateChange): void {
    this.logger.warn(`trading state ${change.from} -> ${change.to}: ${change.reason}`);
    this.bus.publish('tradingState', change);
    if (change.to === 'HALTED') {
      for (const order of this.ledger.openOrders()) this.router.cancel(order);
      this.drain();
    }
  }
}

/**
 * Amounts by currency, for TradingEngine.promised: a list searched in place (one or two currencies at a
 * time) that is emptied by resetting its count, where Map.clear, once per bar with fills, allocated a new
 * hash table each time.
 */
class Promises {
  private readonly currencies: string[] = [];
  private readonly amounts: Decimal[] = [];
  private size = 0;

  get(currency: string): Decimal {
    for (let i = 0; i < this.size; i += 1) if (this.currencies[i] === currency) return this.amounts[i] as Decimal;
    return Decimal.ZERO;
  }

  set(currency: string, amount: Decimal): void {
    let i = 0;
    while (i < this.size && this.currencies[i] !== currency) i += 1;
    this.currencies[i] = currency;
    this.amounts[i] = amount;
    if (i === this.size) this.size += 1;
  }

  clear(): void {
    this.size = 0;
  }
}

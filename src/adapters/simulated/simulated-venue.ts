import type { ExecutionVenue, VenueEvent, VenueListener } from '../../application/ports/execution-venue.js';
import type { MarketEvent } from '../../application/ports/market-data-feed.js';
import {
  Decimal,
  Money,
  Quantity,
  RoundingMode,
  createFill,
  timeframeMs,
  toBar,
  type Bar,
  type Instrument,
  type InstrumentId,
  type Order,
  type OrderSide,
  type Timeframe,
} from '../../domain/index.js';
import { IntrabarPath } from './intrabar-path.js';
import { findOpportunity, type Opportunity, type SimOrder } from './order-matcher.js';
import { slip, slippageBps, type SlippageModel } from './slippage-model.js';

export interface SimulatedVenueOptions {
  readonly name?: string;
  readonly instruments: readonly Instrument[];
  /** next-open: an order submitted on a bar's close arrives at the next bar's open. close: it arrives at that close. */
  readonly fillMode: 'next-open' | 'close';
  readonly slippage?: SlippageModel;
  /** At most this fraction of a bar's volume is filled per instrument and bar; the rest waits (partial fills). */
  readonly maxVolumeFraction?: number;
  /** Replaces the instruments' maker and taker fee rates (the CLI's --fee-bps). */
  readonly feeRates?: { readonly maker: Decimal; readonly taker: Decimal };
}

interface Book {
  readonly instrument: Instrument;
  readonly orders: SimOrder[];
  /** Matching runs on one timeframe per instrument: the first one seen. */
  timeframe: Timeframe | undefined;
  /** The length of a bar of `timeframe` in ms, looked up once (0 until the first bar). */
  durationMs: number;
  lastBar: Bar | undefined;
  volumeUsed: number;
  /** Net position from this venue's own fills, for reduce-only orders. */
  net: Decimal;
  readonly makerFeeRate: Decimal;
  readonly takerFeeRate: Decimal;
}

/**
 * A matching engine against bars, for backtests and paper trading. Orders arrive at the next bar's open
 * (or at the current close with fillMode 'close'), then execute along the documented intrabar path
 * (IntrabarPath), in the order their prices are reached. Fees come from the instrument, slippage from the
 * model, partial fills from the volume cap. Everything it reports goes through the engine's listener.
 */
export class SimulatedVenue implements ExecutionVenue {
  readonly name: string;
  private listener: VenueListener | undefined;
  private readonly books = new Map<InstrumentId, Book>();
  private lastBook: Book | undefined;
  private seq = 0;
  private tradeSeq = 0;

  constructor(private readonly options: SimulatedVenueOptions) {
    this.name = options.name ?? 'SIM';
    for (const instrument of options.instruments) {
      const rates = options.feeRates ?? { maker: instrument.makerFeeRate, taker: instrument.takerFeeRate };
      this.books.set(instrument.id, {
        instrument,
        orders: [],
        timeframe: undefined,
        durationMs: 0,
        lastBar: undefined,
        volumeUsed: 0,
        net: Decimal.ZERO,
        makerFeeRate: rates.maker,
        takerFeeRate: rates.taker,
      });
    }
  }

  connect(listener: VenueListener): void {
    this.listener = listener;
  }

  submit(order: Order): void {
    const book = this.books.get(order.spec.instrumentId);
    if (book === undefined) {
      this.emit({ type: 'OrderRejected', clientOrderId: order.clientOrderId, tsMs: order.snapshot().updatedTsMs, source: 'VENUE', code: 'UNKNOWN_INSTRUMENT', reason: `${this.name} does not list ${order.spec.instrumentId}` });
      return;
    }
    const seq = (this.seq += 1);
    const sim: SimOrder = { order, leaves: order.leavesQuantity, arriving: true, triggered: false, trail: undefined, seq, venueOrderId: `${this.name}-O${seq}` };
    book.orders.push(sim);
    const last = book.lastBar;
    if (this.options.fillMode === 'close' && last !== undefined) {
      // The order arrives at the close of the bar the strategy is looking at: a flat path at that price.
      this.matchOne(book, { ...toBar(last), open: last.close, high: last.close, low: last.close }, last.tsOpen + book.durationMs, sim);
    }
  }

  cancel(order: Order): void {
    const book = this.books.get(order.spec.instrumentId);
    const index = book?.orders.findIndex((s) => s.order.clientOrderId === order.clientOrderId) ?? -1;
    const tsMs = book?.lastBar === undefined ? order.snapshot().updatedTsMs : book.lastBar.tsOpen + book.durationMs;
    if (book === undefined || index < 0) {
      this.emit({ type: 'OrderCancelRejected', clientOrderId: order.clientOrderId, tsMs, reason: 'the order is not open at the venue' });
      return;
    }
    book.orders.splice(index, 1);
    this.emit({ type: 'OrderCanceled', clientOrderId: order.clientOrderId, tsMs, reason: 'canceled on request' });
  }

  onMarketEvent(event: MarketEvent): void {
    const bar = event;
    const instrumentId = bar.instrumentId;
    // Consecutive bars are usually of one instrument: remember its book (ids compare by pointer).
    let book = this.lastBook;
    if (book?.instrument.id !== instrumentId) {
      book = this.books.get(instrumentId);
      if (book === undefined) return;
      this.lastBook = book;
    }
    if (book.timeframe === undefined) {
      book.timeframe = bar.timeframe;
      book.durationMs = timeframeMs(bar.timeframe);
    }
    if (bar.timeframe !== book.timeframe) return;
    book.volumeUsed = 0;
    book.lastBar = bar;
    if (book.orders.length === 0) return;
    // A GTD order that expires before this bar closes expires before the bar is matched: a bar has no
    // times inside it, so any fill in it could come after the expiry. An expiry at the close itself
    // lives through the bar.
    const closeMs = bar.tsOpen + book.durationMs;
    for (let i = 0; i < book.orders.length; ) {
      const sim = book.orders[i] as SimOrder;
      const expireAt = sim.order.spec.expireAtMs;
      if (expireAt !== undefined && expireAt < closeMs) this.finish(book, sim, { type: 'OrderExpired', clientOrderId: sim.order.clientOrderId, tsMs: expireAt });
      else i += 1;
    }
    // Matching takes orders off the book's list, so several are matched from a copy of it.
    const orders = book.orders;
    if (orders.length === 1) this.matchOne(book, bar, bar.tsOpen, orders[0] as SimOrder);
    else if (orders.length > 1) this.match(book, bar, bar.tsOpen, [...orders]);
  }

  /** Executes one order on a bar's path: `match` for the usual case, with nothing to sort and no lists. */
  private matchOne(book: Book, bar: Bar, tsStart: number, sim: SimOrder): void {
    const path = new IntrabarPath(bar.open, bar.high, bar.low, bar.close);
    const opportunity = this.opportunityOf(sim, path, tsStart, book);
    if (opportunity !== undefined) this.execute(book, sim, opportunity, bar, tsStart + Math.floor((opportunity.t / 3) * pathDurationMs(bar, book)));
    sim.arriving = false;
  }

  /** Executes the candidates on one bar's path, earliest opportunity first. */
  private match(book: Book, bar: Bar, tsStart: number, candidates: readonly SimOrder[]): void {
    const path = new IntrabarPath(bar.open, bar.high, bar.low, bar.close);
    const durationMs = pathDurationMs(bar, book);
    const plans: { sim: SimOrder; opportunity: Opportunity }[] = [];
    for (const sim of candidates) {
      const opportunity = this.opportunityOf(sim, path, tsStart, book);
      if (opportunity !== undefined) plans.push({ sim, opportunity });
    }
    if (plans.length > 1) plans.sort(byPathPosition);
    for (const { sim, opportunity } of plans) {
      const tsMs = tsStart + Math.floor((opportunity.t / 3) * durationMs);
      this.execute(book, sim, opportunity, bar, tsMs);
    }
    for (const sim of candidates) sim.arriving = false;
  }

  /**
   * What the path offers an order. An order arriving at the venue is accepted first (reported at
   * `tsMs`), or rejected, in which case it has no opportunity.
   */
  private opportunityOf(sim: SimOrder, path: IntrabarPath, tsMs: number, book: Book): Opportunity | undefined {
    const opportunity = findOpportunity(sim, path, book.instrument);
    if (!sim.arriving) return opportunity;
    if (opportunity?.kind === 'reject') {
      this.finish(book, sim, { type: 'OrderRejected', clientOrderId: sim.order.clientOrderId, tsMs, source: 'VENUE', code: opportunity.code, reason: opportunity.reason });
      return undefined;
    }
    this.emit({ type: 'OrderAccepted', clientOrderId: sim.order.clientOrderId, tsMs, venueOrderId: sim.venueOrderId });
    return opportunity;
  }

  private execute(book: Book, sim: SimOrder, opportunity: Opportunity, bar: Bar, tsMs: number): void {
    if (!book.orders.includes(sim)) return;
    const id = sim.order.clientOrderId;
    const spec = sim.order.spec;
    if (opportunity.kind === 'reject') return;
    if (opportunity.kind === 'cancel') {
      this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: opportunity.reason });
      return;
    }
    const hasTrigger = spec.type === 'STOP_MARKET' || spec.type === 'STOP_LIMIT' || spec.type === 'TRAILING_STOP';
    if (hasTrigger && !sim.triggered && (opportunity.kind === 'trigger' || opportunity.triggers)) {
      sim.triggered = true;
      this.emit({ type: 'OrderTriggered', clientOrderId: id, tsMs });
    }
    if (opportunity.kind === 'trigger') return;

    const immediate = sim.arriving && (spec.timeInForce === 'IOC' || spec.timeInForce === 'FOK');
    let quantity: Decimal = sim.leaves;
    if (spec.reduceOnly) {
      const reducible = reducibleBy(book.net, spec.side);
      if (reducible.isZero()) {
        this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'reduce-only order has no position left to reduce' });
        return;
      }
      quantity = Decimal.min(quantity, reducible);
    }
    const cap = this.options.maxVolumeFraction;
    if (cap !== undefined) {
      const available = Math.max(0, cap * bar.volume - book.volumeUsed);
      quantity = Decimal.min(quantity, book.instrument.roundQuantity(Decimal.fromNumber(available)));
    }
    if (spec.timeInForce === 'FOK' && sim.arriving && quantity.lt(sim.leaves)) {
      this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'fill-or-kill order could not fill completely' });
      return;
    }
    if (quantity.isZero()) {
      if (immediate) this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'no volume left in the bar for an immediate order' });
      return;
    }
    const fillQuantity = Quantity.of(quantity);
    const price = opportunity.marketLike
      ? book.instrument.roundPrice(slip(opportunity.price, spec.side, slippageBps(this.options.slippage ?? { kind: 'none' }, fillQuantity.toNumber(), bar.volume)), spec.side === 'BUY' ? RoundingMode.CEIL : RoundingMode.FLOOR)
      : book.instrument.roundPrice(opportunity.price);
    const fee = price.mul(fillQuantity).mul(opportunity.liquidity === 'MAKER' ? book.makerFeeRate : book.takerFeeRate);
    if (this.listener?.canSettle(sim.order, fillQuantity, price, fee) === false) {
      this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'insufficient balance to settle the fill' });
      return;
    }
    this.tradeSeq += 1;
    const fill = createFill({
      venue: this.name,
      tradeId: `${this.name}-T${this.tradeSeq}`,
      clientOrderId: id,
      venueOrderId: sim.venueOrderId,
      instrumentId: spec.instrumentId,
      side: spec.side,
      price,
      quantity: fillQuantity,
      fee: Money.of(fee, book.instrument.quote),
      liquidity: opportunity.liquidity,
      tsMs,
    });
    sim.leaves = sim.leaves.sub(fillQuantity);
    book.net = spec.side === 'BUY' ? book.net.add(fillQuantity) : book.net.sub(fillQuantity);
    book.volumeUsed += fillQuantity.toNumber();
    this.emit({ type: 'OrderFilled', clientOrderId: id, tsMs, fill });
    if (sim.leaves.isZero()) this.remove(book, sim);
    else if (immediate) this.finish(book, sim, { type: 'OrderCanceled', clientOrderId: id, tsMs, reason: 'immediate-or-cancel remainder' });
    this.withdrawSpentReduceOnly(book, tsMs);
  }

  /**
   * Cancels, at once, the reduce-only orders the position no longer leaves anything to reduce (the other
   * exits of a trade one exit has closed), as exchanges do: left resting, a stale stop-loss would sell
   * the next position the strategy opens.
   */
  private withdrawSpentReduceOnly(book: Book, tsMs: number): void {
    const orders = book.orders;
    for (let i = 0; i < orders.length; ) {
      const other = orders[i] as SimOrder;
      const spec = other.order.spec;
      if (spec.reduceOnly && reducibleBy(book.net, spec.side).isZero()) {
        this.finish(book, other, { type: 'OrderCanceled', clientOrderId: other.order.clientOrderId, tsMs, reason: 'reduce-only order has no position left to reduce' });
      } else {
        i += 1;
      }
    }
  }

  private finish(book: Book, sim: SimOrder, event: VenueEvent): void {
    this.remove(book, sim);
    this.emit(event);
  }

  /** Takes an order off the book, keeping the others in submission order (no splice: it allocates the removed part). */
  private remove(book: Book, sim: SimOrder): void {
    const orders = book.orders;
    const index = orders.indexOf(sim);
    if (index < 0) return;
    for (let i = index + 1; i < orders.length; i += 1) orders[i - 1] = orders[i] as SimOrder;
    orders.pop();
  }

  private emit(event: VenueEvent): void {
    this.listener?.onVenueEvent(event);
  }
}

/** The time a bar's path spans: none for a flat bar (one price, so every point of it is its open). */
function pathDurationMs(bar: Bar, book: Book): number {
  return bar.open === bar.close && bar.high === bar.low ? 0 : book.durationMs;
}

/** How much of the venue's net position an order on `side` can reduce. */
function reducibleBy(net: Decimal, side: OrderSide): Decimal {
  if (side === 'BUY') return net.isNegative() ? net.abs() : Decimal.ZERO;
  return net.isPositive() ? net : Decimal.ZERO;
}

/** Earliest on the intrabar path first; among equals, the order submitted first. */
function byPathPosition(x: { sim: SimOrder; opportunity: Opportunity }, y: { sim: SimOrder; opportunity: Opportunity }): number {
  return x.opportunity.t - y.opportunity.t || x.sim.seq - y.sim.seq;
}

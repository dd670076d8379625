import { DomainError, DomainErrorCode } from '../errors.js';
import type { Fill } from '../fills/fill.js';
import { baseCurrency, quoteCurrency, type InstrumentId } from '../instruments/instrument-id.js';
import { Decimal } from '../values/decimal.js';
import { type Money, type Currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import type { PositionEvent } from './position-events.js';
import type { RoundTrip } from './round-trip.js';
import { RoundTripLog } from './round-trip-log.js';

export const PositionSide = { FLAT: 'FLAT', LONG: 'LONG', SHORT: 'SHORT' } as const;
export type PositionSide = (typeof PositionSide)[keyof typeof PositionSide];

/** What one fill did to a position. */
export interface PositionUpdate {
  readonly position: Position;
  readonly events: readonly PositionEvent[];
  /** The round trip this fill completed, if it brought the position to flat or through it. */
  readonly closed?: RoundTrip | undefined;
}

/** How a fill changed a position, for the events it produces. */
type Change = 'OPENED' | 'CHANGED' | 'CLOSED' | 'FLIPPED';

/**
 * A PositionUpdate whose events are built on first read: the engine publishes them only to subscribers,
 * and a backtest has none, so building them for every fill (quantities, an average price division) was
 * wasted work on the engine's hottest path. It keeps what the events are made of rather than a closure,
 * which would be two more objects per fill.
 */
class Update implements PositionUpdate {
  private built: readonly PositionEvent[] | undefined;

  constructor(
    readonly position: Position,
    readonly closed: RoundTrip | undefined,
    private readonly change: Change,
    private readonly fill: Fill,
    /** Realized P&L this fill added (CHANGED only). */
    private readonly realizedDelta: Decimal,
  ) {}

  get events(): readonly PositionEvent[] {
    this.built ??= this.build();
    return this.built;
  }

  private build(): readonly PositionEvent[] {
    const { position, fill } = this;
    switch (this.change) {
      case 'OPENED':
        return [position.openedEvent(fill.tsMs, fill.price)];
      case 'CHANGED':
        return [position.changedEvent(fill.tsMs, this.realizedDelta)];
      case 'CLOSED':
        return [this.closedEvent()];
      case 'FLIPPED':
        return [this.closedEvent(), position.openedEvent(fill.tsMs, fill.price)];
    }
  }

  private closedEvent(): PositionEvent {
    const roundTrip = this.closed as RoundTrip;
    return { type: 'PositionClosed', instrumentId: this.position.instrumentId, roundTrip, realizedPnl: this.position.realizedPnl, tsMs: this.fill.tsMs };
  }
}

/** The open round trip's running totals. */
interface TripState {
  readonly side: 'LONG' | 'SHORT';
  readonly entryTsMs: number;
  readonly entryQuantity: Decimal;
  readonly entryNotional: Decimal;
  readonly exitQuantity: Decimal;
  readonly exitNotional: Decimal;
  /** Quote-currency fees of the trip's fills (base-currency fees valued at the fill price). */
  readonly fees: Decimal;
  readonly fillCount: number;
  /** The price of the first entry and exit fill, and whether each side had just that one. */
  readonly entryPrice: Price;
  readonly singleEntry: boolean;
  readonly exitPrice: Price | undefined;
  readonly singleExit: boolean;
}

/**
 * A netting position: one per instrument and account, flat, long or short, at an average cost.
 *
 * Accounting invariant (checked by property tests): the open quantity's cost basis is carried exactly and
 * only the part removed by a partial reduction is a rounded quotient; whatever remains is removed in full
 * when the position returns to flat. So realized + unrealized P&L always equals the exact cash flows
 * (Σ sells − Σ buys + net quantity × mark), and a round trip's P&L is exactly exit notional − entry notional.
 * Realized P&L is gross; fees are kept apart (feesPaid) because they may be charged in any currency.
 */
export class Position {
  private constructor(
    readonly instrumentId: InstrumentId,
    readonly base: Currency,
    readonly quote: Currency,
    /** Signed: positive long, negative short. */
    readonly netQuantity: Decimal,
    /** Signed cost of the open quantity at entry prices (negative for a short). */
    readonly costBasis: Decimal,
    /** Cumulative realized P&L in the quote currency, gross of fees. */
    readonly realizedPnl: Decimal,
    /** Fees per currency, cumulative. */
    readonly feesPaid: readonly Money[],
    readonly lastFillTsMs: number | undefined,
    private readonly trip: TripState | undefined,
    /** Shared append-only log; this version sees its first `tripCount` entries. */
    private readonly tripLog: RoundTripLog,
    private readonly tripCount: number,
  ) {}

  static flat(instrumentId: InstrumentId): Position {
    return new Position(instrumentId, baseCurrency(instrumentId), quoteCurrency(instrumentId), Decimal.ZERO, Decimal.ZERO, Decimal.ZERO, [], undefined, undefined, new RoundTripLog(), 0);
  }

  get side(): PositionSide {
    const sign = this.netQuantity.sign();
    return sign === 0 ? 'FLAT' : sign > 0 ? 'LONG' : 'SHORT';
  }

  get isFlat(): boolean {
    return this.netQuantity.isZero();
  }

  /** The absolute open quantity. */
  get quantity(): Quantity {
    return Quantity.of(this.netQuantity.abs());
  }

  /** Average entry price of the open quantity (30 decimal places); undefined when flat. */
  get avgEntryPrice(): Price | undefined {
    return this.isFlat ? undefined : Price.of(this.costBasis.div(this.netQuantity));
  }

  /** When the current round trip opened; undefined when flat. */
  get openedTsMs(): number | undefined {
    return this.trip?.entryTsMs;
  }

  /** This version's view of the shared trip log, made on first use. */
  private tripView: readonly RoundTrip[] | undefined;

  /** Closed round trips, oldest first. */
  get roundTrips(): readonly RoundTrip[] {
    // Always a copy: the log itself is shared with newer versions, which append to it, and an array
    // handed out must not grow under its holder.
    this.tripView ??= Object.freeze(this.tripLog.toArray(this.tripCount));
    return this.tripView;
  }

  /** Profit of the open quantity if closed at `mark`, in the quote currency, gross of fees. */
  unrealizedPnl(mark: Price): Decimal {
    return this.netQuantity.mul(mark).sub(this.costBasis);
  }

  /** Total fees paid in one currency. */
  feesIn(currencyCode: Currency): Decimal {
    return this.feesPaid.find((f) => f.currency === currencyCode)?.amount ?? Decimal.ZERO;
  }

  /** Applies one fill: opens, adds, reduces, closes, or flips through zero. */
  apply(fill: Fill): PositionUpdate {
    if (fill.instrumentId !== this.instrumentId) {
      throw new DomainError(DomainErrorCode.INSTRUMENT_MISMATCH, `fill for ${fill.instrumentId} applied to the ${this.instrumentId} position`);
    }
    const signed = fill.side === 'BUY' ? fill.quantity : fill.quantity.neg();
    const feeQuote = this.quoteValue(fill.fee, fill.price);
    const feesPaid = addFee(this.feesPaid, fill.fee);
    const net = this.netQuantity;

    if (net.isZero() || net.sign() === signed.sign()) {
      const opening = net.isZero();
      const trip = addEntry(this.trip, opening ? (signed.isPositive() ? 'LONG' : 'SHORT') : undefined, fill, feeQuote);
      // From flat the new quantity and cost are the fill's own: no arithmetic needed.
      const signedCost = signed.mul(fill.price);
      const next = opening
        ? this.with(signed, signedCost, this.realizedPnl, feesPaid, fill.tsMs, trip, this.tripLog, this.tripCount)
        : this.with(net.add(signed), this.costBasis.add(signedCost), this.realizedPnl, feesPaid, fill.tsMs, trip, this.tripLog, this.tripCount);
      return new Update(next, undefined, opening ? 'OPENED' : 'CHANGED', fill, Decimal.ZERO);
    }

    // Reducing: close up to the open quantity, then open the rest the other way (a flip).
    const openQuantity = net.abs();
    const closing = Decimal.min(fill.quantity, openQuantity);
    const closesAll = closing.eq(openQuantity);
    const removedCost = closesAll ? this.costBasis : this.costBasis.mul(closing).div(openQuantity);
    const closedSigned = net.isPositive() ? closing : closing.neg();
    const realizedDelta = closedSigned.mul(fill.price).sub(removedCost);
    const realizedPnl = this.realizedPnl.add(realizedDelta);
    const remainder = fill.quantity.sub(closing);
    const closingFee = remainder.isZero() ? feeQuote : feeQuote.mul(closing).div(fill.quantity);
    const trip = addExit(this.trip, closing, fill.price, closingFee);

    if (!closesAll) {
      const next = this.with(net.add(signed), this.costBasis.sub(removedCost), realizedPnl, feesPaid, fill.tsMs, trip, this.tripLog, this.tripCount);
      return new Update(next, undefined, 'CHANGED', fill, realizedDelta);
    }

    const roundTrip = completeTrip(this.instrumentId, this.quote, trip, fill.tsMs);
    const log = this.tripLog.length === this.tripCount ? this.tripLog : this.tripLog.copy(this.tripCount);
    log.push(roundTrip);
    if (remainder.isZero()) {
      const flat = this.with(Decimal.ZERO, Decimal.ZERO, realizedPnl, feesPaid, fill.tsMs, undefined, log, log.length);
      return new Update(flat, roundTrip, 'CLOSED', fill, realizedDelta);
    }
    const flipSigned = signed.isPositive() ? remainder : remainder.neg();
    const flipTrip = addEntry(undefined, signed.isPositive() ? 'LONG' : 'SHORT', { ...fill, quantity: Quantity.of(remainder) }, feeQuote.sub(closingFee));
    const flipped = this.with(flipSigned, flipSigned.mul(fill.price), realizedPnl, feesPaid, fill.tsMs, flipTrip, log, log.length);
    return new Update(flipped, roundTrip, 'FLIPPED', fill, realizedDelta);
  }

  private with(
    netQuantity: Decimal,
    costBasis: Decimal,
    realizedPnl: Decimal,
    feesPaid: readonly Money[],
    tsMs: number,
    trip: TripState | undefined,
    tripLog: RoundTripLog,
    tripCount: number,
  ): Position {
    return new Position(this.instrumentId, this.base, this.quote, netQuantity, costBasis, realizedPnl, feesPaid, tsMs, trip, tripLog, tripCount);
  }

  /** A fee's value in the quote currency: base-currency fees at the fill price, others not convertible here. */
  private quoteValue(fee: Money, price: Price): Decimal {
    if (fee.currency === this.quote) return fee.amount;
    if (fee.currency === this.base) return fee.amount.mul(price);
    return Decimal.ZERO;
  }

  /** A position opened by one fill: its entry price is that fill's price (no division needed). @internal */
  openedEvent(tsMs: number, entryPrice: Price): PositionEvent {
    return { type: 'PositionOpened', instrumentId: this.instrumentId, side: this.side, quantity: this.quantity, avgEntryPrice: entryPrice, tsMs };
  }

  /** @internal */
  changedEvent(tsMs: number, realizedPnlDelta: Decimal): PositionEvent {
    return {
      type: 'PositionChanged',
      instrumentId: this.instrumentId,
      side: this.side,
      quantity: this.quantity,
      avgEntryPrice: this.avgEntryPrice,
      realizedPnlDelta,
      realizedPnl: this.realizedPnl,
      tsMs,
    };
  }
}

function addFee(fees: readonly Money[], fee: Money): readonly Money[] {
  if (fee.isZero()) return fees;
  // Usually one fee currency: a plain loop, no callbacks (this runs for every fill).
  const next: Money[] = [];
  let added = false;
  for (const f of fees) {
    if (f.currency === fee.currency) {
      next.push(f.add(fee));
      added = true;
    } else {
      next.push(f);
    }
  }
  if (!added) next.push(fee);
  return next;
}

function addEntry(trip: TripState | undefined, newSide: 'LONG' | 'SHORT' | undefined, fill: Fill, feeQuote: Decimal): TripState {
  const notional = fill.price.mul(fill.quantity);
  if (trip === undefined || newSide !== undefined) {
    return {
      side: newSide ?? (fill.side === 'BUY' ? 'LONG' : 'SHORT'),
      entryTsMs: fill.tsMs,
      entryQuantity: fill.quantity,
      entryNotional: notional,
      exitQuantity: Decimal.ZERO,
      exitNotional: Decimal.ZERO,
      fees: feeQuote,
      fillCount: 1,
      entryPrice: fill.price,
      singleEntry: true,
      exitPrice: undefined,
      singleExit: false,
    };
  }
  return {
    side: trip.side,
    entryTsMs: trip.entryTsMs,
    entryQuantity: trip.entryQuantity.add(fill.quantity),
    entryNotional: trip.entryNotional.add(notional),
    exitQuantity: trip.exitQuantity,
    exitNotional: trip.exitNotional,
    fees: trip.fees.add(feeQuote),
    fillCount: trip.fillCount + 1,
    entryPrice: trip.entryPrice,
    singleEntry: false,
    exitPrice: trip.exitPrice,
    singleExit: trip.singleExit,
  };
}

function addExit(trip: TripState | undefined, quantity: Decimal, price: Price, feeQuote: Decimal): TripState {
  if (trip === undefined) throw new DomainError(DomainErrorCode.INSTRUMENT_MISMATCH, 'a reducing fill on a position with no open round trip');
  // Every field spelled out, not a spread copy: one object shape, made on every reducing fill.
  const first = trip.exitQuantity.isZero();
  return {
    side: trip.side,
    entryTsMs: trip.entryTsMs,
    entryQuantity: trip.entryQuantity,
    entryNotional: trip.entryNotional,
    exitQuantity: first ? quantity : trip.exitQuantity.add(quantity),
    exitNotional: first ? price.mul(quantity) : trip.exitNotional.add(price.mul(quantity)),
    fees: trip.fees.add(feeQuote),
    fillCount: trip.fillCount + 1,
    entryPrice: trip.entryPrice,
    singleEntry: trip.singleEntry,
    exitPrice: trip.exitPrice ?? price,
    singleExit: trip.exitPrice === undefined,
  };
}

function completeTrip(instrumentId: InstrumentId, quote: Currency, trip: TripState, exitTsMs: number): RoundTrip {
  const gross = trip.side === 'LONG' ? trip.exitNotional.sub(trip.entryNotional) : trip.entryNotional.sub(trip.exitNotional);
  return {
    instrumentId,
    side: trip.side,
    quantity: Quantity.of(trip.entryQuantity),
    // One fill on a side: its price is the average, no division needed.
    avgEntryPrice: trip.singleEntry ? trip.entryPrice : Price.of(trip.entryNotional.div(trip.entryQuantity)),
    avgExitPrice: trip.singleExit && trip.exitPrice !== undefined ? trip.exitPrice : Price.of(trip.exitNotional.div(trip.exitQuantity)),
    entryTsMs: trip.entryTsMs,
    exitTsMs,
    durationMs: exitTsMs - trip.entryTsMs,
    realizedPnl: gross,
    fees: trip.fees,
    netPnl: gross.sub(trip.fees),
    quote,
    fillCount: trip.fillCount,
  };
}

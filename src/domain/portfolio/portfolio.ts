import { DomainError, DomainErrorCode, InvalidValueError } from '../errors.js';
import type { Fill } from '../fills/fill.js';
import { baseCurrency, quoteCurrency, type InstrumentId } from '../instruments/instrument-id.js';
import { Position, type PositionUpdate } from '../positions/position.js';
import type { RoundTrip } from '../positions/round-trip.js';
import { RoundTripLog } from '../positions/round-trip-log.js';
import { Decimal } from '../values/decimal.js';
import { Money, currency, type Currency } from '../values/money.js';
import type { Price } from '../values/price.js';
import { AccountType, type Balance } from './balance.js';
import { convert, type MarkPrices } from './mark-prices.js';

export interface PortfolioOptions {
  readonly accountId: string;
  readonly type: AccountType;
  /** The currency equity and P&L are reported in, e.g. "USDT". */
  readonly baseCurrency: string;
  /** Starting funds, all free. */
  readonly balances: readonly Money[];
}

/** Equity at one moment, with the running peak and drawdown from it. */
export interface EquityPoint {
  readonly equity: Money;
  readonly peakEquity: Money;
  /** (peak − equity) / peak, 0 at a new peak. */
  readonly drawdown: Decimal;
}

interface Funds {
  free: Decimal;
  locked: Decimal;
}

/**
 * One trading account: balances per currency (free and locked), one netting position per instrument, the
 * closed round trips, and the running peak equity and maximum drawdown. The portfolio is the mutable
 * aggregate; the positions it holds are immutable snapshots it replaces. Every change checks before it
 * writes, so a refused change leaves nothing half-applied.
 */
export class Portfolio {
  readonly accountId: string;
  readonly type: AccountType;
  readonly baseCurrency: Currency;
  private readonly funds = new Map<Currency, Funds>();
  private readonly positionsById = new Map<InstrumentId, Position>();
  /** Every closed round trip, in columns (see RoundTripLog): a backtest keeps them all for its report. */
  private readonly closedTrips = new RoundTripLog();
  private peak: Decimal | undefined;
  private worstDrawdown: Decimal = Decimal.ZERO;

  constructor(options: PortfolioOptions) {
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(options.accountId)) {
      throw new InvalidValueError('account', 'accountId', options.accountId, '1 to 64 letters, digits or . _ : -');
    }
    this.accountId = options.accountId;
    this.type = options.type;
    this.baseCurrency = currency(options.baseCurrency, 'baseCurrency');
    for (const money of options.balances) {
      if (money.isNegative() && this.type === AccountType.CASH) {
        throw new InvalidValueError('balance', money.currency, money.amount.toString(), 'a non-negative starting balance');
      }
      const funds = this.fundsOf(money.currency);
      funds.free = funds.free.add(money.amount);
    }
  }

  balance(currencyCode: Currency | string): Balance {
    const code = currency(currencyCode);
    const funds = this.funds.get(code);
    const free = funds?.free ?? Decimal.ZERO;
    const locked = funds?.locked ?? Decimal.ZERO;
    return { currency: code, free, locked, total: free.add(locked) };
  }

  balances(): readonly Balance[] {
    return [...this.funds.keys()].sort().map((code) => this.balance(code));
  }

  /** Whether `amount` could be locked now. */
  canLock(amount: Money): boolean {
    return this.type === AccountType.MARGIN || this.freeOf(amount.currency).gte(amount.amount);
  }

  /** Reserves funds for an open order. @throws DomainError INSUFFICIENT_BALANCE */
  lock(amount: Money): void {
    checkNonNegative(amount, 'lock');
    if (!this.canLock(amount)) throw this.insufficient(amount.currency, amount.amount, 'lock');
    const funds = this.fundsOf(amount.currency);
    funds.free = funds.free.sub(amount.amount);
    funds.locked = funds.locked.add(amount.amount);
  }

  /** Releases a reservation. @throws DomainError INSUFFICIENT_BALANCE if less is locked (a bookkeeping bug). */
  unlock(amount: Money): void {
    checkNonNegative(amount, 'unlock');
    const locked = this.funds.get(amount.currency)?.locked ?? Decimal.ZERO;
    if (locked.lt(amount.amount)) {
      throw new DomainError(DomainErrorCode.INSUFFICIENT_BALANCE, `cannot unlock ${amount.toString()}: only ${locked.toString()} locked`);
    }
    const funds = this.fundsOf(amount.currency);
    funds.locked = funds.locked.sub(amount.amount);
    funds.free = funds.free.add(amount.amount);
  }

  /**
   * Books a fill: moves base and quote, charges the fee, updates the position. `releaseLocked` is the part
   * of the order's reservation this fill consumes; it is released in the same step.
   * @throws DomainError INSUFFICIENT_BALANCE if a CASH balance would go negative (nothing is changed).
   */
  applyFill(fill: Fill, releaseLocked?: Money): PositionUpdate {
    const base = baseCurrency(fill.instrumentId);
    const quote = quoteCurrency(fill.instrumentId);
    const release = releaseLocked;
    if (release !== undefined) {
      checkNonNegative(release, 'release');
      const held = this.funds.get(release.currency)?.locked ?? Decimal.ZERO;
      if (held.lt(release.amount)) {
        throw new DomainError(DomainErrorCode.INSUFFICIENT_BALANCE, `cannot release ${release.toString()} locked for fill ${fill.tradeId}`);
      }
    }
    // Each currency the fill touches, in this order: base, quote, then the fee's and the release's when
    // they are others. Every resulting balance is worked out and checked before any is written. (Plain
    // variables, not a list of currencies: this runs on every fill.)
    const notional = fill.price.mul(fill.quantity);
    const buy = fill.side === 'BUY';
    const feeCode = fill.fee.currency;
    const releaseCode = release?.currency;
    const baseAfter = this.fundsAfterFill(base, buy ? fill.quantity : fill.quantity.neg(), fill, release);
    const quoteAfter = this.fundsAfterFill(quote, buy ? notional.neg() : notional, fill, release);
    const feeOther = feeCode !== base && feeCode !== quote;
    const feeAfter = feeOther ? this.fundsAfterFill(feeCode, Decimal.ZERO, fill, release) : undefined;
    const releaseOther = releaseCode !== undefined && releaseCode !== base && releaseCode !== quote && releaseCode !== feeCode;
    const releaseAfter = releaseOther ? this.fundsAfterFill(releaseCode, Decimal.ZERO, fill, release) : undefined;
    const update = this.position(fill.instrumentId).apply(fill);
    this.funds.set(base, baseAfter);
    this.funds.set(quote, quoteAfter);
    if (feeAfter !== undefined) this.funds.set(feeCode, feeAfter);
    if (releaseAfter !== undefined && releaseCode !== undefined) this.funds.set(releaseCode, releaseAfter);
    this.positionsById.set(fill.instrumentId, update.position);
    if (update.closed !== undefined) this.closedTrips.push(update.closed);
    return update;
  }

  /**
   * One currency's balances after a fill: `delta` (the fill's move of this currency), less the fee when
   * charged in it, plus the reservation released when held in it.
   * @throws DomainError INSUFFICIENT_BALANCE if a CASH balance would go negative.
   */
  private fundsAfterFill(code: Currency, delta: Decimal, fill: Fill, release: Money | undefined): Funds {
    const funds = this.funds.get(code);
    let free = funds?.free ?? Decimal.ZERO;
    let locked = funds?.locked ?? Decimal.ZERO;
    let change = delta;
    if (code === fill.fee.currency) change = change.sub(fill.fee.amount);
    if (release !== undefined && code === release.currency && !release.isZero()) {
      free = free.add(release.amount);
      locked = locked.sub(release.amount);
    }
    free = free.add(change);
    if (this.type === AccountType.CASH && free.isNegative()) throw this.insufficient(code, change.neg(), `fill ${fill.tradeId}`);
    return { free, locked };
  }

  /** Free funds of one currency (cheaper than balance() on a hot path). */
  freeOf(currencyCode: Currency): Decimal {
    return this.funds.get(currencyCode)?.free ?? Decimal.ZERO;
  }

  /** Free plus locked funds of one currency (cheaper than balance() on a hot path). */
  totalOf(currencyCode: Currency): Decimal {
    const funds = this.funds.get(currencyCode);
    return funds === undefined ? Decimal.ZERO : funds.free.add(funds.locked);
  }

  position(instrumentId: InstrumentId): Position {
    return this.positionsById.get(instrumentId) ?? Position.flat(instrumentId);
  }

  /** Positions that are not flat. */
  openPositions(): readonly Position[] {
    return [...this.positionsById.values()].filter((p) => !p.isFlat);
  }

  /** Every closed round trip of this account, in the order they closed (a copy: later fills add more). */
  roundTrips(): readonly RoundTrip[] {
    return this.closedTrips.toArray();
  }

  /**
   * `fn` of every closed round trip, in the order they closed, without holding them all as objects at
   * once (a report turns tens of thousands of them into rows).
   */
  mapRoundTrips<T>(fn: (trip: RoundTrip) => T): T[] {
    return this.closedTrips.map(fn);
  }

  /** Signed value of a position at `mark`, in its quote currency. */
  exposure(instrumentId: InstrumentId, mark: Price): Money {
    return Money.of(this.position(instrumentId).netQuantity.mul(mark), quoteCurrency(instrumentId));
  }

  /** Every balance (free and locked) valued in the base currency at the marks. */
  equity(marks: MarkPrices): Money {
    let total = Decimal.ZERO;
    for (const [code, funds] of this.funds) {
      total = total.add(convert(funds.free.add(funds.locked), code, this.baseCurrency, marks));
    }
    return Money.of(total, this.baseCurrency);
  }

  realizedPnl(marks: MarkPrices): Money {
    let total = Decimal.ZERO;
    for (const p of this.positionsById.values()) total = total.add(convert(p.realizedPnl, p.quote, this.baseCurrency, marks));
    return Money.of(total, this.baseCurrency);
  }

  unrealizedPnl(marks: MarkPrices): Money {
    let total = Decimal.ZERO;
    for (const p of this.positionsById.values()) {
      if (p.isFlat) continue;
      const mark = marks.get(p.instrumentId);
      if (mark === undefined) {
        throw new DomainError(DomainErrorCode.MISSING_MARK_PRICE, `no mark price for the open ${p.instrumentId} position`, { instrumentId: p.instrumentId });
      }
      total = total.add(convert(p.unrealizedPnl(mark), p.quote, this.baseCurrency, marks));
    }
    return Money.of(total, this.baseCurrency);
  }

  /** Values the account at the marks and advances the running peak and maximum drawdown. */
  markToMarket(marks: MarkPrices): EquityPoint {
    const equity = this.equity(marks);
    if (this.peak === undefined || equity.amount.gt(this.peak)) this.peak = equity.amount;
    const drawdown = this.peak.isPositive() ? this.peak.sub(equity.amount).div(this.peak) : Decimal.ZERO;
    if (drawdown.gt(this.worstDrawdown)) this.worstDrawdown = drawdown;
    return { equity, peakEquity: Money.of(this.peak, this.baseCurrency), drawdown };
  }

  /** The largest drawdown seen by markToMarket, as a fraction of the peak. */
  get maxDrawdown(): Decimal {
    return this.worstDrawdown;
  }

  private fundsOf(code: Currency): Funds {
    let funds = this.funds.get(code);
    if (funds === undefined) {
      funds = { free: Decimal.ZERO, locked: Decimal.ZERO };
      this.funds.set(code, funds);
    }
    return funds;
  }

  private insufficient(code: Currency, needed: Decimal, purpose: string): DomainError {
    const have = this.balance(code).free;
    return new DomainError(DomainErrorCode.INSUFFICIENT_BALANCE, `insufficient ${code} for ${purpose}: need ${needed.toString()}, free ${have.toString()}`, {
      currency: code,
      needed: needed.toString(),
      free: have.toString(),
    });
  }
}

function checkNonNegative(amount: Money, field: string): void {
  if (amount.isNegative()) throw new InvalidValueError('amount', field, amount.toString(), 'a non-negative amount');
}

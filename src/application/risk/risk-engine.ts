import { Decimal, Money, Quantity, ownPrice, type Instrument, type OrderSpec, type Portfolio, type Price } from '../../domain/index.js';
import type { RiskLimits } from './risk-limits.js';
import { TradingState, type TradingStateChange } from './trading-state.js';

export const RiskRejectionCode = {
  TRADING_HALTED: 'TRADING_HALTED',
  REDUCING_ONLY: 'REDUCING_ONLY',
  INSTRUMENT_RULES: 'INSTRUMENT_RULES',
  REDUCE_ONLY_WOULD_INCREASE: 'REDUCE_ONLY_WOULD_INCREASE',
  NO_REFERENCE_PRICE: 'NO_REFERENCE_PRICE',
  MAX_ORDER_NOTIONAL: 'MAX_ORDER_NOTIONAL',
  MAX_POSITION_NOTIONAL: 'MAX_POSITION_NOTIONAL',
  MAX_OPEN_ORDERS: 'MAX_OPEN_ORDERS',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
} as const;
export type RiskRejectionCode = (typeof RiskRejectionCode)[keyof typeof RiskRejectionCode];

/** Funds an accepted order holds until it fills or ends: `perUnit` × filled quantity is released per fill. */
export interface Reservation {
  readonly amount: Money;
  readonly perUnit: Decimal;
}

export type RiskVerdict =
  | { readonly ok: true; readonly reservation: Reservation | undefined }
  | { readonly ok: false; readonly code: RiskRejectionCode; readonly reason: string };

/** What the risk engine looks at besides the order. */
export interface PreTradeContext {
  readonly instrument: Instrument;
  readonly portfolio: Portfolio;
  /** The last known price of the instrument (the latest close in a backtest). */
  readonly referencePrice: Price | undefined;
  /** Open orders across the account. */
  readonly openOrders: number;
}

const DAY_MS = 86_400_000;

/**
 * Pre-trade risk: every order passes here before a venue sees it (the order router calls `check`; strategies
 * never do). Also owns the trading state and its kill-switch triggers, fed with equity by the engine.
 */
export class RiskEngine {
  private tradingState: TradingState = TradingState.ACTIVE;
  private peakEquity = Number.NEGATIVE_INFINITY;
  private day = Number.NaN;
  private dayOpenEquity = Number.NaN;
  /** onEquity's quiet zone (see rearm): empty until the first equity is evaluated. */
  private dayStartMs = Number.NaN;
  private dayEndMs = Number.NaN;
  private watchBelow = Number.POSITIVE_INFINITY;
  private readonly marketBuyBuffer: Decimal;
  private readonly factorsByInstrument = new Map<Instrument, { readonly market: Decimal; readonly limit: Decimal }>();

  constructor(private readonly limits: RiskLimits = {}) {
    this.marketBuyBuffer = limits.marketBuyBuffer ?? Decimal.of('0.02');
  }

  get state(): TradingState {
    return this.tradingState;
  }

  check(order: OrderSpec, ctx: PreTradeContext): RiskVerdict {
    const position = ctx.portfolio.position(order.instrumentId).netQuantity;
    const signed = order.side === 'BUY' ? order.quantity : order.quantity.neg();
    const reduces = !position.isZero() && position.sign() !== signed.sign() && order.quantity.lte(position.abs());

    if (this.tradingState === TradingState.HALTED) {
      return reject('TRADING_HALTED', 'trading is halted by the kill switch; only cancels are accepted');
    }
    if (this.tradingState === TradingState.REDUCING && !reduces) {
      return reject('REDUCING_ONLY', 'trading is limited to orders that reduce a position');
    }
    const verdict = ctx.instrument.validate(order, ctx.referencePrice);
    if (!verdict.ok) {
      return reject('INSTRUMENT_RULES', verdict.violations.map((v) => v.message).join('; '));
    }
    if (order.reduceOnly && !reduces) {
      return reject('REDUCE_ONLY_WOULD_INCREASE', `reduce-only ${order.side} of ${order.quantity.toString()} would not reduce the position of ${position.toString()}`);
    }
    const price = ownPrice(order) ?? ctx.referencePrice;
    if (price === undefined) {
      return reject('NO_REFERENCE_PRICE', `no price known for ${order.instrumentId} yet to value a ${order.type} order`);
    }
    const notional = price.mul(order.quantity);
    const maxNotional = this.limits.maxOrderNotional;
    if (maxNotional !== undefined && notional.gt(maxNotional)) {
      return reject('MAX_ORDER_NOTIONAL', `order notional ${notional.toString()} exceeds the limit ${maxNotional.toString()}`);
    }
    const maxPosition = this.limits.maxPositionNotional;
    if (maxPosition !== undefined && !reduces) {
      const after = position.add(signed).abs().mul(price);
      if (after.gt(maxPosition)) {
        return reject('MAX_POSITION_NOTIONAL', `position value after the order ${after.toString()} exceeds the limit ${maxPosition.toString()}`);
      }
    }
    const maxOpen = this.limits.maxOpenOrders;
    if (maxOpen !== undefined && ctx.openOrders >= maxOpen) {
      return reject('MAX_OPEN_ORDERS', `${ctx.openOrders} orders are open, the limit is ${maxOpen}`);
    }
    return this.reserve(order, ctx, price);
  }

  /**
   * Feeds the kill-switch triggers with the account's equity (a float is precise enough for a threshold).
   * Returns the state change it caused, if any.
   *
   * Runs on every bar, so it is split: this part only proves that nothing can change (same UTC day, no
   * new peak, equity above `watchBelow`, where no trigger can fire) and is small enough for V8 to inline
   * into the engine's bar loop; otherwise `evaluate` applies the rules in full. Inlined, the two numbers
   * are not boxed into heap objects per call, as arguments of a call that is not inlined are.
   */
  onEquity(tsMs: number, equity: number): TradingStateChange | undefined {
    if (tsMs >= this.dayStartMs && tsMs < this.dayEndMs && equity <= this.peakEquity && equity > this.watchBelow) return undefined;
    return this.evaluate(tsMs, equity);
  }

  /** The kill-switch rules in full. */
  private evaluate(tsMs: number, equity: number): TradingStateChange | undefined {
    const change = this.applyTriggers(tsMs, equity);
    this.rearm();
    return change;
  }

  private applyTriggers(tsMs: number, equity: number): TradingStateChange | undefined {
    if (equity > this.peakEquity) this.peakEquity = equity;
    const day = Math.floor(tsMs / DAY_MS);
    const newDay = day !== this.day;
    if (newDay) {
      this.day = day;
      this.dayOpenEquity = equity;
    }
    // The halt is checked before the new day lifts REDUCING: one event yields one change, and its `from`
    // is the state the last reported change left (REDUCING -> HALTED, not a silent REDUCING -> ACTIVE).
    const maxDrawdown = this.drawdownLimit();
    if (maxDrawdown !== undefined) {
      const drawdownPct = lossPct(this.peakEquity, equity);
      if (drawdownPct >= maxDrawdown) {
        return this.transition(TradingState.HALTED, `drawdown ${drawdownPct.toFixed(2)}% reached the limit of ${maxDrawdown}%`, tsMs);
      }
    }
    // A new day opens at this equity, so no daily loss can trigger on the same event.
    if (newDay && this.tradingState === TradingState.REDUCING) return this.transition(TradingState.ACTIVE, 'a new UTC day began', tsMs);
    const maxDailyLoss = this.dailyLossLimit();
    if (maxDailyLoss !== undefined) {
      const dailyLossPct = lossPct(this.dayOpenEquity, equity);
      if (dailyLossPct >= maxDailyLoss) {
        return this.transition(TradingState.REDUCING, `daily loss ${dailyLossPct.toFixed(2)}% reached the limit of ${maxDailyLoss}%`, tsMs);
      }
    }
    return undefined;
  }

  /**
   * Works out onEquity's quiet zone from the current peak, day and state: the current UTC day, and an
   * equity above which neither trigger that applies in this state can fire.
   */
  private rearm(): void {
    this.dayStartMs = this.day * DAY_MS;
    this.dayEndMs = this.dayStartMs + DAY_MS;
    const maxDrawdown = this.drawdownLimit();
    const maxDailyLoss = this.dailyLossLimit();
    this.watchBelow = Math.max(
      maxDrawdown === undefined ? Number.NEGATIVE_INFINITY : safeAbove(this.peakEquity, maxDrawdown),
      maxDailyLoss === undefined ? Number.NEGATIVE_INFINITY : safeAbove(this.dayOpenEquity, maxDailyLoss),
    );
  }

  /** maxDrawdownPct while the drawdown trigger applies: set, not HALTED already, and a positive peak. */
  private drawdownLimit(): number | undefined {
    const limit = this.limits.maxDrawdownPct;
    return limit !== undefined && this.tradingState !== TradingState.HALTED && this.peakEquity > 0 ? limit : undefined;
  }

  /** maxDailyLossPct while the daily-loss trigger applies: set, ACTIVE, and a positive day-open equity. */
  private dailyLossLimit(): number | undefined {
    const limit = this.limits.maxDailyLossPct;
    return limit !== undefined && this.tradingState === TradingState.ACTIVE && this.dayOpenEquity > 0 ? limit : undefined;
  }

  /** Sets the state by hand (an operator's kill switch, or a reset after review). */
  setState(state: TradingState, reason: string, tsMs: number): TradingStateChange | undefined {
    const change = this.transition(state, reason, tsMs);
    this.rearm();
    return change;
  }

  private transition(to: TradingState, reason: string, tsMs: number): TradingStateChange | undefined {
    const from = this.tradingState;
    if (from === to) return undefined;
    this.tradingState = to;
    return { from, to, reason, tsMs };
  }

  /**
   * The largest market buy of `instrument` at `price` that the free quote balance pays for, by the same
   * reservation rule `check` applies (price, market buffer and fee), on the lot grid. Other limits
   * (notional, position) still apply on submission.
   */
  maxMarketBuy(instrument: Instrument, portfolio: Portfolio, price: Price): Quantity {
    const free = portfolio.freeOf(instrument.quote);
    if (!free.isPositive()) return Quantity.ZERO;
    return instrument.roundQuantity(free.div(this.buyUnitCost(instrument, price, true)));
  }

  /** Cash one unit of a buy holds: its price (plus the buffer when the market sets the price) and the fee. */
  private buyUnitCost(instrument: Instrument, price: Price, marketPriced: boolean): Decimal {
    const factors = this.costFactors(instrument);
    return price.mul(marketPriced ? factors.market : factors.limit);
  }

  /** (1 + buffer) × (1 + fee) and (1 + fee) per instrument, worked out once: the same on every order. */
  private costFactors(instrument: Instrument): { readonly market: Decimal; readonly limit: Decimal } {
    let factors = this.factorsByInstrument.get(instrument);
    if (factors === undefined) {
      const fee = Decimal.ONE.add(Decimal.max(Decimal.max(instrument.takerFeeRate, instrument.makerFeeRate), Decimal.ZERO));
      factors = { market: Decimal.ONE.add(this.marketBuyBuffer).mul(fee), limit: fee };
      this.factorsByInstrument.set(instrument, factors);
    }
    return factors;
  }

  private reserve(order: OrderSpec, ctx: PreTradeContext, price: Price): RiskVerdict {
    const { portfolio, instrument } = ctx;
    // Reduce-only exits (stop-loss, take-profit, trailing) share the position they protect, as an OCO
    // group does, instead of each locking it: the venue cancels the rest once one has closed it.
    if (portfolio.type === 'MARGIN' || order.reduceOnly) return { ok: true, reservation: undefined };
    if (order.side === 'SELL') {
      const free = portfolio.freeOf(instrument.base);
      if (free.lt(order.quantity)) {
        return reject('INSUFFICIENT_BALANCE', `selling ${order.quantity.toString()} ${instrument.base} needs that much free, have ${free.toString()} (a cash account cannot go short)`);
      }
      return { ok: true, reservation: { amount: Money.of(order.quantity, instrument.base), perUnit: Decimal.ONE } };
    }
    const marketPriced = order.type === 'MARKET' || order.type === 'TRAILING_STOP' || order.type === 'STOP_MARKET';
    const perUnit = this.buyUnitCost(instrument, price, marketPriced);
    const needed = perUnit.mul(order.quantity);
    const free = portfolio.freeOf(instrument.quote);
    if (free.lt(needed)) {
      return reject('INSUFFICIENT_BALANCE', `buying needs ${needed.toString()} ${instrument.quote} free (price, buffer and fees), have ${free.toString()}`);
    }
    return { ok: true, reservation: { amount: Money.of(needed, instrument.quote), perUnit } };
  }
}

/** The loss from `reference` to `equity` in percent, as the triggers compare it. */
function lossPct(reference: number, equity: number): number {
  return ((reference - equity) / reference) * 100;
}

/**
 * An equity above which the loss from `reference` stays below `limitPct`. lossPct falls as equity rises
 * (each floating-point step in it is monotonic), so a candidate that passes the very test the trigger
 * applies proves it for every equity above it; one that does not (never seen) disables the quiet zone.
 */
function safeAbove(reference: number, limitPct: number): number {
  const candidate = reference * (1 - limitPct / 100) + Math.abs(reference) * 1e-9;
  return lossPct(reference, candidate) < limitPct ? candidate : Number.POSITIVE_INFINITY;
}

function reject(code: RiskRejectionCode, reason: string): RiskVerdict {
  return { ok: false, code, reason };
}

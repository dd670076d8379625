import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  Instrument,
  Money,
  Portfolio,
  Price,
  Quantity,
  clientOrderId,
  createFill,
  type OrderSide,
  type OrderSpec,
} from '../../domain/index.js';
import { RiskEngine, type PreTradeContext } from './risk-engine.js';
import type { RiskLimits } from './risk-limits.js';
import type { TradingState, TradingStateChange } from './trading-state.js';

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tick 0.01, lot 0.001, minimum notional 10 USDT, fees 10 bps maker / 20 bps taker. */
const BTC = Instrument.create({ symbol: 'BTC/USDT', tickSize: '0.01', lotSize: '0.001', minNotional: '10', makerFeeRate: '0.001', takerFeeRate: '0.002' });

const order = (side: OrderSide, quantity: string, options: { price?: string; reduceOnly?: boolean } = {}): OrderSpec => {
  const common = {
    clientOrderId: clientOrderId('o-1'),
    instrumentId: BTC.id,
    side,
    quantity: Quantity.of(quantity),
    postOnly: false,
    reduceOnly: options.reduceOnly ?? false,
  };
  return options.price === undefined
    ? { ...common, type: 'MARKET', timeInForce: 'IOC' }
    : { ...common, type: 'LIMIT', timeInForce: 'GTC', price: Price.of(options.price) };
};

/** A cash account holding `cash` USDT and, when `btc` is given, that many BTC bought at 100. */
function account(cash = '10000', btc?: string): Portfolio {
  const portfolio = new Portfolio({ accountId: 'test', type: 'CASH', baseCurrency: 'USDT', balances: [Money.of(cash, 'USDT')] });
  if (btc !== undefined) {
    portfolio.applyFill(
      createFill({
        venue: 'SIM',
        tradeId: 't-1',
        clientOrderId: clientOrderId('o-0'),
        instrumentId: BTC.id,
        side: 'BUY',
        price: Price.of('100'),
        quantity: Quantity.of(btc),
        fee: Money.of('0', 'USDT'),
        liquidity: 'TAKER',
        tsMs: T0,
      }),
    );
  }
  return portfolio;
}

const context = (portfolio: Portfolio, extra: Partial<PreTradeContext> = {}): PreTradeContext => ({
  instrument: BTC,
  portfolio,
  referencePrice: Price.of('100'),
  openOrders: 0,
  ...extra,
});

function verdictOf(spec: OrderSpec, limits: RiskLimits = {}, portfolio = account(), extra: Partial<PreTradeContext> = {}) {
  return new RiskEngine(limits).check(spec, context(portfolio, extra));
}

describe('RiskEngine.check: each pre-trade rule', () => {
  it('passes an ordinary order and reserves price × quantity plus the larger fee rate', () => {
    // 9.98 × 100 × (1 + 0.002) = 999.996
    expect(verdictOf(order('BUY', '9.98', { price: '100' }))).toEqual({
      ok: true,
      reservation: { amount: Money.of('999.996', 'USDT'), perUnit: Decimal.of('100.2') },
    });
  });

  it.each([
    { spec: order('BUY', '1', { price: '100.005' }), message: 'price 100.005 is not a multiple of the tick size 0.01' },
    { spec: order('BUY', '1.0005', { price: '100' }), message: 'quantity 1.0005 is not a multiple of the lot size 0.001' },
    { spec: order('BUY', '0.05', { price: '100' }), message: 'notional 5 USDT is below the minimum 10 USDT' },
    // A market order is valued at the reference price for the minimum notional.
    { spec: order('BUY', '0.05'), message: 'notional 5 USDT is below the minimum 10 USDT' },
    {
      spec: order('BUY', '0.0005', { price: '100.005' }),
      message:
        'price 100.005 is not a multiple of the tick size 0.01; quantity 0.0005 is not a multiple of the lot size 0.001; quantity 0.0005 is below the minimum 0.001; notional 0.0500025 USDT is below the minimum 10 USDT',
    },
  ])('instrument rules: $message', ({ spec, message }) => {
    expect(verdictOf(spec)).toEqual({ ok: false, code: 'INSTRUMENT_RULES', reason: message });
  });

  it('max order notional: price × quantity above the limit is refused, at the limit passes', () => {
    const limits = { maxOrderNotional: Decimal.of('1000') };
    expect(verdictOf(order('BUY', '10.01', { price: '100' }), limits)).toEqual({ ok: false, code: 'MAX_ORDER_NOTIONAL', reason: 'order notional 1001 exceeds the limit 1000' });
    expect(verdictOf(order('BUY', '10', { price: '100' }), limits).ok).toBe(true);
    // A market order is valued at the reference price.
    expect(verdictOf(order('BUY', '5'), limits, account(), { referencePrice: Price.of('250') })).toMatchObject({ ok: false, code: 'MAX_ORDER_NOTIONAL' });
  });

  it('max position notional: the position after the order counts; reducing orders always pass', () => {
    const limits = { maxPositionNotional: Decimal.of('1500') };
    const long10 = account('10000', '10');
    expect(verdictOf(order('BUY', '6', { price: '100' }), limits, long10)).toEqual({
      ok: false,
      code: 'MAX_POSITION_NOTIONAL',
      reason: 'position value after the order 1600 exceeds the limit 1500',
    });
    expect(verdictOf(order('BUY', '5', { price: '100' }), limits, long10).ok).toBe(true);
    expect(verdictOf(order('SELL', '4', { price: '500' }), limits, long10).ok, '10 -> 6 reduces, whatever its price').toBe(true);
  });

  it('max open orders across the account', () => {
    const limits = { maxOpenOrders: 2 };
    expect(verdictOf(order('BUY', '1', { price: '100' }), limits, account(), { openOrders: 2 })).toEqual({
      ok: false,
      code: 'MAX_OPEN_ORDERS',
      reason: '2 orders are open, the limit is 2',
    });
    expect(verdictOf(order('BUY', '1', { price: '100' }), limits, account(), { openOrders: 1 }).ok).toBe(true);
  });

  it('a cash account cannot sell base it does not hold', () => {
    expect(verdictOf(order('SELL', '1', { price: '100' }))).toEqual({
      ok: false,
      code: 'INSUFFICIENT_BALANCE',
      reason: 'selling 1 BTC needs that much free, have 0 (a cash account cannot go short)',
    });
    // With the base in hand the sell reserves it, one for one.
    expect(verdictOf(order('SELL', '1', { price: '100' }), {}, account('10000', '2'))).toEqual({
      ok: true,
      reservation: { amount: Money.of('1', 'BTC'), perUnit: Decimal.ONE },
    });
  });

  it('a buy needs price, the market buffer and the fee free in the quote currency', () => {
    // Market: 100 × 1.02 (buffer) × 1.002 (fee) = 102.204 per unit.
    const cash = account('1000');
    expect(verdictOf(order('BUY', '9.7'), {}, cash)).toEqual({
      ok: true,
      reservation: { amount: Money.of('991.3788', 'USDT'), perUnit: Decimal.of('102.204') },
    });
    expect(verdictOf(order('BUY', '9.8'), {}, cash)).toEqual({
      ok: false,
      code: 'INSUFFICIENT_BALANCE',
      reason: 'buying needs 1001.5992 USDT free (price, buffer and fees), have 1000',
    });
    // A limit buy reserves at its limit, without the buffer: 9.98 × 100.2 = 999.996 fits, 9.99 does not.
    expect(verdictOf(order('BUY', '9.98', { price: '100' }), {}, cash).ok).toBe(true);
    expect(verdictOf(order('BUY', '9.99', { price: '100' }), {}, cash)).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
  });

  it('reduce-only must shrink the position, and holds nothing (exits share the position they protect)', () => {
    expect(verdictOf(order('SELL', '1', { reduceOnly: true }))).toEqual({
      ok: false,
      code: 'REDUCE_ONLY_WOULD_INCREASE',
      reason: 'reduce-only SELL of 1 would not reduce the position of 0',
    });
    const long1 = account('10000', '1');
    expect(verdictOf(order('SELL', '2', { reduceOnly: true }), {}, long1)).toMatchObject({ ok: false, code: 'REDUCE_ONLY_WOULD_INCREASE' });
    expect(verdictOf(order('BUY', '1', { reduceOnly: true }), {}, long1)).toMatchObject({ ok: false, code: 'REDUCE_ONLY_WOULD_INCREASE' });
    expect(verdictOf(order('SELL', '1', { reduceOnly: true }), {}, long1)).toEqual({ ok: true, reservation: undefined });
  });

  it('an order that needs a market price is refused before the first price', () => {
    expect(verdictOf(order('BUY', '1'), {}, account(), { referencePrice: undefined })).toEqual({
      ok: false,
      code: 'NO_REFERENCE_PRICE',
      reason: 'no price known for BTC/USDT yet to value a MARKET order',
    });
  });

  it('REDUCING lets only orders that shrink a position through; HALTED lets nothing through', () => {
    const risk = new RiskEngine();
    const long2 = context(account('10000', '2'));
    risk.setState('REDUCING', 'by hand', T0);
    expect(risk.check(order('BUY', '1', { price: '100' }), long2)).toEqual({ ok: false, code: 'REDUCING_ONLY', reason: 'trading is limited to orders that reduce a position' });
    expect(risk.check(order('SELL', '3', { price: '100' }), long2), 'selling more than held would open a short').toMatchObject({ code: 'REDUCING_ONLY' });
    expect(risk.check(order('SELL', '1', { price: '100' }), long2).ok).toBe(true);
    risk.setState('HALTED', 'by hand', T0);
    expect(risk.check(order('SELL', '1', { price: '100' }), long2)).toEqual({
      ok: false,
      code: 'TRADING_HALTED',
      reason: 'trading is halted by the kill switch; only cancels are accepted',
    });
  });
});

describe('RiskEngine kill switch', () => {
  it('halts when the drawdown from the peak reaches maxDrawdownPct, and stays halted', () => {
    const risk = new RiskEngine({ maxDrawdownPct: 10 });
    expect(risk.onEquity(T0, 10_000)).toBeUndefined();
    expect(risk.onEquity(T0 + HOUR, 11_000)).toBeUndefined();
    expect(risk.onEquity(T0 + 2 * HOUR, 9_901), 'a drawdown of 9.99 %').toBeUndefined();
    expect(risk.onEquity(T0 + 3 * HOUR, 9_900)).toEqual({ from: 'ACTIVE', to: 'HALTED', reason: 'drawdown 10.00% reached the limit of 10%', tsMs: T0 + 3 * HOUR });
    expect(risk.onEquity(T0 + DAY, 12_000), 'neither a recovery nor a new day lifts a halt').toBeUndefined();
    expect(risk.state).toBe('HALTED');
  });

  it('limits trading to reducing orders after maxDailyLossPct, until the next UTC day', () => {
    const risk = new RiskEngine({ maxDailyLossPct: 5 });
    expect(risk.onEquity(T0, 10_000), 'the day opens at 10,000').toBeUndefined();
    expect(risk.onEquity(T0 + HOUR, 9_600)).toBeUndefined();
    expect(risk.onEquity(T0 + 2 * HOUR, 9_500)).toEqual({ from: 'ACTIVE', to: 'REDUCING', reason: 'daily loss 5.00% reached the limit of 5%', tsMs: T0 + 2 * HOUR });
    expect(risk.onEquity(T0 + DAY - 1, 9_000), 'the last millisecond of the day').toBeUndefined();
    expect(risk.state).toBe('REDUCING');
    expect(risk.onEquity(T0 + DAY, 9_000)).toEqual({ from: 'REDUCING', to: 'ACTIVE', reason: 'a new UTC day began', tsMs: T0 + DAY });
    // The new day opens at 9,000: 5 % of that is 450.
    expect(risk.onEquity(T0 + DAY + HOUR, 8_551)).toBeUndefined();
    expect(risk.onEquity(T0 + DAY + 2 * HOUR, 8_550)).toMatchObject({ to: 'REDUCING' });
  });

  it('a halt on the first event of a new day is reported from the state before it, so the changes chain', () => {
    const risk = new RiskEngine({ maxDrawdownPct: 20, maxDailyLossPct: 5 });
    risk.onEquity(T0, 10_000);
    expect(risk.onEquity(T0 + HOUR, 9_000)).toMatchObject({ from: 'ACTIVE', to: 'REDUCING' });
    // The next day opens 25 % below the peak: the halt is the one change, from REDUCING.
    expect(risk.onEquity(T0 + DAY, 7_500)).toEqual({ from: 'REDUCING', to: 'HALTED', reason: 'drawdown 25.00% reached the limit of 20%', tsMs: T0 + DAY });
    expect(risk.state).toBe('HALTED');
  });
});

/**
 * The kill-switch rules applied in full on every event, as RiskEngine.onEquity did before its quiet zone
 * (an inlined fast path that skips the rules where none can fire). The property test below holds the
 * engine to this model.
 */
class ReferenceKillSwitch {
  state: TradingState = 'ACTIVE';
  private peak = Number.NEGATIVE_INFINITY;
  private day = Number.NaN;
  private dayOpen = Number.NaN;

  constructor(private readonly limits: RiskLimits) {}

  onEquity(tsMs: number, equity: number): TradingStateChange | undefined {
    if (equity > this.peak) this.peak = equity;
    const day = Math.floor(tsMs / DAY);
    const newDay = day !== this.day;
    if (newDay) {
      this.day = day;
      this.dayOpen = equity;
    }
    const maxDrawdown = this.limits.maxDrawdownPct;
    if (maxDrawdown !== undefined && this.state !== 'HALTED' && this.peak > 0) {
      const pct = ((this.peak - equity) / this.peak) * 100;
      if (pct >= maxDrawdown) return this.set('HALTED', `drawdown ${pct.toFixed(2)}% reached the limit of ${maxDrawdown}%`, tsMs);
    }
    if (newDay && this.state === 'REDUCING') return this.set('ACTIVE', 'a new UTC day began', tsMs);
    const maxDailyLoss = this.limits.maxDailyLossPct;
    if (maxDailyLoss !== undefined && this.state === 'ACTIVE' && this.dayOpen > 0) {
      const pct = ((this.dayOpen - equity) / this.dayOpen) * 100;
      if (pct >= maxDailyLoss) return this.set('REDUCING', `daily loss ${pct.toFixed(2)}% reached the limit of ${maxDailyLoss}%`, tsMs);
    }
    return undefined;
  }

  set(to: TradingState, reason: string, tsMs: number): TradingStateChange | undefined {
    const from = this.state;
    if (from === to) return undefined;
    this.state = to;
    return { from, to, reason, tsMs };
  }
}

describe('RiskEngine kill switch, quiet zone', () => {
  it('reports exactly the changes of the rules applied in full on every event, thresholds and day ends included', () => {
    // Equities are drawn around the trigger levels of the current peak and day open (one step either side
    // of the exact level included), so the quiet zone's edge is crossed often.
    const step = fc.record({
      dtMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: HOUR }), fc.constant(DAY), fc.integer({ min: 1, max: 3 * DAY })),
      level: fc.oneof(fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.constantFrom(1, 0.9, 0.95, 0.8)),
      nudge: fc.integer({ min: -2, max: 2 }),
      reference: fc.constantFrom('peak', 'dayOpen', 'last'),
      manual: fc.option(fc.constantFrom<TradingState>('ACTIVE', 'REDUCING', 'HALTED'), { freq: 20 }),
    });
    const limits = fc.record({
      maxDrawdownPct: fc.option(fc.constantFrom(5, 10, 20, 33.3, 100), { nil: undefined }),
      maxDailyLossPct: fc.option(fc.constantFrom(1, 5, 10), { nil: undefined }),
    });
    fc.assert(
      fc.property(limits, fc.array(step, { minLength: 1, maxLength: 200 }), (limit, steps) => {
        const risk = new RiskEngine(limit);
        const model = new ReferenceKillSwitch(limit);
        let tsMs = T0 + 17;
        let peak = 10_000;
        let dayOpen = 10_000;
        let last = 10_000;
        for (const s of steps) {
          tsMs += s.dtMs;
          if (s.manual !== null) {
            expect(risk.setState(s.manual, 'by hand', tsMs)).toEqual(model.set(s.manual, 'by hand', tsMs));
            continue;
          }
          const base = s.reference === 'peak' ? peak : s.reference === 'dayOpen' ? dayOpen : last;
          let equity = base * s.level;
          for (let k = 0; k < Math.abs(s.nudge); k += 1) equity = s.nudge > 0 ? equity + Number.EPSILON * equity : equity - Number.EPSILON * equity;
          const dayBefore = Math.floor((tsMs - s.dtMs) / DAY);
          expect(risk.onEquity(tsMs, equity)).toEqual(model.onEquity(tsMs, equity));
          expect(risk.state).toBe(model.state);
          if (equity > peak) peak = equity;
          if (Math.floor(tsMs / DAY) !== dayBefore) dayOpen = equity;
          last = equity;
        }
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The built-in strategies on hand-made closes, through the real engine and simulated venue (orders
 * decided on a bar fill at the next bar's open). Bars are flat (open = high = low = close) unless a
 * test needs a path inside the bar, so a market order decided on bar i fills at close i + 1.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionVenue, VenueListener } from '../../src/application/ports/execution-venue.js';
import type { Strategy } from '../../src/application/strategy/strategy.js';
import { Sma, type Order } from '../../src/domain/index.js';
import { findStrategy } from '../../src/strategies/built-in-strategies.js';
import { HOUR, T0, backtest, series, type BarRow, type RunOptions } from './engine-harness.js';

function strategy(name: string, params: Record<string, string>): Strategy {
  const created = findStrategy(name)?.create(params);
  if (created?.ok !== true) throw new Error(`cannot create ${name}: ${JSON.stringify(created)}`);
  return created.value.strategy;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** The round trips of a run as "entry@price(bar) -> exit@price(bar)", bars counted from T0. */
function trips(options: RunOptions): string[] {
  const { report } = backtest(options);
  const bar = (ms: number) => Math.floor((ms - T0) / HOUR);
  const open = report.openPositions.map((p) => `open ${p.quantity}@${Number(p.entryPrice)}`);
  return [...report.trades.map((t) => `${t.quantity}@${Number(t.entryPrice)}(${bar(t.entryTsMs)}) -> ${Number(t.exitPrice)}(${bar(t.exitTsMs)})`), ...open];
}

describe('sma-cross', () => {
  // With fast = 2 and slow = 3, fast - slow = (c[i] + c[i-1] - 2 c[i-2]) / 6: the sign is easy to see.
  it('buys on a cross above, ignores a touch without a cross, sells on the cross below', () => {
    const closes = [10, 9, 8, 9, 11, 12, 10, 15, 4, 4];
    // fast - slow × 6 from bar 2: -3, -1, +4 (cross up: buy), +5, 0 (touch), +1 (no signal), -1 (cross down: sell)
    expect(trips({ series: series(closes), strategy: strategy('sma-cross', { fast: '2', slow: '3', size: '1' }) })).toEqual(['1@12(5) -> 4(9)']);
  });

  it('a touch from below that falls back is no signal; the later cross is', () => {
    const closes = [10, 9, 8, 10, 5, 16, 16];
    // × 6 from bar 2: -3, 0 (touch: SMAs both exactly 9), -1 (no signal), +1 (cross up at bar 5)
    expect(trips({ series: series(closes), strategy: strategy('sma-cross', { fast: '2', slow: '3', size: '1' }) })).toEqual(['open 1@16']);
  });

  it('a cross through zero (negative, equal, positive) is a cross', () => {
    const closes = [10, 9, 8, 10, 13, 13];
    // × 6 from bar 2: -3, 0, +7: the last non-zero difference was negative
    expect(trips({ series: series(closes), strategy: strategy('sma-cross', { fast: '2', slow: '3', size: '1' }) })).toEqual(['open 1@13']);
  });

  it('a flat market repeating 0.1, 0.2, 0.3 gives equal averages every bar: no crossing is ever made up', () => {
    const closes = Array.from({ length: 300 }, (_, i) => [0.1, 0.2, 0.3][i % 3] as number);
    const run = backtest({ series: series(closes), strategy: strategy('sma-cross', { fast: '3', slow: '6', size: '1' }) });
    expect(run.report.orders.submitted).toBe(0);
    // The test can fail: averages that re-sum each window in order differ in the last bit here
    // ((0.1 + 0.2) + 0.3 is not (0.2 + 0.3) + 0.1), so fast - slow would not be zero.
    const resummed = (period: number, i: number) => closes.slice(i - period + 1, i + 1).reduce((a, b) => a + b, 0) / period;
    const naiveDiffs = closes.slice(5).map((_, k) => resummed(3, k + 5) - resummed(6, k + 5));
    expect(naiveDiffs.some((d) => d !== 0), 'naive averages disagree').toBe(true);
    // ATB's SMAs agree to the bit on every bar.
    const [fast, slow] = [new Sma(3), new Sma(6)];
    for (const c of closes) {
      fast.update(c);
      slow.update(c);
      if (slow.isReady) expect(fast.value).toBe(slow.value);
    }
  });

  it('a cross below while the entry is still on its way withdraws the entry and sells nothing', () => {
    // A venue that acknowledges orders and holds them (an exchange slow to fill), canceling on request.
    const held: string[] = [];
    const venue: ExecutionVenue & { listener?: VenueListener } = {
      name: 'HELD',
      connect(listener) {
        this.listener = listener;
      },
      submit(order: Order) {
        held.push(`${order.spec.side} ${order.spec.type}`);
        this.listener?.onVenueEvent({ type: 'OrderAccepted', clientOrderId: order.clientOrderId, tsMs: order.createdTsMs, venueOrderId: `v-${order.clientOrderId}` });
      },
      cancel(order: Order) {
        held.push(`cancel ${order.clientOrderId}`);
        this.listener?.onVenueEvent({ type: 'OrderCanceled', clientOrderId: order.clientOrderId, tsMs: order.updatedTsMs, reason: 'canceled on request' });
      },
    };
    const closes = [10, 9, 8, 9, 11, 12, 13, 4, 4, 12, 13];
    // × 6 from bar 2: -3, -1, +4 (buy, held), +5, +3, -7 (cross below: withdraw), -18, +8 (buy again), +17
    const run = backtest({ series: series(closes), strategy: strategy('sma-cross', { fast: '2', slow: '3', size: '1' }), venue });
    expect(held).toEqual(['BUY MARKET', 'cancel O-1', 'BUY MARKET']);
    expect(run.report.orders).toMatchObject({ submitted: 2, canceled: 1 });
  });

  it('fills at the signal bar\'s close with fill mode close', () => {
    const closes = [10, 9, 8, 9, 11, 12, 10, 15, 4, 4];
    // The signals of bars 4 and 8 fill at their closes, 11 and 4, which are the opening times of bars 5 and 9.
    expect(trips({ series: series(closes), strategy: strategy('sma-cross', { fast: '2', slow: '3', size: '1' }), fillMode: 'close' })).toEqual(['1@11(5) -> 4(9)']);
  });
});

describe('buy-and-hold', () => {
  it('buys its whole buying power at the first bar and holds to the end', () => {
    const run = backtest({ series: series([100, 101, 110, 120]), strategy: strategy('buy-and-hold', {}) });
    // Buying power: 10,000 / (100 × 1.02 market-buy buffer), no fees = 98.0392… -> 98.039 on the 0.001 lot grid,
    // filled at the next open 101 and marked at 120: 10,000 + 98.039 × 19.
    expect(run.report.openPositions.map((p) => [p.quantity, p.entryPrice, p.markPrice])).toEqual([['98.039', '101.00000000', '120']]);
    expect(run.report.finalEquity).toBe('11862.741');
  });

  it('buys `fraction` of the buying power', () => {
    const run = backtest({ series: series([100, 101, 110, 120]), strategy: strategy('buy-and-hold', { fraction: '0.5' }) });
    // 0.5 × 98.039 = 49.0195, rounded down onto the 0.001 lot grid by the order router.
    expect(run.report.openPositions.map((p) => p.quantity)).toEqual(['49.019']);
  });

  it('buys `size` units when given', () => {
    const run = backtest({ series: series([100, 101, 110]), strategy: strategy('buy-and-hold', { size: '2.5' }) });
    expect(run.report.openPositions.map((p) => p.quantity)).toEqual(['2.5']);
  });
});

describe('rsi-reversion', () => {
  it('buys when RSI closes below oversold and sells when it closes above overbought', () => {
    // Wilder's RSI(2): 100, 99, 98 -> 0 (buy); 99 -> 50; 100 -> 75 (sell); 101 -> 87.5
    const run = backtest({ series: series([100, 99, 98, 99, 100, 101, 101]), strategy: strategy('rsi-reversion', { period: '2', size: '1' }) });
    expect(run.report.trades.map((t) => [Number(t.entryPrice), iso(t.entryTsMs), Number(t.exitPrice), iso(t.exitTsMs)])).toEqual([[99, iso(T0 + 3 * HOUR), 101, iso(T0 + 5 * HOUR)]]);
  });
});

describe('bollinger-breakout', () => {
  // Period 3, k = 1 (population standard deviation): over 10, 10, 13 the upper band is 11 + √2 = 12.41,
  // so the close of 13 is a breakout; the entry fills at 13 on the next bar, which closes above the
  // middle band (12) and keeps the position.
  const entry: BarRow[] = [10, 10, 10, 13, 13];
  const run = (params: Record<string, string>, exitBars: BarRow[], first: BarRow[] = entry) =>
    trips({ series: series([...first, ...exitBars]), strategy: strategy('bollinger-breakout', { period: '3', k: '1', size: '1', ...params }) });

  it('sells at market when a bar closes below the middle band', () => {
    // Over 13, 13, 11 the middle band is 12.33: the close of 11 is below; the sale fills at the next open.
    expect(run({}, [11, 11.5])).toEqual(['1@13(4) -> 11.5(6)']);
  });

  it('stop-loss: 5 % below the entry, a stop at 12.35 that fills at its trigger', () => {
    expect(run({ stopLossPct: '5' }, [[13, 13.2, 12, 12.8], 12.8])).toEqual(['1@13(4) -> 12.35(5)']);
  });

  it('take-profit: 10 % above the entry, a limit at exactly 11.11 for an entry at 10.1', () => {
    // Over 10, 10, 10.1 the upper band is 10.08; the next bar closes at 10.1, above the middle 10.07.
    // 10.1 × 1.1 is 11.110000000000001 in floats; the limit must not be rounded up to 11.12.
    expect(run({ takeProfitPct: '10' }, [[10.1, 11.5, 10.05, 11.2], 11.2], [10, 10, 10, 10.1, 10.1])).toEqual([
      '1@10.1(4) -> 11.11(5)',
      'open 1@11.2', // the close of 11.2 is a new breakout (upper band 10.94)
    ]);
  });

  it('trailing stop: 5 % behind the best price since the entry', () => {
    // Trailing starts on bar 5: the high of 16 puts the stop at 15.2, which bar 6 falls through.
    expect(run({ trailingStopPct: '5' }, [[13, 16, 12.9, 15.9], [15.9, 16, 14, 14.2], 14.2])).toEqual(['1@13(4) -> 15.2(6)']);
  });

  it('with all three exits the first one reached closes the trade and the others are withdrawn', () => {
    const { report } = backtest({
      // 13 -> 12.9 -> 14.5 -> 13: the take-profit (14.3) comes before the trailing stop (14.5 × 0.95 = 13.775).
      series: series([...entry, [13, 14.5, 12.9, 13], 13, 13]),
      strategy: strategy('bollinger-breakout', { period: '3', k: '1', size: '1', stopLossPct: '5', takeProfitPct: '10', trailingStopPct: '5' }),
    });
    expect(report.trades.map((t) => Number(t.exitPrice))).toEqual([14.3]);
    expect(report.orders).toMatchObject({ submitted: 4, filled: 2, canceled: 2 });
    expect(report.openPositions).toEqual([]);
  });
});

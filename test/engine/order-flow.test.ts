/**
 * The road of an order through the real engine: strategy -> risk -> reservation -> simulated venue ->
 * fills -> portfolio, with a cash account that must never go negative, and the kill switch.
 */
import { describe, expect, it } from 'vitest';
import { HOUR, T0, runScript, series, type BarRow } from './engine-harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('settlement in a cash account', () => {
  it('a market buy that costs more at the fill than the account holds is canceled; nothing is booked or left locked', () => {
    let balances = '';
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(9); // reserves 9 × 100 × 1.02 = 918 of 1000
          if (i === 1) balances = `${ctx.account.free('USDT').toString()} free, ${ctx.position().quantity.toString()} BTC`;
        },
      },
      { series: series([100, 120, 120]), cash: '1000' }, // the next open costs 1080
    );
    expect(strategy.updates.map((o) => `${o.status} ${o.cancelReason ?? ''}`)).toEqual(['ACCEPTED ', 'CANCELED insufficient balance to settle the fill']);
    expect(balances).toBe('1000 free, 0 BTC');
    expect(outcome.report.finalEquity).toBe('1000');
    expect(outcome.report.orders).toMatchObject({ submitted: 1, canceled: 1, filled: 0 });
  });

  it('two buys filling in the same bar never take the balance below zero together', () => {
    // Each reserves 4.5 × 102 = 459 of 1000 (82 stay free). At the gap to 118 each costs 531: each alone
    // fits in its reservation plus the 82 free, both together do not.
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) {
            ctx.buy(4.5);
            ctx.buy(4.5);
          }
        },
      },
      { series: series([100, 118, 118]), cash: '1000' },
    );
    expect(strategy.fills.map((f) => `${f.quantity.toString()}@${f.price.toString()}`)).toEqual(['4.5@118']);
    expect(strategy.updates.filter((o) => o.status === 'CANCELED').map((o) => o.cancelReason)).toEqual(['insufficient balance to settle the fill']);
    // 1000 - 531 cash + 4.5 BTC at 118
    expect(outcome.report.finalEquity).toBe('1000');
  });

  it('a partial fill that costs more than the part of the reservation it releases is refused, not booked into a negative balance', () => {
    // 9 at market reserves 918 (82 free). Half the bar's volume is 5: at 120 they cost 600 and release
    // 5 × 102 = 510 of the reservation, so they need 90 of the 82 free.
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(9);
        },
      },
      { series: series([100, [120, 120, 120, 120, 10], 120]), cash: '1000', maxVolumeFraction: 0.5 },
    );
    expect(strategy.fills).toEqual([]);
    expect(strategy.updates.at(-1)?.cancelReason).toBe('insufficient balance to settle the fill');
    expect(outcome.report.finalEquity).toBe('1000');
  });
});

describe('partial fills and venue refusals', () => {
  it('a resting limit filled over three bars by the volume cap releases its reservation exactly', () => {
    let free = '';
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(5, { price: 99 }); // reserves 5 × 99 = 495
          if (i === 2) free = ctx.account.free('USDT').toString();
        },
      },
      // 10 % of 20, 10 and 100 units: 2, then 1, then the last 2
      { series: series([100, [100, 101, 97, 100, 20], [100, 101, 97, 100, 10], [100, 101, 97, 100, 100], 100]), maxVolumeFraction: 0.1 },
    );
    expect(strategy.fills.map((f) => f.quantity.toString())).toEqual(['2', '1', '2']);
    expect(strategy.updates.map((o) => o.status)).toEqual(['ACCEPTED', 'PARTIALLY_FILLED', 'PARTIALLY_FILLED', 'FILLED']);
    expect(free, 'after 3 of 5 the free cash is still 10,000 - 495: the fills spent what they released').toBe('9505');
    expect(outcome.report.openPositions.map((p) => [p.quantity, p.entryPrice])).toEqual([['5', '99.00000000']]);
    expect(outcome.report.finalEquity).toBe(String(10_000 - 495 + 500));
  });

  it('a post-only order the venue rejects is in the report, with the venue as its source', () => {
    const { outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(1, { price: 101, postOnly: true }); // the next open, 100, is below it
        },
      },
      { series: series([100, 100]) },
    );
    expect(outcome.report.rejections).toEqual([
      { time: iso(T0 + HOUR), clientOrderId: 'O-1', source: 'VENUE', code: 'POST_ONLY_WOULD_TAKE', reason: 'post-only order would take liquidity on arrival' },
    ]);
    expect(outcome.report.orders).toMatchObject({ submitted: 1, rejected: 1 });
  });
});

describe('protective exits through the engine', () => {
  it('a stop-loss and a take-profit on one position: the take-profit fills, the stop-loss is withdrawn, a new position is untouched', () => {
    const rows: BarRow[] = [
      100,
      100, // the entry fills at 100
      [100, 103.5, 99, 103], // the take-profit at 103 fills
      100, // re-entry signal
      100, // the re-entry fills at 100
      [100, 100.5, 96, 97], // passes the old stop-loss at 97
      97,
    ];
    let entries = 0;
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0 || i === 3) ctx.buy(2);
        },
        fill(fill, ctx) {
          if (fill.side === 'BUY') entries += 1;
          if (fill.side === 'BUY' && entries === 1) {
            ctx.sell(2, { triggerPrice: 97, reduceOnly: true });
            ctx.sell(2, { price: 103, reduceOnly: true });
          }
        },
      },
      { series: series(rows) },
    );
    expect(strategy.fills.map((f) => `${f.side} ${f.quantity.toString()}@${f.price.toString()} ${iso(f.tsMs)}`)).toEqual([
      `BUY 2@100 ${iso(T0 + HOUR)}`,
      `SELL 2@103 ${iso(T0 + 2 * HOUR + 2_266_666)}`, // t = 1 + 4/4.5 along 100 -> 99 -> 103.5
      `BUY 2@100 ${iso(T0 + 4 * HOUR)}`,
    ]);
    const stopLoss = strategy.updates.filter((o) => o.spec.type === 'STOP_MARKET').at(-1);
    expect(stopLoss?.status).toBe('CANCELED');
    expect(stopLoss?.cancelReason).toBe('reduce-only order has no position left to reduce');
    expect(outcome.report.openPositions.map((p) => p.quantity)).toEqual(['2']);
  });
});

describe('cancels racing fills', () => {
  it('a strategy canceling an order the venue filled in the same bar: the fill stands, the late refusal of the cancel is ignored', () => {
    // Two buy limits both reached by one bar; on the first fill the strategy withdraws the other (a
    // one-cancels-the-other it manages itself), but the venue has filled that one too.
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) {
            ctx.buy(1, { price: 98 });
            ctx.buy(1, { price: 97 });
          }
        },
        fill(_fill, ctx) {
          ctx.cancelAll();
        },
      },
      { series: series([100, [100, 101, 96, 99], 99]) },
    );
    expect(strategy.fills.map((f) => `${f.quantity.toString()}@${f.price.toString()}`)).toEqual(['1@98', '1@97']);
    expect(outcome.report.orders).toMatchObject({ submitted: 2, filled: 2, canceled: 0 });
    expect(outcome.report.openPositions.map((p) => p.quantity)).toEqual(['2']);
  });
});

describe('kill switch through the engine', () => {
  it('a drawdown of maxDrawdownPct halts trading, cancels open orders, and later orders are refused in the report', () => {
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) {
            ctx.buy(50); // 5,000 of 10,000 in BTC
            ctx.buy(1, { price: 50 }); // rests far below
          }
          if (i === 3) ctx.buy(1);
        },
      },
      { series: series([100, 100, 79, 80, 81]), risk: { maxDrawdownPct: 10 } },
    );
    // At the close of 79 equity is 5000 + 50 × 79 = 8950: a 10.5 % drawdown.
    expect(outcome.report.tradingState).toEqual({
      final: 'HALTED',
      changes: [{ time: iso(T0 + 3 * HOUR), from: 'ACTIVE', to: 'HALTED', reason: 'drawdown 10.50% reached the limit of 10%' }],
    });
    const limit = strategy.updates.filter((o) => o.spec.type === 'LIMIT').at(-1);
    expect(limit?.status).toBe('CANCELED');
    expect(outcome.report.rejections).toEqual([
      { time: iso(T0 + 4 * HOUR), clientOrderId: 'O-3', source: 'RISK', code: 'TRADING_HALTED', reason: 'trading is halted by the kill switch; only cancels are accepted' },
    ]);
    expect(outcome.report.openPositions.map((p) => p.quantity), 'the position is kept').toEqual(['50']);
  });

  it('a daily loss of maxDailyLossPct allows only reducing orders until the next UTC day', () => {
    const start = T0 + 20 * HOUR; // 20:00 UTC
    const closes = [100, 100, 90, 90, 90, 90, 90, 90];
    const results: string[] = [];
    const { outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(50);
          if (i === 2) {
            results.push(`buy at ${iso(ctx.now())}: ${resultText(ctx.buy(1))}`);
            results.push(`sell at ${iso(ctx.now())}: ${resultText(ctx.sell(10))}`);
          }
          if (i === 3) results.push(`buy at ${iso(ctx.now())}: ${resultText(ctx.buy(1))}`);
        },
      },
      { series: series(closes, { startMs: start }), risk: { maxDailyLossPct: 4 } },
    );
    // Equity: 10,000 until the close of bar 2 (22:00-23:00), 5,000 + 50 × 90 = 9,500: -5 % on the day.
    expect(outcome.report.tradingState.changes).toEqual([
      { time: iso(start + 3 * HOUR), from: 'ACTIVE', to: 'REDUCING', reason: 'daily loss 5.00% reached the limit of 4%' },
      // 00:00 is the close of the 23:00 bar: the new day has begun before the strategy sees that bar.
      { time: iso(start + 4 * HOUR), from: 'REDUCING', to: 'ACTIVE', reason: 'a new UTC day began' },
    ]);
    expect(results).toEqual([`buy at ${iso(start + 3 * HOUR)}: REDUCING_ONLY`, `sell at ${iso(start + 3 * HOUR)}: ok`, `buy at ${iso(start + 4 * HOUR)}: ok`]);
    expect(outcome.report.rejections.map((r) => r.code)).toEqual(['REDUCING_ONLY']);
  });
});

function resultText(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '');
}

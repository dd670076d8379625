/**
 * The strategy API through the real engine: what a strategy can see (closed bars only), its streams
 * (a second timeframe resampled from the primary, a second instrument), its hooks, and what its order
 * calls return.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyContext, SubmitResult } from '../../src/application/strategy/strategy-context.js';
import { instrumentId, timeframe, type Bar, type ClientOrderId } from '../../src/domain/index.js';
import { AtbError } from '../../src/shared/errors.js';
import { HOUR, MINUTE, T0, instrument, runScript, series } from './engine-harness.js';

const BTC = instrumentId('BTC/USDT');
const ETH = instrumentId('ETH/USDT');

describe('look-ahead is impossible', () => {
  it('reading a bar that has not closed fails with LOOK_AHEAD', () => {
    const errors: unknown[] = [];
    runScript(
      {
        bar(_bar, ctx) {
          try {
            ctx.bars().close(-1);
          } catch (error) {
            errors.push(error);
          }
        },
      },
      { series: series([100, 101, 102]) },
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBeInstanceOf(AtbError);
    expect((errors[0] as AtbError).code).toBe('LOOK_AHEAD');
  });

  it('the window holds exactly the bars closed so far, the newest being the bar just handed over', () => {
    const closes = [100, 101, 103, 102, 105];
    const seen: { length: number; close: number; handed: number; tsOpen: number; now: number; window: number[] }[] = [];
    runScript(
      {
        bar(bar, ctx) {
          const w = ctx.bars();
          seen.push({ length: w.length, close: w.close(0), handed: bar.close, tsOpen: w.tsOpen(0), now: ctx.now(), window: Array.from(w.closes()) });
        },
      },
      { series: series(closes) },
    );
    expect(seen).toEqual(
      closes.map((close, i) => ({
        length: i + 1,
        close,
        handed: close,
        tsOpen: T0 + i * HOUR,
        now: T0 + (i + 1) * HOUR, // the clock reads the bar's close
        window: closes.slice(0, i + 1),
      })),
    );
  });
});

describe('several streams', () => {
  /** 180 one-minute BTC bars from T0, close = 100 + minute; ETH the same shifted to 1000. */
  const minutes = (base: number, symbol: string) =>
    series(
      Array.from({ length: 180 }, (_, m) => [base + m, base + m + 0.5, base + m - 0.5, base + m + 0.25, 1] as const),
      { timeframe: '1m', symbol },
    );

  it('a second timeframe is resampled from the primary; an hour bar comes after all of its minutes, each stream in close-time order', () => {
    const log: { id: string; tf: string; tsOpen: number; now: number }[] = [];
    const hourBars: Bar[] = [];
    runScript(
      {
        start(ctx) {
          ctx.subscribe(BTC, timeframe('1h'));
          ctx.subscribe(ETH, timeframe('1m'));
        },
        bar(bar, ctx) {
          log.push({ id: bar.instrumentId, tf: bar.timeframe, tsOpen: bar.tsOpen, now: ctx.now() });
          if (bar.timeframe === '1h') {
            hourBars.push(bar);
            expect(ctx.bars(BTC, timeframe('1h')).close(0)).toBe(bar.close);
            expect(ctx.bars().length, 'every minute of the hour was handed over before it').toBe(hourBars.length * 60);
          }
        },
      },
      { series: minutes(100, 'BTC/USDT'), extraSeries: [minutes(1_000, 'ETH/USDT')], extraInstruments: [instrument('ETH/USDT')] },
    );
    expect(log).toHaveLength(180 * 2 + 3);
    const times = log.map((e) => e.now);
    expect(times, 'events in close-time order').toEqual([...times].sort((a, b) => a - b));
    for (const e of log) expect(e.now, `${e.id} ${e.tf} seen at its close`).toBe(e.tsOpen + (e.tf === '1h' ? HOUR : MINUTE));
    // At the close of each hour: the BTC and ETH minute bars closing then, then the hour bar.
    const hourIndexes = log.flatMap((e, i) => (e.tf === '1h' ? [i] : []));
    expect(hourIndexes).toEqual([121, 242, 363].map((i) => i - 1));
    expect(hourBars.map((b) => [b.tsOpen - T0, b.open, b.high, b.low, b.close, b.volume])).toEqual([
      [0, 100, 159.5, 99.5, 159.25, 60],
      [HOUR, 160, 219.5, 159.5, 219.25, 60],
      [2 * HOUR, 220, 279.5, 219.5, 279.25, 60],
    ]);
  });

  it('a strategy trades its second instrument; the account sees both', () => {
    const results: SubmitResult[] = [];
    const { outcome, strategy } = runScript(
      {
        start(ctx) {
          ctx.subscribe(ETH, timeframe('1h'));
        },
        bar(bar, ctx) {
          if (bar.instrumentId === ETH && ctx.position(ETH).isFlat && ctx.openOrders(ETH).length === 0) results.push(ctx.buy(2, { instrumentId: ETH }));
        },
      },
      { series: series([100, 100, 100]), extraSeries: [series([50, 51, 52], { symbol: 'ETH/USDT' })], extraInstruments: [instrument('ETH/USDT')], cash: '1000' },
    );
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(strategy.fills.map((f) => `${f.instrumentId} ${f.side} ${f.quantity.toString()}@${f.price.toString()}`)).toEqual(['ETH/USDT BUY 2@51']);
    expect(outcome.report.openPositions).toEqual([
      { instrumentId: 'ETH/USDT', side: 'LONG', quantity: '2', entryTime: new Date(T0 + HOUR).toISOString(), entryPrice: '51.00000000', markPrice: '52', unrealizedPnl: '2' },
    ]);
    // 1000 - 102 cash + 2 ETH at 52
    expect(outcome.report.finalEquity).toBe('1002');
  });

  it('subscribing after onStart is refused', () => {
    const errors: unknown[] = [];
    runScript(
      {
        bar(_bar, ctx) {
          try {
            ctx.subscribe(ETH, timeframe('1h'));
          } catch (error) {
            errors.push(error);
          }
        },
      },
      { series: series([100]) },
    );
    expect((errors[0] as Error).message).toBe('strategy test may subscribe only in onStart');
  });
});

describe('hooks and order calls', () => {
  it('onFill, onOrderUpdate and onStop are called, in that order for a fill', () => {
    const calls: string[] = [];
    const { strategy } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i === 0) ctx.buy(1);
        },
        fill(fill) {
          calls.push(`fill ${fill.side} ${fill.quantity.toString()}@${fill.price.toString()}`);
        },
        update(order) {
          calls.push(`update ${order.status}`);
        },
        stop(ctx) {
          calls.push(`stop, long ${ctx.position().quantity.toString()}`);
        },
      },
      { series: series([100, 101, 102]) },
    );
    expect(calls).toEqual(['update ACCEPTED', 'fill BUY 1@101', 'update FILLED', 'stop, long 1']);
    expect(strategy.stops).toBe(1);
  });

  it('submit results: accepted orders carry their id; refusals are values with a code and a reason', () => {
    const results: Record<string, SubmitResult> = {};
    const { outcome } = runScript(
      {
        bar(_bar, ctx, i) {
          if (i > 0) return;
          results.ok = ctx.buy(1, { price: 95 });
          results.tooBig = ctx.buy(1_000);
          results.belowLot = ctx.buy(0.0001);
          results.zero = ctx.buy(0);
          results.unknown = ctx.buy(1, { instrumentId: instrumentId('XRP/USDT') });
          results.short = ctx.sell(1);
        },
      },
      { series: series([100, 101]), cash: '1000' },
    );
    expect(results.ok).toMatchObject({ ok: true, clientOrderId: 'O-1' });
    expect(results.tooBig).toEqual({
      ok: false,
      code: 'INSUFFICIENT_BALANCE',
      reason: 'buying needs 102000 USDT free (price, buffer and fees), have 905',
      clientOrderId: 'O-2',
    });
    expect(results.belowLot).toMatchObject({ ok: false, code: 'INVALID_ORDER' });
    expect((results.belowLot as { reason: string }).reason).toContain('at least one lot of 0.001');
    expect(results.zero).toMatchObject({ ok: false, code: 'INVALID_ORDER' });
    expect(results.unknown).toEqual({ ok: false, code: 'UNKNOWN_INSTRUMENT', reason: 'no instrument XRP/USDT is configured' });
    expect(results.short).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
    // Every refusal is in the report with its reason: risk refusals, and requests that never became orders.
    expect(outcome.report.rejections.map((r) => [r.clientOrderId, r.source, r.code])).toEqual([
      ['O-2', 'RISK', 'INSUFFICIENT_BALANCE'],
      ['O-3', 'VALIDATION', 'INVALID_ORDER'],
      ['O-4', 'VALIDATION', 'INVALID_ORDER'],
      ['', 'VALIDATION', 'UNKNOWN_INSTRUMENT'],
      ['O-5', 'RISK', 'INSUFFICIENT_BALANCE'],
    ]);
    expect(outcome.report.rejections[0]?.reason).toBe('buying needs 102000 USDT free (price, buffer and fees), have 905');
  });

  it('cancel, cancelAll and closePosition', () => {
    const seen: Record<string, unknown> = {};
    let resting: ClientOrderId[] = [];
    const { strategy, outcome } = runScript(
      {
        bar(_bar, ctx: StrategyContext, i) {
          if (i === 0) {
            seen.closeWhenFlat = ctx.closePosition();
            ctx.buy(2);
            resting = [ctx.buy(1, { price: 90 }), ctx.buy(1, { price: 91 }), ctx.buy(1, { price: 92 })].flatMap((r) => (r.ok ? [r.clientOrderId] : []));
          } else if (i === 1) {
            seen.cancelOne = ctx.cancel(resting[0] as ClientOrderId);
            seen.cancelAgain = ctx.cancel(resting[0] as ClientOrderId);
            seen.cancelUnknown = ctx.cancel('nope' as ClientOrderId);
            seen.cancelAll = ctx.cancelAll();
            seen.close = ctx.closePosition();
          }
        },
      },
      { series: series([100, 101, 102, 103]) },
    );
    expect(seen.closeWhenFlat).toBeUndefined();
    expect(seen.cancelOne).toBe(true);
    expect(seen.cancelAgain, 'already being canceled').toBe(false);
    expect(seen.cancelUnknown).toBe(false);
    expect(seen.cancelAll, 'the two others').toBe(2);
    expect(seen.close).toMatchObject({ ok: true });
    const canceled = strategy.updates.filter((o) => o.status === 'CANCELED').map((o) => o.clientOrderId);
    expect(canceled.sort()).toEqual([...resting].sort());
    expect(strategy.fills.map((f) => `${f.side} ${f.quantity.toString()}@${f.price.toString()}`)).toEqual(['BUY 2@101', 'SELL 2@102']);
    expect(outcome.report.orders).toEqual({ submitted: 5, filled: 2, canceled: 3, rejected: 0, expired: 0 });
    expect(outcome.report.trades.map((t) => [t.quantity, t.entryPrice, t.exitPrice, t.pnl])).toEqual([['2', '101.00000000', '102.00000000', '2']]);
  });
});

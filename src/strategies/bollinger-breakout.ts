import { z } from 'zod';
import { Bollinger, Decimal, type Bar, type Fill } from '../domain/index.js';
import { Strategy } from '../application/strategy/strategy.js';
import type { StrategyContext } from '../application/strategy/strategy-context.js';

const percent = (what: string) => z.coerce.number({ error: `a percentage for the ${what}` }).gt(0, { error: 'above 0' }).lt(100, { error: 'below 100' });

const params = z
  .object({
    period: z.coerce.number({ error: 'a whole number of bars' }).int({ error: 'a whole number of bars' }).min(2, { error: 'at least 2 bars' }).default(20),
    k: z.coerce.number({ error: 'a number of standard deviations' }).positive({ error: 'above 0' }).default(2),
    size: z.coerce.number({ error: 'a quantity in base units' }).positive({ error: 'a quantity above 0' }),
    stopLossPct: percent('stop-loss').optional(),
    takeProfitPct: percent('take-profit').optional(),
    trailingStopPct: percent('trailing stop').optional(),
  })
  .strict();

export type BollingerBreakoutParams = z.infer<typeof params>;

/**
 * Long-only volatility breakout: buys `size` at market when a bar closes above the upper Bollinger band
 * (population standard deviation, TA-Lib's convention) and closes the position when a bar closes back
 * below the middle band. Once the entry fills, optional protective orders go to the venue, all
 * reduce-only so that whichever fires first ends the trade and the venue cancels the others:
 * a stop-loss `stopLossPct` below the entry (stop-market), a take-profit `takeProfitPct` above it
 * (limit), and a trailing stop `trailingStopPct` behind the best price since entry.
 */
export class BollingerBreakout extends Strategy<BollingerBreakoutParams> {
  static readonly strategyName = 'bollinger-breakout';
  static readonly description = 'buy `size` on a close above the upper band, exit below the middle band or on optional stop-loss / take-profit / trailing stop';
  static readonly params = params;

  private readonly bands: Bollinger;

  constructor(p: BollingerBreakoutParams) {
    super(p);
    this.bands = new Bollinger(p.period, p.k);
  }

  override onStart(ctx: StrategyContext): void {
    ctx.indicators.register(this.bands);
  }

  override onBar(bar: Bar, ctx: StrategyContext): void {
    const bands = this.bands.value;
    if (bands === undefined) return;
    const flat = ctx.position().isFlat;
    if (flat && bar.close > bands.upper && ctx.openOrders().length === 0) {
      ctx.buy(this.params.size);
    } else if (!flat && bar.close < bands.middle) {
      ctx.cancelAll();
      ctx.closePosition();
    }
  }

  override onFill(fill: Fill, ctx: StrategyContext): void {
    const position = ctx.position(fill.instrumentId);
    if (position.isFlat) {
      ctx.cancelAll(fill.instrumentId); // the trade is over: withdraw whatever protection is left
      return;
    }
    if (fill.side !== 'BUY' || ctx.openOrders(fill.instrumentId).length > 0) return;
    // Exit prices are worked out exactly from the fill: in floats 10.1 × 1.1 is 11.110000000000001, which a
    // sell limit (rounded up onto the tick, never more aggressive) would turn into 11.12.
    const entry = fill.price;
    const quantity = position.quantity;
    const { stopLossPct, takeProfitPct, trailingStopPct } = this.params;
    if (stopLossPct !== undefined) ctx.sell(quantity, { triggerPrice: entry.mul(Decimal.fromNumber(1 - stopLossPct / 100)), reduceOnly: true });
    if (takeProfitPct !== undefined) ctx.sell(quantity, { price: entry.mul(Decimal.fromNumber(1 + takeProfitPct / 100)), reduceOnly: true });
    if (trailingStopPct !== undefined) ctx.sell(quantity, { trailingOffset: { unit: 'BPS', amount: trailingStopPct * 100 }, reduceOnly: true });
  }
}

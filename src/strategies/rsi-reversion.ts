import { z } from 'zod';
import { Rsi, type Bar } from '../domain/index.js';
import { Strategy } from '../application/strategy/strategy.js';
import type { StrategyContext } from '../application/strategy/strategy-context.js';

const level = (name: string) => z.coerce.number({ error: `an RSI level for ${name}` }).gt(0, { error: 'above 0' }).lt(100, { error: 'below 100' });

const params = z
  .object({
    period: z.coerce.number({ error: 'a whole number of bars' }).int({ error: 'a whole number of bars' }).min(2, { error: 'at least 2 bars' }).default(14),
    oversold: level('oversold').default(30),
    overbought: level('overbought').default(70),
    size: z.coerce.number({ error: 'a quantity in base units' }).positive({ error: 'a quantity above 0' }),
  })
  .strict()
  .refine((p) => p.oversold < p.overbought, { error: 'below overbought', path: ['oversold'] });

export type RsiReversionParams = z.infer<typeof params>;

/**
 * Long-only mean reversion on Wilder's RSI: buys `size` at market when RSI(period) closes below
 * `oversold` while flat, and closes the position when RSI closes above `overbought`.
 */
export class RsiReversion extends Strategy<RsiReversionParams> {
  static readonly strategyName = 'rsi-reversion';
  static readonly description = 'buy `size` when RSI < oversold, close the position when RSI > overbought';
  static readonly params = params;

  private readonly rsi: Rsi;

  constructor(p: RsiReversionParams) {
    super(p);
    this.rsi = new Rsi(p.period);
  }

  override onStart(ctx: StrategyContext): void {
    ctx.indicators.register(this.rsi);
  }

  override onBar(_bar: Bar, ctx: StrategyContext): void {
    const rsi = this.rsi.value;
    if (rsi === undefined) return;
    const flat = ctx.position().isFlat;
    if (flat && rsi < this.params.oversold && ctx.openOrders().length === 0) ctx.buy(this.params.size);
    else if (!flat && rsi > this.params.overbought) ctx.closePosition();
  }
}

import { z } from 'zod';
import { Sma, type Bar } from '../domain/index.js';
import { Strategy } from '../application/strategy/strategy.js';
import type { StrategyContext } from '../application/strategy/strategy-context.js';

const params = z
  .object({
    fast: z.coerce.number({ error: 'a whole number of bars' }).int({ error: 'a whole number of bars' }).min(1, { error: 'at least 1 bar' }),
    slow: z.coerce.number({ error: 'a whole number of bars' }).int({ error: 'a whole number of bars' }).min(2, { error: 'at least 2 bars' }),
    size: z.coerce.number({ error: 'a quantity in base units' }).positive({ error: 'a quantity above 0' }),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { error: 'fewer bars than slow', path: ['fast'] });

export type SmaCrossParams = z.infer<typeof params>;

/**
 * Long-only moving-average crossover. Buys `size` base units at market when the fast SMA crosses above
 * the slow one (the last non-zero fast − slow before this bar was negative and now fast > slow) and closes
 * the whole position on the mirror-image cross below. A touch (fast = slow) without a cross is no signal.
 * The SMAs re-sum their windows exactly, so equal windows give equal values and flat markets create no
 * false crosses.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  static readonly strategyName = 'sma-cross';
  static readonly description = 'buy `size` when SMA(fast) crosses above SMA(slow), close the position on the cross below';
  static readonly params = params;

  private readonly fast: Sma;
  private readonly slow: Sma;
  /** The last non-zero fast − slow seen before the current bar. */
  private lastNonZeroDiff = 0;

  constructor(p: SmaCrossParams) {
    super(p);
    this.fast = new Sma(p.fast);
    this.slow = new Sma(p.slow);
  }

  override onStart(ctx: StrategyContext): void {
    ctx.indicators.register(this.fast);
    ctx.indicators.register(this.slow);
  }

  override onBar(_bar: Bar, ctx: StrategyContext): void {
    if (!this.fast.isReady || !this.slow.isReady) return;
    const diff = this.fast.last - this.slow.last;
    if (diff > 0 && this.lastNonZeroDiff < 0) {
      if (ctx.position().isFlat && ctx.openOrders().length === 0) ctx.buy(this.params.size);
    } else if (diff < 0 && this.lastNonZeroDiff > 0) {
      ctx.cancelAll(); // an entry still on its way is withdrawn
      ctx.closePosition();
    }
    if (diff !== 0) this.lastNonZeroDiff = diff;
  }
}

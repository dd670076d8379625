import { z } from 'zod';
import { Decimal, type Bar } from '../domain/index.js';
import { Strategy } from '../application/strategy/strategy.js';
import type { StrategyContext } from '../application/strategy/strategy-context.js';

const params = z
  .object({
    size: z.coerce.number({ error: 'a quantity in base units' }).positive({ error: 'a quantity above 0' }).optional(),
    fraction: z.coerce.number({ error: 'a fraction of the buying power' }).gt(0, { error: 'above 0' }).max(1, { error: 'at most 1' }).default(1),
  })
  .strict();

export type BuyAndHoldParams = z.infer<typeof params>;

/**
 * The benchmark every strategy should beat: on the first bar buys `size` base units, or, without `size`,
 * `fraction` (default all) of the buying power: as much as the free cash pays for at the first close by the
 * risk engine's reservation rule (price, market buffer, fee). Then holds to the end.
 */
export class BuyAndHold extends Strategy<BuyAndHoldParams> {
  static readonly strategyName = 'buy-and-hold';
  static readonly description = 'buy once on the first bar (`size`, or `fraction` of the buying power, default all) and hold';
  static readonly params = params;

  private done = false;

  override onBar(_bar: Bar, ctx: StrategyContext): void {
    if (this.done) return;
    this.done = true;
    const fraction = this.params.fraction;
    const quantity = this.params.size ?? (fraction === 1 ? ctx.buyingPower() : ctx.buyingPower().mul(Decimal.fromNumber(fraction)));
    const result = ctx.buy(quantity);
    if (!result.ok) ctx.log.warn(`buy-and-hold could not buy: ${result.reason}`);
  }
}

import type { Bar, Fill, Order } from '../../domain/index.js';
import type { ParamsSchema } from './params-schema.js';
import type { StrategyContext } from './strategy-context.js';

/**
 * A trading strategy: the same class runs in backtest, paper and live mode, because all it sees is the
 * context. Hooks run on the engine's single thread, one at a time; orders submitted in a hook are
 * processed after the hook returns.
 *
 * @example
 *   class Buyer extends Strategy<{ size: number }> {
 *     static readonly strategyName = 'buyer';
 *     static readonly description = 'buys once';
 *     static readonly params = z.object({ size: z.coerce.number().positive() });
 *     override onBar(_bar: Bar, ctx: StrategyContext) {
 *       if (ctx.position().isFlat) ctx.buy(this.params.size);
 *     }
 *   }
 */
export abstract class Strategy<P = unknown> {
  constructor(readonly params: P) {}

  /** Once, before the first bar: subscribe to more streams and register indicators here. */
  onStart(_ctx: StrategyContext): void {}
  /** For every closed bar of every subscription. */
  abstract onBar(bar: Bar, ctx: StrategyContext): void;
  /** For every fill of this strategy's orders, after the portfolio has booked it. */
  onFill(_fill: Fill, _ctx: StrategyContext): void {}
  /** For every state change of this strategy's orders (accepted, rejected, canceled, filled...). */
  onOrderUpdate(_order: Order, _ctx: StrategyContext): void {}
  /** Once, after the last event. */
  onStop(_ctx: StrategyContext): void {}
}

/** A strategy class with its name, description and parameter schema as statics. */
export interface StrategyClass<P = unknown> {
  readonly strategyName: string;
  readonly description: string;
  readonly params: ParamsSchema<P>;
  new (params: P): Strategy<P>;
}

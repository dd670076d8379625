import { Decimal, type OrderSide } from '../../domain/index.js';

/**
 * How far a taker fill lands from the price it aimed at, against the taker.
 * none: at the price. fixed: a constant number of basis points. volume: linear market impact,
 * `impactBps` at 100 % of the bar's volume, so an order of 1 % of the volume pays impactBps / 100.
 */
export type SlippageModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly bps: number }
  | { readonly kind: 'volume'; readonly impactBps: number };

const BPS = Decimal.of('0.0001');

/** Basis points of slippage for a taker fill of `quantity` in a bar that traded `barVolume`. */
export function slippageBps(model: SlippageModel, quantity: number, barVolume: number): number {
  switch (model.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return model.bps;
    case 'volume':
      return barVolume > 0 ? model.impactBps * Math.min(1, quantity / barVolume) : model.impactBps;
  }
}

/** The price moved against the taker by `bps`: up for a buy, down for a sell. Exact. */
export function slip(price: Decimal, side: OrderSide, bps: number): Decimal {
  if (bps === 0) return price;
  const move = price.mul(Decimal.fromNumber(bps)).mul(BPS);
  return side === 'BUY' ? price.add(move) : price.sub(move);
}

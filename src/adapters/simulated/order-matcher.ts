import { Decimal, RoundingMode, type Instrument, type Liquidity, type Order, type Price, type TrailingOffset } from '../../domain/index.js';
import type { IntrabarPath, Touch } from './intrabar-path.js';

/** A traded float price as an exact price on the instrument's tick grid. */
export function exactPrice(instrument: Instrument, price: number): Price {
  return instrument.roundPrice(Decimal.fromNumber(price), RoundingMode.HALF_EVEN);
}

/** An order as the simulated venue holds it. */
export interface SimOrder {
  order: Order;
  leaves: Decimal;
  /** Not yet seen any price since submission: its first evaluation is its arrival at the venue. */
  arriving: boolean;
  /** A stop, stop-limit or trailing stop whose trigger has fired. */
  triggered: boolean;
  /** Trailing stops: whether trailing has started and the best price seen since. */
  trail: { active: boolean; extreme: number } | undefined;
  readonly seq: number;
  /** The venue's id for it, reported on acceptance and on every fill. */
  readonly venueOrderId: string;
}

/** What the path offers an order within one bar. */
export type Opportunity =
  | {
      readonly kind: 'fill';
      readonly t: number;
      /** The price aimed at; market-like fills still take slippage. */
      readonly price: Decimal;
      readonly liquidity: Liquidity;
      readonly marketLike: boolean;
      readonly triggers: boolean;
    }
  | { readonly kind: 'trigger'; readonly t: number }
  | { readonly kind: 'cancel'; readonly t: number; readonly reason: string }
  | { readonly kind: 'reject'; readonly t: number; readonly code: string; readonly reason: string };

/**
 * The first execution opportunity of an order on a bar's path, or undefined if the bar offers none.
 * Conventions (README "Simulated venue"): a price already through the order's level at the open fills at
 * the open; a resting limit fills at its limit as a maker; an order marketable on arrival takes liquidity;
 * stops fill at their trigger as takers with slippage applied by the caller.
 */
export function findOpportunity(sim: SimOrder, path: IntrabarPath, instrument: Instrument): Opportunity | undefined {
  const spec = sim.order.spec;
  const buy = spec.side === 'BUY';
  switch (spec.type) {
    case 'MARKET':
      return { kind: 'fill', t: 0, price: exactPrice(instrument, path.open), liquidity: 'TAKER', marketLike: true, triggers: false };
    case 'LIMIT':
      return limitOpportunity(sim, path, instrument, spec.price, 0, sim.arriving, false);
    case 'STOP_MARKET': {
      if (sim.triggered) return { kind: 'fill', t: 0, price: exactPrice(instrument, path.open), liquidity: 'TAKER', marketLike: true, triggers: false };
      const touch = stopTouch(path, buy, spec.triggerPrice);
      if (touch === undefined) return undefined;
      return { kind: 'fill', t: touch.t, price: touch.gap ? exactPrice(instrument, touch.price) : spec.triggerPrice, liquidity: 'TAKER', marketLike: true, triggers: true };
    }
    case 'STOP_LIMIT': {
      if (sim.triggered) return limitOpportunity(sim, path, instrument, spec.price, 0, false, false);
      const touch = stopTouch(path, buy, spec.triggerPrice);
      if (touch === undefined) return undefined;
      const triggerPrice = touch.gap ? touch.price : spec.triggerPrice.toNumber();
      const limit = spec.price.toNumber();
      // On trigger the limit order arrives where the market trades, at the trigger price: marketable
      // there, it takes at that price (a sell limit below it takes the better bid, not its own limit).
      if (buy ? triggerPrice <= limit : triggerPrice >= limit) {
        return { kind: 'fill', t: touch.t, price: touch.gap ? exactPrice(instrument, touch.price) : spec.triggerPrice, liquidity: 'TAKER', marketLike: false, triggers: true };
      }
      return limitOpportunity(sim, path, instrument, spec.price, touch.t, false, true) ?? { kind: 'trigger', t: touch.t };
    }
    case 'TRAILING_STOP':
      return trailingOpportunity(sim, path, spec.offset, spec.activationPrice?.toNumber(), buy, instrument);
  }
}

function stopTouch(path: IntrabarPath, buy: boolean, trigger: Price): Touch | undefined {
  return buy ? path.firstAtOrAbove(trigger.toNumber()) : path.firstAtOrBelow(trigger.toNumber());
}

/** A limit order from position `from`: taken on arrival if marketable there, else resting as a maker. */
function limitOpportunity(
  sim: SimOrder,
  path: IntrabarPath,
  instrument: Instrument,
  limit: Price,
  from: number,
  arriving: boolean,
  triggers: boolean,
): Opportunity | undefined {
  const spec = sim.order.spec;
  const level = limit.toNumber();
  const touch = spec.side === 'BUY' ? path.firstAtOrBelow(level, from) : path.firstAtOrAbove(level, from);
  const immediate = spec.timeInForce === 'IOC' || spec.timeInForce === 'FOK';
  if (touch === undefined || (arriving && touch.t > from)) {
    if (arriving && immediate) return { kind: 'cancel', t: from, reason: `${spec.timeInForce} limit not marketable on arrival` };
    return touch === undefined ? undefined : restingFill(touch, limit, instrument, triggers);
  }
  if (touch.gap && touch.t === from && arriving) {
    if (spec.postOnly) return { kind: 'reject', t: from, code: 'POST_ONLY_WOULD_TAKE', reason: 'post-only order would take liquidity on arrival' };
    return { kind: 'fill', t: touch.t, price: exactPrice(instrument, touch.price), liquidity: 'TAKER', marketLike: false, triggers };
  }
  return restingFill(touch, limit, instrument, triggers);
}

function restingFill(touch: Touch, limit: Price, instrument: Instrument, triggers: boolean): Opportunity {
  return { kind: 'fill', t: touch.t, price: touch.gap ? exactPrice(instrument, touch.price) : limit, liquidity: 'MAKER', marketLike: false, triggers };
}

/**
 * Walks the path for a trailing stop: while active, the best price seen (highest for a sell, lowest for a
 * buy) moves the stop; the stop fires where the path comes back to it. Mutates the order's trail state.
 */
function trailingOpportunity(
  sim: SimOrder,
  path: IntrabarPath,
  offset: TrailingOffset,
  activation: number | undefined,
  buy: boolean,
  instrument: Instrument,
): Opportunity | undefined {
  const trail = (sim.trail ??= { active: activation === undefined, extreme: path.open });
  const amount = offset.amount.toNumber();
  const stopOf = (extreme: number): number =>
    offset.unit === 'PRICE' ? (buy ? extreme + amount : extreme - amount) : buy ? extreme * (1 + amount / 10_000) : extreme * (1 - amount / 10_000);
  const better = (a: number, b: number): boolean => (buy ? a < b : a > b);
  const points = path.points;
  for (let k = 0; k < 3; k += 1) {
    const segmentStart = points[k] as number;
    const b = points[k + 1] as number;
    // Where trailing is live on this segment: its start, or the activation point inside it.
    let a = segmentStart;
    if (!trail.active) {
      const reached = activation !== undefined && (buy ? Math.min(a, b) <= activation : Math.max(a, b) >= activation);
      if (!reached) continue;
      trail.active = true;
      trail.extreme = activation;
      if (!(buy ? a <= activation : a >= activation)) a = activation;
    }
    // The segment's start is a traded price too: an open that gapped beyond the best price so far (or
    // beyond the activation price) moves the stop before the path turns back.
    if (better(a, trail.extreme)) trail.extreme = a;
    const stopAtStart = stopOf(trail.extreme);
    if (buy ? a >= stopAtStart : a <= stopAtStart) {
      const t = k + (segmentStart === b ? 0 : (a - segmentStart) / (b - segmentStart));
      return { kind: 'fill', t, price: exactPrice(instrument, a), liquidity: 'TAKER', marketLike: true, triggers: true };
    }
    if (better(b, a)) {
      if (better(b, trail.extreme)) trail.extreme = b;
      continue;
    }
    if (buy ? b >= stopAtStart : b <= stopAtStart) {
      const t = k + (segmentStart === b ? 0 : (stopAtStart - segmentStart) / (b - segmentStart));
      return { kind: 'fill', t, price: exactPrice(instrument, stopAtStart), liquidity: 'TAKER', marketLike: true, triggers: true };
    }
  }
  return undefined;
}

import type { Bar, InstrumentId, Timeframe } from '../../domain/index.js';

/** One stream a strategy listens to. */
export interface Subscription {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
}

/**
 * Market data as the engine receives it, discriminated by `kind`. Bars now; trade ticks and order-book
 * updates join this union later without changing the engine's loop. `tsMs` is when the event becomes
 * known: a bar's close time, since a bar exists for strategies only once it has closed.
 */
export type MarketEvent = BarEvent;

/**
 * A closed bar as an event: the bar itself plus when it became known, one object per bar (the engine's
 * most frequent allocation, so there is no wrapper around the bar).
 */
export interface BarEvent extends Bar {
  readonly kind: 'bar';
  readonly tsMs: number;
}

/**
 * A source of market events in time order. A historical feed answers synchronously, so a backtest loop
 * runs without a promise per bar; a live feed answers with a promise. `undefined` means the feed ended.
 */
export interface MarketDataFeed {
  next(): MarketEvent | undefined | Promise<MarketEvent | undefined>;
}

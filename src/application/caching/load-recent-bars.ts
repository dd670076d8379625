import { timeframeMs, type BarSeries, type InstrumentId, type Timeframe } from '../../domain/index.js';
import type { MarketDataRepository } from '../ports/market-data-repository.js';
import type { MarketDataCache } from './market-data-cache.js';

/**
 * The newest `count` bars of a series: from memory when the cache holds that many, else read from the
 * repository (the bars of the last `count` bar intervals before the newest stored bar, so gaps can make it
 * fewer) and kept in the cache for the next call.
 *
 * @example
 * const window = await loadRecentBars(recent, bars, id, tf, 200);
 */
export async function loadRecentBars(
  cache: MarketDataCache,
  repository: Pick<MarketDataRepository, 'readSeries' | 'latestBar'>,
  instrumentId: InstrumentId,
  timeframe: Timeframe,
  count: number,
): Promise<BarSeries> {
  if (cache.barCount(instrumentId, timeframe) >= count) return cache.recentBars(instrumentId, timeframe, count);
  const newest = await repository.latestBar(instrumentId, timeframe);
  if (newest === undefined) return cache.recentBars(instrumentId, timeframe, count);
  const fromMs = newest.tsOpen - (count - 1) * timeframeMs(timeframe);
  cache.putSeries(await repository.readSeries(instrumentId, timeframe, fromMs, newest.tsOpen));
  return cache.recentBars(instrumentId, timeframe, count);
}

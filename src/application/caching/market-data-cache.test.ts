import { describe, expect, it } from 'vitest';
import { instrumentId, timeframe, type Bar, type BarSeries } from '../../domain/index.js';
import { loadRecentBars } from './load-recent-bars.js';
import { MarketDataCache } from './market-data-cache.js';

const btc = instrumentId('BTC/USDT');
const eth = instrumentId('ETH/USDT');
const m1 = timeframe('1m');
const h1 = timeframe('1h');
const bar = (tsOpen: number, close: number, id = btc, tf = m1): Bar => ({
  instrumentId: id,
  timeframe: tf,
  tsOpen,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});
const series = (tsOpens: readonly number[], id = btc, tf = m1): BarSeries => {
  const column = (f: (ts: number) => number) => Float64Array.from(tsOpens, f);
  return {
    instrumentId: id,
    timeframe: tf,
    length: tsOpens.length,
    tsOpen: column((ts) => ts),
    open: column((ts) => ts / 60_000),
    high: column((ts) => ts / 60_000),
    low: column((ts) => ts / 60_000),
    close: column((ts) => ts / 60_000),
    volume: column(() => 1),
  };
};

describe('MarketDataCache', () => {
  it('serves the recent bars of each instrument and timeframe apart, and the latest ticker', () => {
    const cache = new MarketDataCache({ barsPerSeries: 3 });
    for (let i = 1; i <= 5; i++) cache.putBar(bar(i * 60_000, i));
    cache.putBar(bar(3_600_000, 99, btc, h1));
    cache.putBar(bar(60_000, 7, eth));
    expect(Array.from(cache.recentBars(btc, m1, 10).close)).toEqual([3, 4, 5]);
    expect(Array.from(cache.recentBars(btc, h1, 10).close)).toEqual([99]);
    expect(cache.latestBar(eth, m1)?.close).toBe(7);
    expect(cache.recentBars(eth, h1, 5).length, 'nothing held: an empty series').toBe(0);
    expect(cache.putTicker({ instrumentId: btc, tsMs: 2, bid: 1, ask: 2, last: 1.5 })).toBe(true);
    expect(cache.putTicker({ instrumentId: btc, tsMs: 1, bid: 9, ask: 9, last: 9 }), 'an older ticker').toBe(false);
    expect(cache.latestTicker(btc)?.last).toBe(1.5);
    expect(cache.stats()).toEqual({ series: 3, tickers: 1, refusedBars: 0 });
  });

  it('refuses, and counts, bars of series beyond maxSeries', () => {
    const cache = new MarketDataCache({ maxSeries: 1 });
    expect(cache.putBar(bar(60_000, 1))).toBe(true);
    expect(cache.putBar(bar(60_000, 1, eth))).toBe(false);
    expect(cache.stats().refusedBars).toBe(1);
  });

  it('merges a series from the repository with the newer bars from the feed', () => {
    const cache = new MarketDataCache({ barsPerSeries: 5 });
    cache.putBar(bar(4 * 60_000, 40));
    cache.putBar(bar(5 * 60_000, 50));
    cache.putSeries(series([1, 2, 3, 4, 5].map((i) => i * 60_000)));
    expect(Array.from(cache.recentBars(btc, m1, 5).close), "the feed's bars win in the range both hold").toEqual([1, 2, 3, 40, 50]);
  });

  it('loadRecentBars serves from memory when it holds enough, else reads the repository once and keeps the bars', async () => {
    const cache = new MarketDataCache({ barsPerSeries: 100 });
    const stored = series(Array.from({ length: 50 }, (_, i) => (i + 1) * 60_000));
    let reads = 0;
    const repository = {
      latestBar: () => Promise.resolve(bar(50 * 60_000, 50)),
      readSeries: (_id: unknown, _tf: unknown, fromMs?: number, toMs?: number) => {
        reads++;
        const keep = Array.from(stored.tsOpen).filter((ts) => ts >= (fromMs ?? -Infinity) && ts <= (toMs ?? Infinity));
        return Promise.resolve(series(keep));
      },
    };
    const first = await loadRecentBars(cache, repository, btc, m1, 20);
    expect(Array.from(first.tsOpen)).toEqual(Array.from({ length: 20 }, (_, i) => (31 + i) * 60_000));
    const again = await loadRecentBars(cache, repository, btc, m1, 20);
    expect(again.length).toBe(20);
    expect(reads, 'the second call was served from memory').toBe(1);
  });
});

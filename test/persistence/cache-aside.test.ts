import { describe, expect, it } from 'vitest';
import { cacheAside, noCacheAside } from '../../src/application/persistence/cache-aside.js';
import { PostgresMarketDataRepository } from '../../src/adapters/postgres/postgres-market-data-repository.js';
import type { Bar } from '../../src/domain/market-data/bar.js';
import type { InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import type { Timeframe } from '../../src/domain/market-data/timeframe.js';
import { describeEachBackend } from './backends.js';
import { barSeries } from './bar-series.js';
import { MapCache } from './map-cache.js';

describe('cacheAside', () => {
  it('loads once, serves from the cache until the entry expires or is invalidated', async () => {
    let nowMs = 0;
    const cache = new MapCache<number>(() => nowMs);
    const hook = cacheAside(cache, { ttlMs: 1_000 });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await hook.read('k', load)).toBe(1);
    expect(await hook.read('k', load)).toBe(1);
    nowMs = 1_000;
    expect(await hook.read('k', load), 'expired at exactly ttlMs').toBe(2);
    await hook.invalidate('k');
    expect(await hook.read('k', load)).toBe(3);
    expect(await hook.read('missing', () => Promise.resolve(undefined))).toBeUndefined();
    expect(cache.sets, 'an undefined load is not cached').toBe(3);
  });

  it('without a cache, always loads', async () => {
    let loads = 0;
    const hook = noCacheAside<number>();
    await hook.read('k', () => Promise.resolve(++loads));
    await hook.read('k', () => Promise.resolve(++loads));
    expect(loads).toBe(2);
  });
});

describeEachBackend('market-data repository with a latest-bar cache', (current) => {
  it('serves latestBar from the cache and an ingest of the series invalidates it', async () => {
    const cache = new MapCache<Bar>();
    const repository = new PostgresMarketDataRepository(current().db, { latestBarCache: cacheAside(cache, { ttlMs: 60_000 }) });
    const id = 'BTC/USDT' as InstrumentId;
    const tf = '1m' as Timeframe;
    await repository.ingest(barSeries(id, tf, 10));
    const first = await repository.latestBar(id, tf);
    const second = await repository.latestBar(id, tf);
    expect(second).toEqual(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    await repository.ingest(barSeries(id, tf, 20));
    expect((await repository.latestBar(id, tf))?.tsOpen, 'the newer bar, not the cached one').toBe(barSeries(id, tf, 20).tsOpen[19]);
  });
});

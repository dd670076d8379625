import { getOrLoad } from '../caching/get-or-load.js';
import type { Cache } from '../ports/cache.js';

/**
 * The cache-aside hook a repository composes (never inherits): reads go through `read`, which serves the
 * cached value or loads it from the database and caches it; writers call `invalidate` once their change
 * is committed. Without a cache configured a repository gets `noCacheAside()`, which always loads.
 * A write in another process is not seen until the entry expires: keep `ttlMs` short.
 *
 * @example
 * const latest = cacheAside(barsCache, { ttlMs: 5_000 });
 * const bar = await latest.read(key, () => loadLatestBar(id, tf));  // in the repository's read
 * await latest.invalidate(key);                                      // after the ingest committed
 */
export interface CacheAside<V> {
  read(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  invalidate(key: string): Promise<void>;
}

/** Cache-aside over a Cache port (see getOrLoad): entries expire after `ttlMs`. */
export function cacheAside<V>(cache: Cache<V>, options: { readonly ttlMs: number }): CacheAside<V> {
  return {
    read: (key, load) => getOrLoad(cache, key, load, { ttlMs: options.ttlMs }),
    invalidate: async (key) => {
      await cache.delete(key);
    },
  };
}

/** The hook when no cache is configured: every read loads. */
export function noCacheAside<V>(): CacheAside<V> {
  return { read: (_key, load) => load(), invalidate: () => Promise.resolve() };
}

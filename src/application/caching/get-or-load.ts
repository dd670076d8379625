import type { Cache, CacheSetOptions } from '../ports/cache.js';

/**
 * Cache-aside read: the cached value, or else `load()`'s, which is then cached (an undefined load result
 * is not cached, so a missing row is looked up again next time). The writer's half of cache-aside is
 * `cache.delete(key)` after the system of record changed.
 *
 * A read that loaded before a concurrent update and caches after its delete puts back the old value; the
 * entry's TTL bounds how long, so give cache-aside entries a TTL.
 *
 * @example
 * const row = await getOrLoad(cache, `order:${id}`, () => db.findOrder(id), { ttlMs: 30_000 });
 */
export async function getOrLoad<V>(
  cache: Cache<V>,
  key: string,
  load: () => Promise<V | undefined>,
  options?: CacheSetOptions,
): Promise<V | undefined> {
  const cached = await cache.get(key);
  if (cached !== undefined) return cached;
  const loaded = await load();
  if (loaded !== undefined) await cache.set(key, loaded, options);
  return loaded;
}

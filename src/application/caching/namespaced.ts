import type { Cache, CacheEntry, CacheSetOptions } from '../ports/cache.js';
import { AtbError } from '../../shared/errors.js';

/**
 * A view of `cache` whose keys live under `namespace:`, so that users sharing one cache never collide
 * (as long as each uses its own namespace and namespaces contain no ':'). Its `clear()` removes only the
 * namespace; `stats()`, `health()` and `close()` are the underlying cache's (closing a view closes it).
 *
 * @example
 * const params = namespaced(strategyCache, 'params');
 * await params.set('sma-cross-1', { fast: 10, slow: 30 }); // stored under "params:sma-cross-1"
 */
export function namespaced<V>(cache: Cache<V>, namespace: string): Cache<V> {
  if (namespace.length === 0 || namespace.includes(':')) {
    const expected = "expected a non-empty name without ':'";
    throw new AtbError('INVALID_INPUT', `invalid cache namespace, was ${JSON.stringify(namespace)}: ${expected}`, {
      field: 'namespace',
      value: namespace,
    });
  }
  const prefix = `${namespace}:`;
  const inner = (key: string): string => prefix + key;
  return {
    get: (key: string) => cache.get(inner(key)),
    set: (key: string, value: V, options?: CacheSetOptions) => cache.set(inner(key), value, options),
    delete: (key: string) => cache.delete(inner(key)),
    has: (key: string) => cache.has(inner(key)),
    mget: (keys: readonly string[]) => cache.mget(keys.map(inner)),
    mset: (entries: readonly CacheEntry<V>[]) =>
      cache.mset(entries.map((entry) => ({ ...entry, key: inner(entry.key) }))),
    clear: (subPrefix?: string) => cache.clear(prefix + (subPrefix ?? '')),
    stats: () => cache.stats(),
    health: () => cache.health(),
    close: () => cache.close(),
  };
}

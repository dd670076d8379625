import type { Cache, CacheEntry, CacheHealth, CacheSetOptions, CacheStats } from '../../src/application/ports/cache.js';

/**
 * A hand-written Cache for persistence tests: a Map with TTLs on an injected clock, counting hits and
 * misses. Not a product cache (those are the caching issue's adapters).
 */
export class MapCache<V> implements Cache<V> {
  readonly #entries = new Map<string, { value: V; expiresAtMs: number }>();
  hits = 0;
  misses = 0;
  sets = 0;
  deletes = 0;

  constructor(private readonly now: () => number = () => 0) {}

  get(key: string): Promise<V | undefined> {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAtMs <= this.now()) {
      this.misses++;
      return Promise.resolve(undefined);
    }
    this.hits++;
    return Promise.resolve(entry.value);
  }

  set(key: string, value: V, options?: CacheSetOptions): Promise<void> {
    this.sets++;
    this.#entries.set(key, { value, expiresAtMs: this.now() + (options?.ttlMs ?? Number.POSITIVE_INFINITY) });
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    this.deletes++;
    return Promise.resolve(this.#entries.delete(key));
  }

  has(key: string): Promise<boolean> {
    const entry = this.#entries.get(key);
    return Promise.resolve(entry !== undefined && entry.expiresAtMs > this.now());
  }

  async mget(keys: readonly string[]): Promise<(V | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async mset(entries: readonly CacheEntry<V>[]): Promise<void> {
    for (const entry of entries) await this.set(entry.key, entry.value, entry);
  }

  clear(prefix = ''): Promise<void> {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
    return Promise.resolve();
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      sets: this.sets,
      deletes: this.deletes,
      evictions: 0,
      expirations: 0,
      errors: 0,
      droppedWrites: 0,
      decodeFailures: 0,
      entries: this.#entries.size,
      bytes: undefined,
      circuit: undefined,
    };
  }

  health(): CacheHealth {
    return { status: 'ok', reason: undefined };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A cache of values of one type, keyed by strings. Every adapter (memory, Redis, disk, hybrid) keeps the
 * same promises, checked by one contract suite (test/cache/cache-contract.ts):
 *
 * - A cache never makes ATB wrong or stops it. A backend failure (Redis down, disk full, a tampered or
 *   undecodable entry) is a miss on read and a dropped write, counted in `stats()` and shown by `health()`;
 *   it never rejects. Only a programming error (an empty key, a TTL that is not a positive number) rejects,
 *   with AtbError INVALID_INPUT.
 * - TTL: an entry set at time t with `ttlMs` d is served while now < t + d and never from t + d on.
 *   Without `ttlMs` the cache's default TTL applies; without either, the entry lives until evicted.
 * - After `close()`, reads miss and writes are dropped (so a late call during shutdown cannot fail);
 *   `close()` may be called more than once.
 * - Values are handed over, not copied, by the in-process caches: treat cached values as immutable.
 *
 * @example
 * const bars = registry.findCache('bars', jsonCodec<BarDto>());
 * const hit = await bars?.get(`BTC/USDT:1m:${tsOpen}`);
 */
export interface Cache<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V, options?: CacheSetOptions): Promise<void>;
  /** Resolves true when a live entry was removed. */
  delete(key: string): Promise<boolean>;
  /** Whether a live entry exists; unlike `get` it counts no hit or miss and does not touch recency. */
  has(key: string): Promise<boolean>;
  /** The values in the order of `keys`, `undefined` for each miss. */
  mget(keys: readonly string[]): Promise<(V | undefined)[]>;
  mset(entries: readonly CacheEntry<V>[]): Promise<void>;
  /** Removes every entry, or with `prefix` only those whose key starts with it (a namespace). */
  clear(prefix?: string): Promise<void>;
  stats(): CacheStats;
  health(): CacheHealth;
  close(): Promise<void>;
}

export interface CacheSetOptions {
  /** Time to live in milliseconds, a positive number; overrides the cache's default TTL. */
  readonly ttlMs?: number;
}

export interface CacheEntry<V> extends CacheSetOptions {
  readonly key: string;
  readonly value: V;
}

/**
 * Turns values into bytes and back, for caches that store outside the process (Redis, disk). `decode`
 * throws on bytes it does not recognise; the cache turns that into a miss and counts a decode failure.
 */
export interface CacheCodec<V> {
  /** Names the format in metrics and errors, e.g. "json" or "msgpack". */
  readonly name: string;
  encode(value: V): Uint8Array;
  decode(bytes: Uint8Array): V;
}

/**
 * Counters since the cache was built. `entries` and `bytes` are what the cache holds now where it knows
 * (undefined for Redis, whose size the server governs).
 */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly sets: number;
  readonly deletes: number;
  /** Entries removed to respect a bound (maxEntries, maxBytes). */
  readonly evictions: number;
  /** Entries found expired and dropped. */
  readonly expirations: number;
  /** Backend calls that failed or were refused by an open circuit. */
  readonly errors: number;
  /** Writes (set, mset, delete, clear) that could not be applied. */
  readonly droppedWrites: number;
  /** Stored entries that could not be decompressed, decrypted (tampered) or decoded: served as misses. */
  readonly decodeFailures: number;
  readonly entries: number | undefined;
  readonly bytes: number | undefined;
  /** The circuit breaker's state for caches behind one (Redis), else undefined. */
  readonly circuit: string | undefined;
}

export const CacheStatus = { OK: 'ok', DEGRADED: 'degraded', DOWN: 'down' } as const;
export type CacheStatus = (typeof CacheStatus)[keyof typeof CacheStatus];

/**
 * `degraded`: the cache answers but a backend is unreachable or its circuit is open, so reads miss and
 * writes are dropped (trading goes on, slower). `down`: the cache was closed.
 */
export interface CacheHealth {
  readonly status: CacheStatus;
  /** Why the status is not ok, for a health endpoint; undefined when ok. */
  readonly reason: string | undefined;
}

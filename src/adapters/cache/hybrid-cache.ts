import { checkCacheKey, checkTtlMs } from '../../application/caching/cache-input.js';
import {
  CacheStatus,
  type Cache,
  type CacheEntry,
  type CacheHealth,
  type CacheSetOptions,
  type CacheStats,
} from '../../application/ports/cache.js';
import { systemClock, type ResilienceClock } from '../../shared/resilience/index.js';
import type { BackingCache, TimedValue } from './backing-cache.js';
import type { EvictionPolicy } from './eviction-order.js';
import type { Invalidation } from './invalidation-message.js';
import { MemoryCache } from './memory-cache.js';
import type { InvalidationFeed } from './redis-invalidation-feed.js';

export interface HybridCacheOptions<V> {
  readonly name: string;
  /** The level behind memory (Redis or disk); closed with the hybrid. */
  readonly backing: BackingCache<V>;
  /** Bounds of the memory level (default 10 000 entries). */
  readonly memory?: {
    readonly maxEntries?: number;
    readonly maxBytes?: number;
    readonly eviction?: EvictionPolicy;
    readonly sizeOf?: (value: V, key: string) => number;
  };
  /**
   * Other processes' writes; closed with the hybrid. Without one this process must be the only writer (a
   * disk cache, which is locked to one process).
   */
  readonly feed?: InvalidationFeed;
  /** The staleness bound (see the class comment). Default 1 000 ms. */
  readonly maxStalenessMs?: number;
  /** Monotonic time, the same clock as the feed's. */
  readonly clock?: ResilienceClock;
}

/** A memory entry with the time its value was read from (or written to) the level behind. */
interface Held<V> {
  readonly value: V;
  readonly readAtMs: number;
}

/** A read or write of the level behind in progress; an invalidation meanwhile forbids keeping its value. */
interface Flight {
  readonly key: string;
  readonly startMs: number;
  invalidated: boolean;
}

/**
 * Memory in front of Redis or disk: reads go through (a memory miss reads behind and keeps the value, with
 * the TTL it has left there), writes go through (behind first, then memory, only when applied behind).
 *
 * The bound: once a write by another process has completed, this process never serves the old value from
 * memory later than `maxStalenessMs` after it. A memory entry is served only if the time it was read at, or
 * the feed's `deliveredBeforeMs()` (every invalidation before it has been heard), is less than
 * `maxStalenessMs` ago, and it has not been invalidated since: a write completed at t either came before
 * the read (the value is new) or its invalidation was heard before any mark later than t. When the feed
 * falls behind or is gone, entries therefore age out of memory after `maxStalenessMs` and reads go to the
 * level behind. A value read behind while an invalidation of its key arrived is returned but not kept.
 *
 * What the bound does not cover: a write the level behind dropped (Redis unreachable from the writer) is
 * not seen by anybody until the writer reconnects and replays its invalidations (redis-cache.ts); values
 * already in memory when an outage starts are still served for up to the bound.
 */
export class HybridCache<V> implements Cache<V> {
  readonly name: string;
  readonly #memory: MemoryCache<Held<V>>;
  readonly #backing: BackingCache<V>;
  readonly #feed: InvalidationFeed | undefined;
  readonly #maxStalenessMs: number;
  readonly #clock: ResilienceClock;
  readonly #flights = new Map<string, Flight[]>();
  #hits = 0;
  #misses = 0;
  #closed = false;

  constructor(options: HybridCacheOptions<V>) {
    this.name = options.name;
    this.#backing = options.backing;
    this.#feed = options.feed;
    this.#maxStalenessMs = checkTtlMs(options.maxStalenessMs, 'maxStalenessMs') ?? 1_000;
    this.#clock = options.clock ?? systemClock;
    const sizeOf = options.memory?.sizeOf;
    this.#memory = new MemoryCache<Held<V>>({
      maxEntries: options.memory?.maxEntries,
      maxBytes: options.memory?.maxBytes,
      eviction: options.memory?.eviction,
      clock: this.#clock,
      ...(sizeOf === undefined ? {} : { sizeOf: (held: Held<V>, key: string) => sizeOf(held.value, key) }),
    });
    this.#feed?.listen((invalidation) => this.#invalidate(invalidation));
  }

  /** Each level's own counters: memory hits and misses, and what the level behind saw. */
  levels(): { readonly memory: CacheStats; readonly backing: CacheStats } {
    return { memory: this.#memory.stats(), backing: this.#backing.stats() };
  }

  async get(key: string): Promise<V | undefined> {
    const held = this.#closed ? undefined : this.#fresh(this.#memory.getSync(key));
    if (held === undefined) return (await this.mget([key]))[0];
    this.#hits++;
    return held.value;
  }

  async has(key: string): Promise<boolean> {
    checkCacheKey(key);
    if (this.#closed) return false;
    if (this.#fresh(this.#memory.peekSync(key)) !== undefined) return true;
    return this.#backing.has(key);
  }

  async mget(keys: readonly string[]): Promise<(V | undefined)[]> {
    keys.forEach((key) => checkCacheKey(key));
    if (this.#closed) {
      this.#misses += keys.length;
      return keys.map(() => undefined);
    }
    const values: (V | undefined)[] = new Array<V | undefined>(keys.length);
    const behind: number[] = [];
    keys.forEach((key, i) => {
      const held = this.#fresh(this.#memory.getSync(key));
      if (held === undefined) behind.push(i);
      else values[i] = held.value;
    });
    this.#hits += keys.length - behind.length;
    if (behind.length === 0) return values;
    const flights = behind.map((i) => this.#depart(keys[i] ?? ''));
    let read: (TimedValue<V> | undefined)[] = [];
    try {
      read = await this.#backing.mgetTimed(flights.map((flight) => flight.key));
    } finally {
      flights.forEach((flight) => this.#land(flight));
    }
    behind.forEach((at, j) => {
      const timed = read[j];
      const flight = flights[j];
      if (flight === undefined || timed === undefined) {
        this.#misses++;
        return;
      }
      this.#hits++;
      values[at] = timed.value;
      if (!flight.invalidated) this.#hold(flight, timed.value, timed.ttlMs);
    });
    return values;
  }

  async set(key: string, value: V, options?: CacheSetOptions): Promise<void> {
    checkCacheKey(key);
    await this.#put(key, value, checkTtlMs(options?.ttlMs));
  }

  async mset(entries: readonly CacheEntry<V>[]): Promise<void> {
    for (const entry of entries) {
      checkCacheKey(entry.key);
      checkTtlMs(entry.ttlMs);
    }
    await Promise.all(entries.map((entry) => this.#put(entry.key, entry.value, entry.ttlMs)));
  }

  async delete(key: string): Promise<boolean> {
    checkCacheKey(key);
    const held = this.#memory.deleteSync(key);
    this.#invalidateKey(key);
    const removed = await this.#backing.delete(key);
    this.#invalidateKey(key);
    return removed || held;
  }

  async clear(prefix = ''): Promise<void> {
    this.#memory.clearSync(prefix);
    this.#invalidateFlights((flight) => flight.key.startsWith(prefix));
    await this.#backing.clear(prefix);
    this.#memory.clearSync(prefix);
  }

  stats(): CacheStats {
    const backing = this.#backing.stats();
    const memory = this.#memory.stats();
    return {
      ...backing,
      hits: this.#hits,
      misses: this.#misses,
      evictions: memory.evictions + backing.evictions,
      entries: memory.entries,
      bytes: memory.bytes,
    };
  }

  health(): CacheHealth {
    if (this.#closed) return { status: CacheStatus.DOWN, reason: 'closed' };
    const backing = this.#backing.health();
    if (backing.status !== CacheStatus.OK) return { status: CacheStatus.DEGRADED, reason: backing.reason };
    const feed = this.#feed?.health();
    if (feed !== undefined && feed.status !== CacheStatus.OK) {
      const effect = `memory entries are kept at most ${this.#maxStalenessMs} ms`;
      return { status: CacheStatus.DEGRADED, reason: `${feed.reason ?? feed.status}: ${effect}` };
    }
    return { status: CacheStatus.OK, reason: undefined };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#memory.close();
    await Promise.all([this.#feed?.close(), this.#backing.close()]);
  }

  async #put(key: string, value: V, ttlMs: number | undefined): Promise<void> {
    if (this.#closed) {
      await this.#backing.put(key, value, ttlMs); // dropped and counted there
      return;
    }
    const flight = this.#depart(key);
    let applied = false;
    try {
      applied = await this.#backing.put(key, value, ttlMs);
    } finally {
      this.#land(flight);
    }
    // Reads that overlapped this write may hold the old value: they must not keep it.
    this.#invalidateKey(key);
    if (applied && !flight.invalidated) this.#hold(flight, value, ttlMs ?? this.#backing.defaultTtlMs);
    else this.#memory.deleteSync(key);
  }

  /** The entry if it may still be served (see the class comment), else undefined. */
  #fresh(held: Held<V> | undefined): Held<V> | undefined {
    if (held === undefined || this.#feed === undefined) return held;
    const sinceMs = Math.max(held.readAtMs, this.#feed.deliveredBeforeMs());
    return this.#clock.now() - sinceMs < this.#maxStalenessMs ? held : undefined;
  }

  #hold(flight: Flight, value: V, ttlMs: number | undefined): void {
    this.#memory.setSync(flight.key, { value, readAtMs: flight.startMs }, ttlMs);
  }

  #invalidate(invalidation: Invalidation): void {
    switch (invalidation.kind) {
      case 'keys':
        for (const key of invalidation.keys) {
          this.#memory.deleteSync(key);
          this.#invalidateKey(key);
        }
        return;
      case 'prefix':
        this.#memory.clearSync(invalidation.prefix);
        this.#invalidateFlights((flight) => flight.key.startsWith(invalidation.prefix));
        return;
      case 'all':
        this.#memory.clearSync();
        this.#invalidateFlights(() => true);
    }
  }

  #depart(key: string): Flight {
    const flight: Flight = { key, startMs: this.#clock.now(), invalidated: false };
    const same = this.#flights.get(key);
    if (same === undefined) this.#flights.set(key, [flight]);
    else same.push(flight);
    return flight;
  }

  #land(flight: Flight): void {
    const same = this.#flights.get(flight.key);
    if (same === undefined) return;
    const rest = same.filter((other) => other !== flight);
    if (rest.length === 0) this.#flights.delete(flight.key);
    else this.#flights.set(flight.key, rest);
  }

  #invalidateKey(key: string): void {
    const flights = this.#flights.get(key);
    if (flights !== undefined) for (const flight of flights) flight.invalidated = true;
  }

  #invalidateFlights(matches: (flight: Flight) => boolean): void {
    for (const flights of this.#flights.values()) {
      for (const flight of flights) if (matches(flight)) flight.invalidated = true;
    }
  }
}

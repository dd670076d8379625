import { checkCacheKey, checkTtlMs } from '../../application/caching/cache-input.js';
import type { Clock } from '../../application/ports/clock.js';
import {
  CacheStatus,
  type Cache,
  type CacheEntry,
  type CacheHealth,
  type CacheSetOptions,
  type CacheStats,
} from '../../application/ports/cache.js';
import { AtbError } from '../../shared/errors.js';
import { EvictionOrder, EvictionPolicy } from './eviction-order.js';
import { estimateBytes } from './estimate-bytes.js';

export interface MemoryCacheOptions<V> {
  /** At most this many entries. Default 10 000 when maxBytes is not given either. */
  readonly maxEntries?: number;
  /** At most this many bytes, as measured by `sizeOf`. */
  readonly maxBytes?: number;
  readonly defaultTtlMs?: number;
  /** Default LRU. */
  readonly eviction?: EvictionPolicy;
  /** Reads time for TTLs. Default: a monotonic clock (performance.now). */
  readonly clock?: Clock;
  /**
   * An entry's size for maxBytes. Default: `estimateBytes(key) + estimateBytes(value)`, a rough count of
   * what V8 holds (see estimate-bytes.ts); pass `(v) => codec.encode(v).byteLength` to bound the encoded size.
   */
  readonly sizeOf?: (value: V, key: string) => number;
  /** Told about every entry that leaves other than by `delete`, `clear` or being overwritten. */
  readonly onEvict?: (key: string, value: V, reason: 'evicted' | 'expired') => void;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const INITIAL_CAPACITY = 1_024;
const NONE = -1;

const monotonicClock: Clock = { now: () => performance.now() };

/**
 * An in-process cache bounded by entry count and bytes, with LRU, LFU or FIFO eviction (eviction-order.ts)
 * and per-entry TTL. get, set, has and delete are O(1) and a hit allocates nothing: entries live in
 * parallel arrays indexed by a slot number that a Map gives for the key (clearing a prefix, `keys()` and
 * `purgeExpired()` walk the entries).
 *
 * Besides the async Cache port it offers a synchronous API (`getSync`, `setSync`, `hasSync`, `deleteSync`)
 * for hot paths that cannot afford a promise per lookup; both see the same entries. Expired entries are
 * dropped when next looked at (and `purgeExpired()` drops them all); until then they count towards the
 * bounds. Values are stored by reference.
 *
 * @example
 * const cache = new MemoryCache<Quote>({ maxEntries: 50_000, eviction: 'lfu', defaultTtlMs: 5_000 });
 * cache.setSync('BTC/USDT', quote);
 * const hit = cache.getSync('BTC/USDT');
 */
export class MemoryCache<V> implements Cache<V> {
  readonly #index = new Map<string, number>();
  readonly #order: EvictionOrder;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #defaultTtlMs: number | undefined;
  readonly #clock: Clock;
  readonly #sizeOf: ((value: V, key: string) => number) | undefined;
  readonly #onEvict: MemoryCacheOptions<V>['onEvict'];
  #keys: (string | undefined)[];
  #values: (V | undefined)[];
  /** Absolute expiry per slot, 0 for none; allocated when the first TTL is set. */
  #expiresAt: Float64Array | undefined;
  /** Size per slot; allocated only when there is a byte bound. */
  #sizes: Float64Array | undefined;
  #capacity: number;
  /** Slots below `#used` have been handed out; freed ones wait on the `#free` stack. */
  #used = 0;
  #free: Int32Array;
  #freeTop = 0;
  #bytes = 0;
  #closed = false;
  #hits = 0;
  #misses = 0;
  #sets = 0;
  #deletes = 0;
  #evictions = 0;
  #expirations = 0;
  #droppedWrites = 0;

  constructor(options: MemoryCacheOptions<V> = {}) {
    this.#maxBytes = checkBound(options.maxBytes, 'maxBytes') ?? Infinity;
    this.#maxEntries =
      checkBound(options.maxEntries, 'maxEntries') ?? (options.maxBytes === undefined ? DEFAULT_MAX_ENTRIES : Infinity);
    this.#defaultTtlMs = checkTtlMs(options.defaultTtlMs, 'defaultTtlMs');
    this.#clock = options.clock ?? monotonicClock;
    this.#sizeOf = this.#maxBytes === Infinity ? undefined : (options.sizeOf ?? defaultSizeOf);
    this.#onEvict = options.onEvict;
    this.#capacity = Math.min(this.#maxEntries, INITIAL_CAPACITY);
    this.#order = new EvictionOrder(options.eviction ?? EvictionPolicy.LRU, this.#capacity);
    this.#keys = new Array<string | undefined>(this.#capacity).fill(undefined);
    this.#values = new Array<V | undefined>(this.#capacity).fill(undefined);
    this.#free = new Int32Array(this.#capacity);
    if (this.#sizeOf !== undefined) this.#sizes = new Float64Array(this.#capacity);
  }

  getSync(key: string): V | undefined {
    const slot = this.#index.get(key);
    if (slot === undefined) {
      if (typeof key !== 'string' || key.length === 0) checkCacheKey(key);
      this.#misses++;
      return undefined;
    }
    if (this.#expiresAt !== undefined && this.#isExpired(slot)) {
      this.#expire(slot);
      this.#misses++;
      return undefined;
    }
    this.#order.touch(slot);
    this.#hits++;
    return this.#values[slot];
  }

  /** Writes `value`; a value larger than maxBytes is not stored (and any older value for the key goes). */
  setSync(key: string, value: V, ttlMs?: number): void {
    checkCacheKey(key);
    const expiresAt = this.#expiryOf(ttlMs);
    if (this.#closed) {
      this.#droppedWrites++;
      return;
    }
    const size = this.#sizeOf === undefined ? 0 : this.#sizeOf(value, key);
    let slot = this.#index.get(key);
    if (slot !== undefined && this.#expiresAt !== undefined && this.#isExpired(slot)) {
      this.#expire(slot); // a write over an expired entry starts afresh (LFU counts from 1 again)
      slot = undefined;
    }
    if (size > this.#maxBytes) {
      if (slot !== undefined) this.#remove(slot);
      this.#droppedWrites++;
      return;
    }
    this.#sets++;
    if (slot === undefined) {
      if (this.#index.size >= this.#maxEntries) this.#evict(NONE);
      slot = this.#allocate();
      this.#keys[slot] = key;
      this.#values[slot] = value;
      this.#index.set(key, slot);
      this.#order.insert(slot);
    } else {
      this.#values[slot] = value;
      this.#order.touch(slot);
    }
    if (expiresAt !== 0 || this.#expiresAt !== undefined) this.#setExpiry(slot, expiresAt);
    if (this.#sizes !== undefined) {
      this.#bytes += size - (this.#sizes[slot] ?? 0);
      this.#sizes[slot] = size;
      while (this.#bytes > this.#maxBytes) this.#evict(slot);
    }
  }

  /** The live value without counting a hit or miss or touching the eviction order. */
  peekSync(key: string): V | undefined {
    const slot = this.#index.get(key);
    if (slot === undefined || (this.#expiresAt !== undefined && this.#isExpired(slot))) return undefined;
    return this.#values[slot];
  }

  hasSync(key: string): boolean {
    checkCacheKey(key);
    const slot = this.#index.get(key);
    return slot !== undefined && (this.#expiresAt === undefined || !this.#isExpired(slot));
  }

  deleteSync(key: string): boolean {
    checkCacheKey(key);
    const slot = this.#index.get(key);
    if (slot === undefined) return false;
    const live = this.#expiresAt === undefined || !this.#isExpired(slot);
    this.#remove(slot);
    if (live) this.#deletes++;
    return live;
  }

  /** Drops every expired entry now (O(n)); otherwise they go when next looked at or evicted. */
  purgeExpired(): number {
    if (this.#expiresAt === undefined) return 0;
    let dropped = 0;
    for (const slot of [...this.#index.values()]) {
      if (this.#isExpired(slot)) {
        this.#expire(slot);
        dropped++;
      }
    }
    return dropped;
  }

  /** The live keys, victim first. */
  *keys(): IterableIterator<string> {
    for (let slot = this.#order.head; slot !== NONE; slot = this.#order.after(slot)) {
      const key = this.#keys[slot];
      if (key !== undefined && (this.#expiresAt === undefined || !this.#isExpired(slot))) yield key;
    }
  }

  get size(): number {
    return this.#index.size;
  }

  get(key: string): Promise<V | undefined> {
    return attempt(() => this.getSync(key));
  }

  set(key: string, value: V, options?: CacheSetOptions): Promise<void> {
    return attempt(() => this.setSync(key, value, options?.ttlMs));
  }

  delete(key: string): Promise<boolean> {
    return attempt(() => this.deleteSync(key));
  }

  has(key: string): Promise<boolean> {
    return attempt(() => this.hasSync(key));
  }

  mget(keys: readonly string[]): Promise<(V | undefined)[]> {
    return attempt(() => {
      keys.forEach((key) => checkCacheKey(key));
      return keys.map((key) => this.getSync(key));
    });
  }

  mset(entries: readonly CacheEntry<V>[]): Promise<void> {
    return attempt(() => {
      for (const entry of entries) {
        checkCacheKey(entry.key);
        checkTtlMs(entry.ttlMs);
      }
      for (const entry of entries) this.setSync(entry.key, entry.value, entry.ttlMs);
    });
  }

  clear(prefix?: string): Promise<void> {
    return attempt(() => this.clearSync(prefix));
  }

  clearSync(prefix?: string): void {
    if (prefix !== undefined && prefix !== '') {
      for (const [key, slot] of [...this.#index]) if (key.startsWith(prefix)) this.#remove(slot);
      return;
    }
    this.#index.clear();
    this.#order.clear();
    this.#keys.fill(undefined);
    this.#values.fill(undefined);
    this.#expiresAt = undefined;
    this.#sizes?.fill(0);
    this.#used = 0;
    this.#freeTop = 0;
    this.#bytes = 0;
  }

  stats(): CacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      sets: this.#sets,
      deletes: this.#deletes,
      evictions: this.#evictions,
      expirations: this.#expirations,
      errors: 0,
      droppedWrites: this.#droppedWrites,
      decodeFailures: 0,
      entries: this.#index.size,
      bytes: this.#sizes === undefined ? undefined : this.#bytes,
      circuit: undefined,
    };
  }

  health(): CacheHealth {
    return this.#closed
      ? { status: CacheStatus.DOWN, reason: 'closed' }
      : { status: CacheStatus.OK, reason: undefined };
  }

  close(): Promise<void> {
    this.#closed = true;
    this.clearSync();
    return Promise.resolve();
  }

  #isExpired(slot: number): boolean {
    const expiresAt = this.#expiresAt?.[slot] ?? 0;
    return expiresAt !== 0 && this.#clock.now() >= expiresAt;
  }

  #expiryOf(ttlMs: number | undefined): number {
    const ttl = checkTtlMs(ttlMs) ?? this.#defaultTtlMs;
    return ttl === undefined ? 0 : this.#clock.now() + ttl;
  }

  #setExpiry(slot: number, expiresAt: number): void {
    this.#expiresAt ??= new Float64Array(this.#capacity);
    this.#expiresAt[slot] = expiresAt;
  }

  /** Evicts the policy's victim, passing over `keep` (the slot just written). */
  #evict(keep: number): void {
    let slot = this.#order.head;
    if (slot === keep) slot = this.#order.after(slot);
    if (slot === NONE) return;
    const key = this.#keys[slot];
    const value = this.#values[slot];
    const expired = this.#expiresAt !== undefined && this.#isExpired(slot);
    this.#remove(slot);
    if (expired) this.#expirations++;
    else this.#evictions++;
    if (this.#onEvict !== undefined && key !== undefined) {
      this.#onEvict(key, value as V, expired ? 'expired' : 'evicted');
    }
  }

  #expire(slot: number): void {
    const key = this.#keys[slot];
    const value = this.#values[slot];
    this.#remove(slot);
    this.#expirations++;
    if (this.#onEvict !== undefined && key !== undefined) this.#onEvict(key, value as V, 'expired');
  }

  #remove(slot: number): void {
    const key = this.#keys[slot];
    if (key !== undefined) this.#index.delete(key);
    this.#order.remove(slot);
    this.#keys[slot] = undefined;
    this.#values[slot] = undefined;
    if (this.#expiresAt !== undefined) this.#expiresAt[slot] = 0;
    if (this.#sizes !== undefined) {
      this.#bytes -= this.#sizes[slot] ?? 0;
      this.#sizes[slot] = 0;
    }
    this.#free[this.#freeTop++] = slot;
  }

  #allocate(): number {
    if (this.#freeTop > 0) return this.#free[--this.#freeTop] ?? NONE;
    if (this.#used === this.#capacity) this.#grow();
    return this.#used++;
  }

  #grow(): void {
    const capacity = Math.min(this.#maxEntries, this.#capacity * 2);
    this.#order.grow(capacity);
    this.#keys.length = capacity;
    this.#keys.fill(undefined, this.#capacity);
    this.#values.length = capacity;
    this.#values.fill(undefined, this.#capacity);
    const free = new Int32Array(capacity);
    free.set(this.#free);
    this.#free = free;
    if (this.#expiresAt !== undefined) this.#expiresAt = grown(this.#expiresAt, capacity);
    if (this.#sizes !== undefined) this.#sizes = grown(this.#sizes, capacity);
    this.#capacity = capacity;
  }
}

/** Runs a synchronous step as a promise, so that a thrown INVALID_INPUT arrives as a rejection. */
function attempt<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function grown(array: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(array);
  return next;
}

function defaultSizeOf(value: unknown, key: string): number {
  return estimateBytes(key) + estimateBytes(value);
}

function checkBound(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    const expected = 'expected an integer of at least 1';
    throw new AtbError('CONFIG_INVALID', `invalid memory cache ${field}, was ${String(value)}: ${expected}`, {
      field,
      value,
    });
  }
  return value;
}

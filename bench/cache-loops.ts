// The timed loops of cache.bench.ts. The bench imports this module once per contender (with a different
// query string), so that every contender runs its own copy of the loop code with its own type feedback:
// a loop shared by several caches would be tuned to their mix and time the harness, not the cache.
import type { LRUCache } from 'lru-cache';
import type { MemoryCache } from '../src/adapters/cache/memory-cache.js';

export interface Workloads {
  /** Fills the cache with keys 0..capacity-1. */
  fill(): void;
  /** `ops` gets of keys that are all present. */
  getHits(): number;
  /** `ops` sets of new keys into a full cache: each evicts. */
  setNew(): number;
  /** `ops` gets, each miss followed by a set. */
  mixed(): number;
}

export interface Keys {
  readonly capacity: number;
  readonly ops: number;
  readonly mask: number;
  readonly keys: readonly string[];
  readonly hit: Int32Array;
  readonly fresh: Int32Array;
  readonly mix: Int32Array;
}

export function lruCacheLoops(cache: LRUCache<string, number>, k: Keys): Workloads {
  return {
    fill: () => {
      cache.clear();
      for (let i = 0; i < k.capacity; i++) cache.set(k.keys[i]!, i);
    },
    getHits: () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) sum += cache.get(k.keys[k.hit[i & k.mask]!]!) ?? 0;
      return sum;
    },
    setNew: () => {
      for (let i = 0; i < k.ops; i++) cache.set(k.keys[k.fresh[i & k.mask]!]!, i);
      return cache.size;
    },
    mixed: () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) {
        const key = k.keys[k.mix[i & k.mask]!]!;
        const value = cache.get(key);
        if (value === undefined) cache.set(key, i);
        else sum += value;
      }
      return sum;
    },
  };
}

export function memoryLoops(cache: MemoryCache<number>, k: Keys): Workloads {
  return {
    fill: () => {
      cache.clearSync();
      for (let i = 0; i < k.capacity; i++) cache.setSync(k.keys[i]!, i);
    },
    getHits: () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) sum += cache.getSync(k.keys[k.hit[i & k.mask]!]!) ?? 0;
      return sum;
    },
    setNew: () => {
      for (let i = 0; i < k.ops; i++) cache.setSync(k.keys[k.fresh[i & k.mask]!]!, i);
      return cache.size;
    },
    mixed: () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) {
        const key = k.keys[k.mix[i & k.mask]!]!;
        const value = cache.getSync(key);
        if (value === undefined) cache.setSync(key, i);
        else sum += value;
      }
      return sum;
    },
  };
}

/** The async port of a memory cache: one awaited promise per call. */
export function memoryPortLoops(cache: MemoryCache<number>, k: Keys): Pick<Workloads, 'fill'> & {
  getHits(): Promise<number>;
  mixed(): Promise<number>;
} {
  return {
    fill: () => {
      cache.clearSync();
      for (let i = 0; i < k.capacity; i++) cache.setSync(k.keys[i]!, i);
    },
    getHits: async () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) sum += (await cache.get(k.keys[k.hit[i & k.mask]!]!)) ?? 0;
      return sum;
    },
    mixed: async () => {
      let sum = 0;
      for (let i = 0; i < k.ops; i++) {
        const key = k.keys[k.mix[i & k.mask]!]!;
        const value = await cache.get(key);
        if (value === undefined) await cache.set(key, i);
        else sum += value;
      }
      return sum;
    },
  };
}

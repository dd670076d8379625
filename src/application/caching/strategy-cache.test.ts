import { describe, expect, it } from 'vitest';
import { CacheStatus, type Cache, type CacheEntry } from '../ports/cache.js';
import { getOrLoad } from './get-or-load.js';
import { jsonCodec } from './json-codec.js';
import { namespaced } from './namespaced.js';
import type { JsonObject } from '../ports/json-object.js';
import type { StrategyParameterSet, StrategyState } from '../ports/strategy-repository.js';
import { StrategyCache, type StrategyCacheEntry } from './strategy-cache.js';

/** A Map as a cache (the application layer is tested without adapters). */
class MapCache<V> implements Cache<V> {
  readonly map = new Map<string, V>();
  get = (key: string) => Promise.resolve(this.map.get(key));
  set = (key: string, value: V) => Promise.resolve(void this.map.set(key, value));
  delete = (key: string) => Promise.resolve(this.map.delete(key));
  has = (key: string) => Promise.resolve(this.map.has(key));
  mget = (keys: readonly string[]) => Promise.resolve(keys.map((key) => this.map.get(key)));
  mset = (entries: readonly CacheEntry<V>[]) => Promise.resolve(entries.forEach((e) => this.map.set(e.key, e.value)));
  clear = (prefix = '') => Promise.resolve([...this.map.keys()].filter((k) => k.startsWith(prefix)).forEach((k) => this.map.delete(k)));
  stats = () => ({
    ...{ hits: 0, misses: 0, sets: 0, deletes: 0, evictions: 0, expirations: 0, errors: 0, droppedWrites: 0 },
    ...{ decodeFailures: 0, entries: this.map.size, bytes: undefined, circuit: undefined },
  });
  health = () => ({ status: CacheStatus.OK, reason: undefined });
  close = () => Promise.resolve();
}

/** The repository's strategy half, in memory, counting reads. */
class FakeStrategies {
  states = new Map<string, StrategyState>();
  params = new Map<string, StrategyParameterSet[]>();
  reads = 0;
  findState(name: string): Promise<StrategyState | undefined> {
    this.reads++;
    return Promise.resolve(this.states.get(name));
  }
  saveState(name: string, state: JsonObject, expectedVersion: number, tsMs: number): Promise<StrategyState> {
    const version = (this.states.get(name)?.version ?? 0) + 1;
    if (version !== expectedVersion + 1) return Promise.reject(new Error('CONFLICT'));
    const saved = { strategyName: name, version, state, updatedTsMs: tsMs };
    this.states.set(name, saved);
    return Promise.resolve(saved);
  }
  findParameterSet(name: string): Promise<StrategyParameterSet | undefined> {
    this.reads++;
    return Promise.resolve(this.params.get(name)?.at(-1));
  }
  addParameterSet(name: string, params: JsonObject, tsMs: number): Promise<StrategyParameterSet> {
    const sets = this.params.get(name) ?? [];
    const added = { strategyName: name, version: sets.length + 1, params, createdTsMs: tsMs };
    this.params.set(name, [...sets, added]);
    return Promise.resolve(added);
  }
}

describe('StrategyCache', () => {
  it('serves parameters from the cache until a new set is added, then loads the new one', async () => {
    const repository = new FakeStrategies();
    const strategies = new StrategyCache(repository, new MapCache<StrategyCacheEntry>());
    await repository.addParameterSet('s1', { fast: 10 }, 1);
    expect((await strategies.latestParameters('s1'))?.params).toEqual({ fast: 10 });
    expect((await strategies.latestParameters('s1'))?.params).toEqual({ fast: 10 });
    expect(repository.reads).toBe(1);
    await strategies.addParameterSet('s1', { fast: 20 }, 2);
    expect((await strategies.latestParameters('s1'))?.params, 'the update invalidated the cached set').toEqual({ fast: 20 });
    expect(repository.reads).toBe(2);
  });

  it('writes state through, so reading back what was saved costs no repository read', async () => {
    const repository = new FakeStrategies();
    const strategies = new StrategyCache(repository, new MapCache<StrategyCacheEntry>());
    const first = await strategies.saveState('s1', { bars: 1 }, 0, 1);
    await strategies.saveState('s1', { bars: 2 }, first.version, 2);
    expect((await strategies.state('s1'))?.state).toEqual({ bars: 2 });
    expect(repository.reads).toBe(0);
    await expect(strategies.saveState('s1', { bars: 3 }, 0, 3), 'a stale expected version').rejects.toThrow('CONFLICT');
  });

  it('does not serve an older entry that a slow reader put back after this process wrote a newer one', async () => {
    const repository = new FakeStrategies();
    const cache = new MapCache<StrategyCacheEntry>();
    const strategies = new StrategyCache(repository, cache);
    await strategies.addParameterSet('s1', { fast: 10 }, 1);
    const old = await strategies.latestParameters('s1');
    await strategies.addParameterSet('s1', { fast: 20 }, 2);
    await cache.set('params:s1', old!); // cached by a reader that loaded before the update
    expect((await strategies.latestParameters('s1'))?.version).toBe(2);
  });
});

describe('cache helpers', () => {
  it('getOrLoad caches what it loaded, but not a missing value', async () => {
    const cache = new MapCache<number>();
    let loads = 0;
    expect(await getOrLoad(cache, 'a', () => Promise.resolve(++loads))).toBe(1);
    expect(await getOrLoad(cache, 'a', () => Promise.resolve(++loads))).toBe(1);
    expect(await getOrLoad(cache, 'b', () => Promise.resolve(undefined))).toBeUndefined();
    expect(cache.map.has('b')).toBe(false);
  });

  it('namespaced refuses a namespace that could collide', () => {
    expect(() => namespaced(new MapCache<number>(), 'a:b')).toThrow(`invalid cache namespace, was "a:b": expected a non-empty name without ':'`);
    expect(() => namespaced(new MapCache<number>(), '')).toThrow(/non-empty/);
  });

  it('jsonCodec round-trips, checks with parse, and refuses what JSON cannot carry', () => {
    const codec = jsonCodec((raw) => {
      if (typeof raw !== 'number') throw new Error('not a number');
      return raw;
    });
    expect(codec.decode(codec.encode(42))).toBe(42);
    expect(() => codec.decode(new TextEncoder().encode('"x"'))).toThrow('not a number');
    expect(() => codec.decode(Uint8Array.from([0xff, 0xfe]))).toThrow();
    expect(() => jsonCodec<undefined>().encode(undefined)).toThrow(/cannot be written as JSON/);
  });
});

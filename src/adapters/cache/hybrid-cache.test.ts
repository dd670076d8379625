import { describe, expect, it } from 'vitest';
import { CacheStatus, type CacheEntry, type CacheHealth, type CacheStats } from '../../application/ports/cache.js';
import { FakeClock } from '../../shared/resilience/fake-clock.js';
import type { BackingCache, TimedValue } from './backing-cache.js';
import { HybridCache } from './hybrid-cache.js';
import type { Invalidation } from './invalidation-message.js';
import { MemoryCache } from './memory-cache.js';
import type { InvalidationFeed } from './redis-invalidation-feed.js';

/** The level behind, in memory: it counts reads, can hold a read until released, and can drop writes. */
class FakeBacking implements BackingCache<string> {
  readonly defaultTtlMs = undefined;
  readonly store = new MemoryCache<string>();
  reads = 0;
  dropWrites = false;
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;

  holdReads(): void {
    this.#gate = new Promise((resolve) => (this.#release = resolve));
  }

  releaseReads(): void {
    this.#release?.();
    this.#gate = undefined;
  }

  async getTimed(key: string): Promise<TimedValue<string> | undefined> {
    return (await this.mgetTimed([key]))[0];
  }

  async mgetTimed(keys: readonly string[]): Promise<(TimedValue<string> | undefined)[]> {
    this.reads++;
    const values = keys.map((key) => this.store.getSync(key)); // read now, answer when released
    await this.#gate;
    return values.map((value) => (value === undefined ? undefined : { value, ttlMs: undefined }));
  }

  async put(key: string, value: string): Promise<boolean> {
    await Promise.resolve();
    if (this.dropWrites) return false;
    this.store.setSync(key, value);
    return true;
  }

  get = (key: string) => this.store.get(key);
  set = (key: string, value: string) => this.store.set(key, value);
  has = (key: string) => this.store.has(key);
  delete = (key: string) => this.store.delete(key);
  mget = (keys: readonly string[]) => this.store.mget(keys);
  mset = (entries: readonly CacheEntry<string>[]) => this.store.mset(entries);
  clear = (prefix?: string) => this.store.clear(prefix);
  stats = (): CacheStats => this.store.stats();
  health = (): CacheHealth => ({ status: CacheStatus.OK, reason: undefined });
  close = () => this.store.close();
}

/** A feed the test drives: it says how far invalidations are known to have arrived, and delivers them. */
class FakeFeed implements InvalidationFeed {
  deliveredBefore = -Infinity;
  #listeners: ((invalidation: Invalidation) => void)[] = [];
  listen(listener: (invalidation: Invalidation) => void): void {
    this.#listeners.push(listener);
  }
  deliver(invalidation: Invalidation): void {
    for (const listener of this.#listeners) listener(invalidation);
  }
  deliveredBeforeMs = (): number => this.deliveredBefore;
  health = (): CacheHealth => ({ status: CacheStatus.OK, reason: undefined });
  close = () => Promise.resolve();
}

function setup(maxStalenessMs = 1_000) {
  const clock = new FakeClock(10_000);
  const backing = new FakeBacking();
  const feed = new FakeFeed();
  const cache = new HybridCache<string>({ name: 't', backing, feed, clock, maxStalenessMs });
  return { clock, backing, feed, cache };
}

describe('HybridCache staleness bound', () => {
  it('serves from memory while the feed is current, and goes behind once it is more than the bound behind', async () => {
    const { clock, backing, feed, cache } = setup(1_000);
    backing.store.setSync('k', 'v1');
    expect(await cache.get('k')).toBe('v1');
    expect(backing.reads).toBe(1);
    await clock.advance(5_000);
    feed.deliveredBefore = clock.now() - 999; // heartbeats keep coming back
    expect(await cache.get('k'), 'a current feed keeps the entry servable').toBe('v1');
    expect(backing.reads).toBe(1);
    await clock.advance(1); // the feed stalls: now 1 000 ms behind
    backing.store.setSync('k', 'v2'); // another process wrote, and its invalidation never arrived
    expect(await cache.get('k'), 'past the bound memory is not trusted').toBe('v2');
    expect(backing.reads).toBe(2);
  });

  it('without any feed progress keeps an entry only for the bound after it was read', async () => {
    const { clock, backing, cache } = setup(500);
    backing.store.setSync('k', 'v1');
    await cache.get('k');
    await clock.advance(499);
    await cache.get('k');
    expect(backing.reads).toBe(1);
    await clock.advance(1);
    await cache.get('k');
    expect(backing.reads).toBe(2);
  });

  it('drops a key on an invalidation, a prefix on a prefix, and everything on all', async () => {
    const { backing, feed, cache } = setup();
    backing.store.setSync('a:1', 'x');
    backing.store.setSync('a:2', 'y');
    backing.store.setSync('b:1', 'z');
    await cache.mget(['a:1', 'a:2', 'b:1']);
    feed.deliver({ kind: 'keys', keys: ['a:1'] });
    await cache.mget(['a:1', 'a:2', 'b:1']);
    expect(backing.reads, 'only a:1 went behind').toBe(2);
    feed.deliver({ kind: 'prefix', prefix: 'a:' });
    feed.deliver({ kind: 'all' });
    expect(cache.stats().entries).toBe(0);
  });

  it('returns but does not keep a value read while its key was invalidated', async () => {
    const { backing, feed, cache } = setup();
    backing.store.setSync('k', 'old');
    backing.holdReads();
    const reading = cache.get('k');
    await Promise.resolve();
    backing.store.setSync('k', 'new'); // another process writes during our read...
    feed.deliver({ kind: 'keys', keys: ['k'] }); // ...and its invalidation overtakes our reply
    backing.releaseReads();
    expect(await reading, 'the read overlapped the write: either value is right').toBe('old');
    expect(await cache.get('k'), 'the old value was not kept').toBe('new');
  });

  it('does not keep a value read while this process wrote the key', async () => {
    const { backing, cache } = setup();
    backing.store.setSync('k', 'old');
    backing.holdReads();
    const reading = cache.get('k');
    await cache.set('k', 'new');
    backing.releaseReads();
    expect(await reading).toBe('old');
    expect(await cache.get('k')).toBe('new');
  });

  it('keeps nothing in memory for a write the level behind dropped', async () => {
    const { backing, cache } = setup();
    backing.store.setSync('k', 'old');
    await cache.get('k');
    backing.dropWrites = true;
    await cache.set('k', 'new');
    expect(await cache.get('k'), 'what the others see, not the dropped value').toBe('old');
  });
});

import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/resilience/fake-clock.js';
import { MemoryCache } from './memory-cache.js';

describe('MemoryCache', () => {
  it('expires an entry exactly at set time + TTL, counting an expiration and a miss', async () => {
    const clock = new FakeClock(5_000);
    const cache = new MemoryCache<string>({ clock });
    cache.setSync('a', 'A', 100);
    await clock.advance(99);
    expect(cache.getSync('a')).toBe('A');
    await clock.advance(1);
    expect(cache.hasSync('a'), 'has() sees the expiry without removing').toBe(false);
    expect(cache.getSync('a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, expirations: 1, entries: 0 });
  });

  it('restarts the TTL on a rewrite, and a rewrite without TTL clears it unless a default applies', async () => {
    const clock = new FakeClock();
    const cache = new MemoryCache<string>({ clock });
    cache.setSync('a', 'A1', 100);
    await clock.advance(80);
    cache.setSync('a', 'A2', 100);
    await clock.advance(80);
    expect(cache.getSync('a'), 'the second TTL counts from the rewrite').toBe('A2');
    cache.setSync('a', 'A3');
    await clock.advance(10_000);
    expect(cache.getSync('a'), 'no TTL now').toBe('A3');

    const withDefault = new MemoryCache<string>({ clock, defaultTtlMs: 50 });
    withDefault.setSync('b', 'B');
    await clock.advance(50);
    expect(withDefault.getSync('b')).toBeUndefined();
  });

  it('drops expired entries on purgeExpired() and tells onEvict why entries left', async () => {
    const clock = new FakeClock();
    const left: string[] = [];
    const cache = new MemoryCache<number>({ clock, maxEntries: 2, onEvict: (key, _v, why) => left.push(`${key}:${why}`) });
    cache.setSync('a', 1, 10);
    cache.setSync('b', 2, 1_000);
    await clock.advance(10);
    expect(cache.purgeExpired()).toBe(1);
    cache.setSync('c', 3);
    cache.setSync('d', 4); // full: b goes (least recently used)
    cache.deleteSync('c'); // a delete is not reported
    expect(left).toEqual(['a:expired', 'b:evicted']);
    expect(cache.stats()).toMatchObject({ evictions: 1, expirations: 1, deletes: 1 });
  });

  it('refuses a value larger than maxBytes and removes the older value of its key', () => {
    const cache = new MemoryCache<string>({ maxBytes: 10, sizeOf: (value) => value.length });
    cache.setSync('a', 'short');
    cache.setSync('a', 'much too long');
    expect(cache.getSync('a'), 'the old value must not survive a refused write').toBeUndefined();
    expect(cache.stats()).toMatchObject({ droppedWrites: 1, bytes: 0, entries: 0 });
  });

  it('never evicts the entry just written to make room for itself', () => {
    const cache = new MemoryCache<string>({ maxBytes: 10, eviction: 'fifo', sizeOf: (value) => value.length });
    cache.setSync('old', 'xx');
    cache.setSync('a', 'xxxx');
    cache.setSync('old', 'xxxxxxxx'); // FIFO keeps 'old' at the head; 'a' must go instead
    expect(cache.getSync('old')).toBe('xxxxxxxx');
    expect(cache.getSync('a')).toBeUndefined();
  });

  it('grows past its initial slots up to maxEntries and reuses freed slots', () => {
    const cache = new MemoryCache<number>({ maxEntries: 5_000 });
    for (let i = 0; i < 6_000; i++) cache.setSync(`k${i}`, i);
    expect(cache.size).toBe(5_000);
    expect(cache.getSync('k999'), 'the oldest went first').toBeUndefined();
    expect(cache.getSync('k1000')).toBe(1_000);
    for (let i = 1_000; i < 3_000; i++) cache.deleteSync(`k${i}`);
    for (let i = 0; i < 2_000; i++) cache.setSync(`n${i}`, i);
    expect(cache.size).toBe(5_000);
    expect(cache.getSync('n1999')).toBe(1_999);
    expect(cache.getSync('k5999')).toBe(5_999);
  });

  it('peekSync neither counts nor touches the eviction order', () => {
    const cache = new MemoryCache<number>({ maxEntries: 2 });
    cache.setSync('a', 1);
    cache.setSync('b', 2);
    expect(cache.peekSync('a')).toBe(1);
    cache.setSync('c', 3); // a is still least recently used
    expect(cache.peekSync('a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0 });
  });

  it('rejects a bound that is not a positive integer as CONFIG_INVALID', () => {
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(/maxEntries, was 0: expected an integer of at least 1/);
    expect(() => new MemoryCache({ maxBytes: 1.5 })).toThrow(/maxBytes/);
  });
});

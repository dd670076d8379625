import { afterEach, describe, expect, it } from 'vitest';
import { namespaced } from '../../src/application/caching/namespaced.js';
import type { Cache } from '../../src/application/ports/cache.js';
import { isCodedError } from '../../src/shared/errors.js';

/** The value type every cache is tested with: nested, with text outside ASCII. */
export interface Item {
  readonly id: number;
  readonly name: string;
  readonly tags: readonly string[];
  readonly price: string;
}

export const item = (id: number, name = `item ${id}`): Item => ({ id, name, tags: ['a', 'β', '€'], price: `${id}.25` });

export interface ContractSubject {
  readonly cache: Cache<Item>;
  /** Moves time on: a fake clock exactly, or a real wait for caches whose clock is a server's. */
  advance(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

export type ContractFactory = (options: { readonly defaultTtlMs?: number }) => ContractSubject | Promise<ContractSubject>;

/**
 * The promises of the Cache port (src/application/ports/cache.ts), run against every adapter.
 *
 * @example
 * describeCacheContract('memory', async (options) => ({ cache: new MemoryCache({ ...options, clock }), ... }));
 */
export function describeCacheContract(
  label: string,
  create: ContractFactory,
  options: {
    /** True when `advance` moves a fake clock, so TTL edges are tested to the millisecond. */
    readonly exactTime: boolean;
    readonly skip?: boolean;
  },
): void {
  const exact = options.exactTime;
  // Real-time caches get TTLs long enough to set and read back on a busy machine, short enough to wait out.
  const ttlMs = exact ? 1_000 : 400;
  describe.skipIf(options.skip === true)(`Cache contract [${label}]`, () => {
    const subjects: ContractSubject[] = [];
    const open = async (options: { readonly defaultTtlMs?: number } = {}): Promise<ContractSubject> => {
      const subject = await create(options);
      subjects.push(subject);
      return subject;
    };
    afterEach(async () => {
      await Promise.all(subjects.splice(0).map((subject) => subject.dispose()));
    });

    it('misses an absent key, then returns what was set, and the latest of two writes', async () => {
      const { cache } = await open();
      expect(await cache.get('a')).toBeUndefined();
      await cache.set('a', item(1));
      expect(await cache.get('a'), 'a value reads back equal').toEqual(item(1));
      await cache.set('a', item(2));
      expect(await cache.get('a'), 'the second write wins').toEqual(item(2));
    });

    it('deletes: true for a live entry, false for an absent one, and the entry is gone', async () => {
      const { cache } = await open();
      await cache.set('a', item(1));
      expect(await cache.delete('a')).toBe(true);
      expect(await cache.get('a')).toBeUndefined();
      expect(await cache.delete('a'), 'a second delete finds nothing').toBe(false);
      expect(await cache.delete('never')).toBe(false);
    });

    it('answers has() without counting a hit or a miss', async () => {
      const { cache } = await open();
      await cache.set('a', item(1));
      const before = cache.stats();
      expect(await cache.has('a')).toBe(true);
      expect(await cache.has('b')).toBe(false);
      const after = cache.stats();
      expect([after.hits, after.misses]).toEqual([before.hits, before.misses]);
    });

    it('mget answers in the order of the keys, undefined for misses; mset writes all', async () => {
      const { cache } = await open();
      expect(await cache.mget([])).toEqual([]);
      await cache.mset([
        { key: 'k1', value: item(1) },
        { key: 'k2', value: item(2) },
        { key: 'k3', value: item(3) },
      ]);
      expect(await cache.mget(['k3', 'missing', 'k1', 'k2'])).toEqual([item(3), undefined, item(1), item(2)]);
      await cache.mset([]);
    });

    it('counts hits, misses and sets', async () => {
      const { cache } = await open();
      await cache.set('a', item(1));
      await cache.get('a');
      await cache.get('b');
      await cache.mget(['a', 'b', 'c']);
      const stats = cache.stats();
      expect({ hits: stats.hits, misses: stats.misses, sets: stats.sets }).toEqual({ hits: 2, misses: 3, sets: 1 });
    });

    it('clears everything, or only the keys under a prefix', async () => {
      const { cache } = await open();
      await cache.mset(['x:1', 'x:2', 'y:1'].map((key, i) => ({ key, value: item(i) })));
      await cache.clear('x:');
      expect(await cache.mget(['x:1', 'x:2', 'y:1'])).toEqual([undefined, undefined, item(2)]);
      await cache.clear();
      expect(await cache.get('y:1')).toBeUndefined();
    });

    it('keeps namespaces apart, and clearing one leaves the others', async () => {
      const { cache } = await open();
      const orders = namespaced(cache, 'orders');
      const fills = namespaced(cache, 'fills');
      await orders.set('1', item(1, 'order'));
      await fills.set('1', item(1, 'fill'));
      expect((await orders.get('1'))?.name).toBe('order');
      expect((await fills.get('1'))?.name).toBe('fill');
      await orders.clear();
      expect(await orders.get('1')).toBeUndefined();
      expect((await fills.get('1'))?.name, 'another namespace survives a clear').toBe('fill');
      expect(await cache.get('fills:1'), 'a namespace is a key prefix').toEqual(item(1, 'fill'));
    });

    it('serves an entry until its TTL has passed and never after', async () => {
      const subject = await open();
      const { cache } = subject;
      await cache.set('a', item(1), { ttlMs });
      await cache.set('forever', item(2));
      await subject.advance(exact ? ttlMs - 1 : 100);
      expect(await cache.get('a'), 'alive before its TTL').toEqual(item(1));
      await subject.advance(exact ? 1 : ttlMs);
      expect(await cache.get('a'), 'gone once the TTL has passed').toBeUndefined();
      expect(await cache.has('a')).toBe(false);
      expect(await cache.get('forever'), 'an entry without TTL stays').toEqual(item(2));
    });

    it('applies the default TTL unless an entry gives its own', async () => {
      const subject = await open({ defaultTtlMs: ttlMs });
      const { cache } = subject;
      await cache.set('default', item(1));
      await cache.set('own', item(2), { ttlMs: ttlMs * 10 });
      await subject.advance(exact ? ttlMs : ttlMs + 100);
      expect(await cache.get('default'), 'the default TTL expired it').toBeUndefined();
      expect(await cache.get('own'), 'its own, longer TTL keeps it').toEqual(item(2));
    });

    it('rejects an empty key and a TTL that is not a positive number as INVALID_INPUT', async () => {
      const { cache } = await open();
      const invalid = (error: unknown): boolean => isCodedError(error) && error.code === 'INVALID_INPUT';
      await expect(cache.get('')).rejects.toSatisfy(invalid);
      await expect(cache.set('', item(1))).rejects.toSatisfy(invalid);
      await expect(cache.mget(['a', ''])).rejects.toSatisfy(invalid);
      for (const ttlMs of [0, -5, Number.NaN, Infinity]) {
        await expect(cache.set('a', item(1), { ttlMs }), `ttlMs ${ttlMs}`).rejects.toSatisfy(invalid);
      }
      await expect(cache.mset([{ key: 'a', value: item(1), ttlMs: 0 }])).rejects.toSatisfy(invalid);
      expect(await cache.get('a'), 'a rejected mset wrote nothing').toBeUndefined();
    });

    it('reports ok health, and after close() misses, drops writes, reports down and closes again quietly', async () => {
      const { cache } = await open();
      expect(cache.health()).toEqual({ status: 'ok', reason: undefined });
      await cache.set('a', item(1));
      await cache.close();
      expect(await cache.get('a')).toBeUndefined();
      await expect(cache.set('a', item(2))).resolves.toBeUndefined();
      expect(cache.health().status).toBe('down');
      await cache.close();
    });
  });
}


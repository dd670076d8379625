import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvictionPolicy } from './eviction-order.js';
import { MemoryCache } from './memory-cache.js';

/**
 * The memory cache's eviction against a reference model that keeps every entry in an array and picks
 * the victim by scanning: LRU the least recently used, FIFO the first inserted (a rewrite keeps its
 * place), LFU the fewest uses and among those the least recently used. After every operation the values
 * read and the whole eviction order (victim first) must agree.
 */
interface ModelEntry {
  readonly key: string;
  value: number;
  uses: number;
  lastTouch: number;
  readonly inserted: number;
}

class ReferenceCache {
  entries: ModelEntry[] = [];
  #clock = 0;

  constructor(
    readonly policy: EvictionPolicy,
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get(key: string): number | undefined {
    const entry = this.entries.find((e) => e.key === key);
    if (entry === undefined) return undefined;
    entry.uses++;
    entry.lastTouch = ++this.#clock;
    return entry.value;
  }

  set(key: string, value: number): void {
    const existing = this.entries.find((e) => e.key === key);
    if (value > this.maxBytes) {
      if (existing !== undefined) this.delete(key);
      return;
    }
    if (existing === undefined) {
      if (this.entries.length >= this.maxEntries) this.#evict(undefined);
      this.entries.push({ key, value, uses: 1, lastTouch: ++this.#clock, inserted: this.#clock });
    } else {
      existing.value = value;
      existing.uses++;
      existing.lastTouch = ++this.#clock;
    }
    while (this.#bytes() > this.maxBytes) this.#evict(key);
  }

  delete(key: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.key !== key);
    return this.entries.length < before;
  }

  /** Keys in eviction order, victim first. */
  order(): string[] {
    return [...this.entries].sort((a, b) => this.#rank(a, b)).map((e) => e.key);
  }

  #rank(a: ModelEntry, b: ModelEntry): number {
    switch (this.policy) {
      case EvictionPolicy.LRU:
        return a.lastTouch - b.lastTouch;
      case EvictionPolicy.FIFO:
        return a.inserted - b.inserted;
      case EvictionPolicy.LFU:
        return a.uses - b.uses || a.lastTouch - b.lastTouch;
    }
  }

  #evict(keep: string | undefined): void {
    const victim = this.order().find((key) => key !== keep);
    if (victim !== undefined) this.delete(victim);
  }

  #bytes(): number {
    return this.entries.reduce((sum, e) => sum + e.value, 0);
  }
}

type Op =
  | { readonly kind: 'get'; readonly key: number }
  | { readonly kind: 'delete'; readonly key: number }
  | { readonly kind: 'set'; readonly key: number; readonly size: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), key: fc.nat(11) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(11) }),
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(11), size: fc.integer({ min: 1, max: 12 }) }),
);

describe.each(Object.values(EvictionPolicy))('%s eviction', (policy) => {
  it('matches the reference model: same reads, same eviction order, by entry count and by bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 8, max: 40 }), { nil: undefined }),
        fc.array(op, { maxLength: 120 }),
        (maxEntries, maxBytes, ops) => {
          // The value is its own size, so the byte bound can be followed by hand.
          const cache = new MemoryCache<number>({ maxEntries, maxBytes, eviction: policy, sizeOf: (value) => value });
          const model = new ReferenceCache(policy, maxEntries, maxBytes ?? Infinity);
          ops.forEach((step, i) => {
            const key = `k${step.key}`;
            if (step.kind === 'get') expect(cache.getSync(key), `step ${i} get ${key}`).toBe(model.get(key));
            else if (step.kind === 'delete') expect(cache.deleteSync(key), `step ${i} delete ${key}`).toBe(model.delete(key));
            else {
              cache.setSync(key, step.size);
              model.set(key, step.size);
            }
            expect([...cache.keys()], `eviction order after step ${i}`).toEqual(model.order());
          });
          expect(cache.size).toBe(model.entries.length);
          if (maxBytes !== undefined) expect(cache.stats().bytes).toBe(model.entries.reduce((s, e) => s + e.value, 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});

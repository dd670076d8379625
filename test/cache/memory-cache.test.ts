import { MemoryCache } from '../../src/adapters/cache/memory-cache.js';
import { FakeClock } from '../../src/shared/resilience/fake-clock.js';
import { describeCacheContract, type Item } from './cache-contract.js';

describeCacheContract(
  'memory',
  (options) => {
    const clock = new FakeClock(1_000);
    const cache = new MemoryCache<Item>({ ...options, maxEntries: 100, clock });
    return { cache, advance: (ms) => clock.advance(ms), dispose: () => cache.close() };
  },
  { exactTime: true },
);

for (const eviction of ['lfu', 'fifo'] as const) {
  describeCacheContract(
    `memory ${eviction}`,
    (options) => {
      const clock = new FakeClock(1_000);
      const cache = new MemoryCache<Item>({ ...options, maxBytes: 100_000, eviction, clock });
      return { cache, advance: (ms) => clock.advance(ms), dispose: () => cache.close() };
    },
    { exactTime: true },
  );
}

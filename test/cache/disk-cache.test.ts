import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { DiskCache } from '../../src/adapters/cache/disk-cache.js';
import { Envelope } from '../../src/adapters/cache/envelope.js';
import { StoredValue } from '../../src/adapters/cache/stored-value.js';
import { jsonCodec } from '../../src/application/caching/json-codec.js';
import { FakeClock } from '../../src/shared/resilience/fake-clock.js';
import { describeCacheContract, type Item } from './cache-contract.js';

const root = await mkdtemp(join(tmpdir(), 'atb-disk-cache-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let count = 0;
describeCacheContract(
  'disk',
  async (options) => {
    const clock = new FakeClock(Date.now());
    const cache = new DiskCache<Item>({
      name: 'contract',
      directory: join(root, `c${++count}`),
      value: new StoredValue(jsonCodec<Item>(), new Envelope()),
      clock,
      ...options,
    });
    await cache.opened();
    return { cache, advance: (ms) => clock.advance(ms), dispose: () => cache.close() };
  },
  { exactTime: true },
);

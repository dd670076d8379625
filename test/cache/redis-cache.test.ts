import { afterAll, describe, expect, it } from 'vitest';
import { Envelope } from '../../src/adapters/cache/envelope.js';
import { jsonCodec } from '../../src/application/caching/json-codec.js';
import { msgpackCodec } from '../../src/adapters/cache/msgpack-codec.js';
import { createRedisConnection } from '../../src/adapters/cache/redis-connection.js';
import { RedisCache } from '../../src/adapters/cache/redis-cache.js';
import { StoredValue } from '../../src/adapters/cache/stored-value.js';
import { describeCacheContract, item, type Item } from './cache-contract.js';
import { deleteKeys, requireRedis, skipRedis, TEST_REDIS_URL, uniquePrefix } from './redis-test-server.js';

const runPrefix = uniquePrefix('redis');
afterAll(async () => {
  if (!skipRedis()) await deleteKeys(TEST_REDIS_URL, runPrefix);
});

let caches = 0;
function openRedisCache(options: { readonly defaultTtlMs?: number }, codec = jsonCodec<Item>()): RedisCache<Item> {
  const name = `contract${++caches}`;
  return new RedisCache<Item>({
    name,
    client: createRedisConnection(TEST_REDIS_URL, { connectionName: `atb-test-${name}` }),
    keyPrefix: `${runPrefix}${name}:`,
    value: new StoredValue(codec, new Envelope()),
    ...options,
  });
}

async function ready(cache: RedisCache<Item>): Promise<RedisCache<Item>> {
  requireRedis();
  const deadline = Date.now() + 5_000;
  while (cache.health().status !== 'ok') {
    if (Date.now() > deadline) throw new Error(`redis cache not ready: ${cache.health().reason}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return cache;
}

const realTime = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeCacheContract(
  'redis json',
  async (options) => {
    const cache = await ready(openRedisCache(options));
    return { cache, advance: realTime, dispose: () => cache.close() };
  },
  { exactTime: false, skip: skipRedis() },
);

describeCacheContract(
  'redis msgpack',
  async (options) => {
    const cache = await ready(openRedisCache(options, msgpackCodec<Item>()));
    return { cache, advance: realTime, dispose: () => cache.close() };
  },
  { exactTime: false, skip: skipRedis() },
);

describe.skipIf(skipRedis())('RedisCache', () => {
  it('stores under its key prefix with a PX expiry', async () => {
    const cache = await ready(openRedisCache({}));
    await cache.set('a', item(1), { ttlMs: 60_000 });
    const probe = createRedisConnection(TEST_REDIS_URL, { connectionName: 'atb-test-probe' });
    await probe.connect();
    const ttl = await probe.pttl(`${runPrefix}contract${caches}:a`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    probe.disconnect();
    await cache.close();
  });
});

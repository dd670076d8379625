import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Envelope } from '../../src/adapters/cache/envelope.js';
import { HybridCache } from '../../src/adapters/cache/hybrid-cache.js';
import { createRedisConnection } from '../../src/adapters/cache/redis-connection.js';
import { RedisCache } from '../../src/adapters/cache/redis-cache.js';
import { RedisInvalidationFeed } from '../../src/adapters/cache/redis-invalidation-feed.js';
import { StoredValue } from '../../src/adapters/cache/stored-value.js';
import { jsonCodec } from '../../src/application/caching/json-codec.js';
import type { Cache } from '../../src/application/ports/cache.js';
import { item, type Item } from './cache-contract.js';
import { deleteKeys, RedisTestServer, requireRedis, skipRedis, skipRedisServer, TEST_REDIS_URL, uniquePrefix } from './redis-test-server.js';

/**
 * Redis dies (SIGKILL) in the middle of a run and comes back on the same port: no call may reject, health
 * must say degraded during the outage, and the cache must be used again afterwards by itself.
 */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

/** Calls every method of the cache in a loop until stopped; collects anything that rejects. */
function workload(cache: Cache<Item>): { stop(): Promise<void>; readonly rejections: unknown[]; readonly calls: () => number } {
  const rejections: unknown[] = [];
  let calls = 0;
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const key = `w${i % 50}`;
      const steps = [
        () => cache.set(key, item(i), { ttlMs: 60_000 }),
        () => cache.get(key),
        () => cache.mget([key, `w${(i + 1) % 50}`, 'absent']),
        () => cache.mset([{ key: `m${i % 7}`, value: item(i) }]),
        () => cache.has(key),
        () => cache.delete(`m${i % 7}`),
      ];
      for (const step of steps) {
        calls++;
        await step().catch((error: unknown) => rejections.push(error));
      }
      await sleep(1);
    }
  })();
  return {
    rejections,
    calls: () => calls,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe.skipIf(skipRedisServer())('caches survive Redis being killed and restarted', () => {
  let server: RedisTestServer;
  beforeAll(async () => {
    server = await RedisTestServer.start();
  });
  afterAll(async () => {
    await server.kill();
  });

  const openRedis = (name: string): RedisCache<Item> =>
    new RedisCache<Item>({
      name,
      client: createRedisConnection(server.url, { connectionName: `atb-fault-${name}` }),
      keyPrefix: `fault:${name}:`,
      value: new StoredValue(jsonCodec<Item>(), new Envelope()),
      invalidations: { channel: `fault:${name}:__invalidations`, origin: 'me' },
    });

  const openHybrid = (name: string): HybridCache<Item> =>
    new HybridCache<Item>({
      name,
      backing: openRedis(name),
      feed: new RedisInvalidationFeed({
        name,
        subscriber: createRedisConnection(server.url, { connectionName: `atb-fault-${name}-sub`, subscriber: true }),
        publisher: createRedisConnection(server.url, { connectionName: `atb-fault-${name}-pub` }),
        channel: `fault:${name}:__invalidations`,
        origin: 'me',
        heartbeatMs: 25,
      }),
      maxStalenessMs: 200,
    });

  it.each([
    ['redis', openRedis],
    ['hybrid', openHybrid],
  ] as const)('%s: no rejection, degraded while down, used again after the restart', async (name, open) => {
    const cache = open(name);
    await until('healthy start', () => cache.health().status === 'ok', 5_000);
    const load = workload(cache);
    try {
      await sleep(200);
      const before = cache.stats();
      expect(before.hits, 'hits before the outage').toBeGreaterThan(0);

      await server.kill();
      const degradedAfterMs = await until('degraded health', () => cache.health().status === 'degraded', 2_000);
      await sleep(500);
      const during = cache.stats();
      expect(during.errors + during.droppedWrites, 'the outage shows in the counters').toBeGreaterThan(before.errors);
      expect(cache.health().reason, 'health says why').toMatch(/redis|circuit/);
      expect(await cache.get('w1'), 'a read during the outage is a miss').toBeUndefined();

      await server.restart();
      const recoveredAfterMs = await until('ok health after the restart', () => cache.health().status === 'ok', 15_000);
      await until(
        'a write read back after the restart',
        async () => {
          await cache.set('after', item(42));
          return (await cache.get('after'))?.id === 42;
        },
        5_000,
      );
      const hitsBefore = cache.stats().hits;
      await sleep(200);
      expect(cache.stats().hits, 'the workload hits again').toBeGreaterThan(hitsBefore);
      console.log(`[${name}] degraded after ${degradedAfterMs} ms, ok again ${recoveredAfterMs} ms after the restart`);
    } finally {
      await load.stop();
      await cache.close();
    }
    expect(load.rejections, 'no call rejected').toEqual([]);
    expect(load.calls()).toBeGreaterThan(100);
  });
});

describe.skipIf(skipRedis())('a write dropped while disconnected', () => {
  const prefix = uniquePrefix('replay');
  afterAll(async () => {
    await deleteKeys(TEST_REDIS_URL, prefix);
  });

  it('is applied as an invalidation before the next read, so the old value is never served', async () => {
    requireRedis();
    const client = createRedisConnection(TEST_REDIS_URL, { connectionName: 'atb-test-replay' });
    const cache = new RedisCache<Item>({ name: 'replay', client, keyPrefix: prefix, value: new StoredValue(jsonCodec<Item>(), new Envelope()) });
    await until('ready', () => cache.health().status === 'ok', 5_000);
    await cache.set('k', item(1));
    client.disconnect(true); // drop the connection; ioredis reconnects by itself
    await cache.set('k', item(2)); // dropped: the server still holds item(1)
    expect(cache.stats().droppedWrites).toBe(1);
    expect(cache.health().status).toBe('degraded');
    await until('disconnected', () => client.status !== 'ready', 5_000);
    await until('reconnected', () => client.status === 'ready', 5_000);
    expect(cache.health().reason, 'the pending invalidation shows').toMatch(/1 invalidations wait/);
    expect(await cache.get('k'), 'the value the dropped write replaced must not come back').toBeUndefined();
    expect(cache.health()).toEqual({ status: 'ok', reason: undefined });
    await cache.close();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/adapters/cache/disk-cache.js';
import { Envelope } from '../../src/adapters/cache/envelope.js';
import { HybridCache } from '../../src/adapters/cache/hybrid-cache.js';
import { createRedisConnection } from '../../src/adapters/cache/redis-connection.js';
import { RedisCache } from '../../src/adapters/cache/redis-cache.js';
import { RedisInvalidationFeed } from '../../src/adapters/cache/redis-invalidation-feed.js';
import { StoredValue } from '../../src/adapters/cache/stored-value.js';
import { jsonCodec } from '../../src/application/caching/json-codec.js';
import { FakeClock } from '../../src/shared/resilience/fake-clock.js';
import { describeCacheContract, item, type Item } from './cache-contract.js';
import { deleteKeys, requireRedis, skipRedis, TEST_REDIS_URL, uniquePrefix } from './redis-test-server.js';

const runPrefix = uniquePrefix('hybrid');
const root = await mkdtemp(join(tmpdir(), 'atb-hybrid-cache-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  if (!skipRedis()) await deleteKeys(TEST_REDIS_URL, runPrefix);
});

let count = 0;

/** A hybrid over Redis with its invalidation feed, as the registry builds it; `keyPrefix` shared to test two processes' views. */
function openRedisHybrid(options: { defaultTtlMs?: number; keyPrefix?: string; maxStalenessMs?: number } = {}): HybridCache<Item> {
  const name = `h${++count}`;
  const keyPrefix = options.keyPrefix ?? `${runPrefix}${name}:`;
  const origin = `${name}-${process.pid}`;
  const channel = `${keyPrefix}__invalidations`;
  const backing = new RedisCache<Item>({
    name,
    client: createRedisConnection(TEST_REDIS_URL, { connectionName: `atb-test-${name}` }),
    keyPrefix,
    value: new StoredValue(jsonCodec<Item>(), new Envelope()),
    invalidations: { channel, origin },
    ...(options.defaultTtlMs === undefined ? {} : { defaultTtlMs: options.defaultTtlMs }),
  });
  const feed = new RedisInvalidationFeed({
    name,
    subscriber: createRedisConnection(TEST_REDIS_URL, { connectionName: `atb-test-${name}-sub`, subscriber: true }),
    publisher: createRedisConnection(TEST_REDIS_URL, { connectionName: `atb-test-${name}-pub` }),
    channel,
    origin,
    heartbeatMs: 25,
  });
  return new HybridCache<Item>({ name, backing, feed, maxStalenessMs: options.maxStalenessMs ?? 200 });
}

async function ready<C extends { health(): { status: string; reason: string | undefined } }>(cache: C): Promise<C> {
  requireRedis();
  const deadline = Date.now() + 5_000;
  while (cache.health().status !== 'ok') {
    if (Date.now() > deadline) throw new Error(`cache not ready: ${cache.health().reason}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return cache;
}

const realTime = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeCacheContract(
  'hybrid memory + redis',
  async (options) => {
    const cache = await ready(openRedisHybrid(options));
    return { cache, advance: realTime, dispose: () => cache.close() };
  },
  { exactTime: false, skip: skipRedis() },
);

describeCacheContract(
  'hybrid memory + disk',
  async (options) => {
    const clock = new FakeClock(Date.now());
    const backing = new DiskCache<Item>({
      name: 'hd',
      directory: join(root, `d${++count}`),
      value: new StoredValue(jsonCodec<Item>(), new Envelope()),
      clock,
      ...options,
    });
    await backing.opened();
    const cache = new HybridCache<Item>({ name: 'hd', backing, clock });
    return { cache, advance: (ms) => clock.advance(ms), dispose: () => cache.close() };
  },
  { exactTime: true },
);

describe.skipIf(skipRedis())('HybridCache over Redis', () => {
  it('serves repeated reads from memory and drops an entry another instance changed', async () => {
    const keyPrefix = `${runPrefix}shared${++count}:`;
    const reader = await ready(openRedisHybrid({ keyPrefix }));
    const writer = await ready(openRedisHybrid({ keyPrefix }));
    try {
      await writer.set('k', item(1));
      expect(await reader.get('k')).toEqual(item(1));
      for (let i = 0; i < 10; i++) await reader.get('k');
      expect(reader.levels().memory.hits, 'the reads after the first come from memory').toBe(10);
      await writer.set('k', item(2));
      const deadline = Date.now() + 200;
      let seen = await reader.get('k');
      while (seen?.id !== 2 && Date.now() < deadline) seen = await reader.get('k');
      expect(seen, 'the reader sees the new value within the bound').toEqual(item(2));
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('forgets what it held when its subscription comes back, since invalidations were lost meanwhile', async () => {
    const keyPrefix = `${runPrefix}resub${++count}:`;
    const reader = await ready(openRedisHybrid({ keyPrefix, maxStalenessMs: 5_000 }));
    const writer = await ready(openRedisHybrid({ keyPrefix }));
    const admin = new Redis(TEST_REDIS_URL);
    try {
      await writer.set('k', item(1));
      expect(await reader.get('k')).toEqual(item(1));
      const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
      const subscriber = list.split('\n').find((line) => line.includes(`name=atb-test-h${count - 1}-sub `));
      const id = /id=(\d+)/.exec(subscriber ?? '')?.[1];
      expect(id, "the reader's subscriber connection").toBeDefined();
      await admin.client('KILL', 'ID', id!);
      await writer.set('k', item(2)); // announced while the reader is not listening
      await new Promise((resolve) => setTimeout(resolve, 20));
      await ready(reader); // resubscribed
      expect(await reader.get('k'), 'the value held before the gap is not trusted').toEqual(item(2));
    } finally {
      admin.disconnect();
      await Promise.all([reader.close(), writer.close()]);
    }
  });
});

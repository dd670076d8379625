// `npm run bench cache`: the caching layer (issue 6) against same-run baselines.
//
// 1. Memory cache get/set ops/s against the lru-cache package (target: LRU >= 0.8x), plus LFU and FIFO.
//    Same capacity (10,000), same seeded key sequence, warmed; three workloads: gets that all hit, sets of
//    new keys into a full cache (each evicts), and a mix (get, set on a miss; about 80 % hits). Measured as
//    process CPU time (the machine is shared: wall-clock swings with other jobs), rounds run round-robin,
//    median reported. The synchronous API is what a hot path uses; the async port adds a promise per call
//    and is shown too. Each contender runs its own copy of the loops (cache-loops.ts), so no contender's
//    type feedback shapes another's code.
// 2. Redis mget of 100 keys through RedisCache (MGET, envelope, JSON codec) against a raw ioredis
//    pipeline of 100 GETs of the same keys (target >= 0.7x), and the raw pipeline plus the same JSON
//    decoding. Wall-clock (Redis time is not this process's CPU), round-robin, median.
// 3. Hybrid cache (memory over Redis) hit latency, p50 and p99 of single awaited gets, next to a Redis
//    cache get. Redis at TEST_REDIS_URL or 127.0.0.1:6379; without it parts 2 and 3 print why they are left out.
import { LRUCache } from 'lru-cache';
import { Redis } from 'ioredis';
import { Envelope } from '../src/adapters/cache/envelope.js';
import { HybridCache } from '../src/adapters/cache/hybrid-cache.js';
import { MemoryCache } from '../src/adapters/cache/memory-cache.js';
import { createRedisConnection } from '../src/adapters/cache/redis-connection.js';
import { RedisCache } from '../src/adapters/cache/redis-cache.js';
import { RedisInvalidationFeed } from '../src/adapters/cache/redis-invalidation-feed.js';
import { StoredValue } from '../src/adapters/cache/stored-value.js';
import { jsonCodec } from '../src/application/caching/json-codec.js';
import { createSeededRandom } from '../src/shared/random.js';
import { median, printTable } from './bench-support.js';
import type * as Loops from './cache-loops.js';
import type { Keys, Workloads } from './cache-loops.js';

const CAPACITY = 10_000;
const OPS = 1_000_000;
const ROUNDS = 9;
const MASK = (1 << 20) - 1;

const random = createSeededRandom(20240601);
const indices = (universe: number): Int32Array => Int32Array.from({ length: MASK + 1 }, () => Math.floor(random.next() * universe));
const keySet = (ops: number): Keys => ({
  capacity: CAPACITY,
  ops,
  mask: MASK,
  keys: Array.from({ length: CAPACITY * 4 }, (_, i) => `instrument:${i}:quote`),
  hit: indices(CAPACITY),
  fresh: Int32Array.from({ length: MASK + 1 }, (_, i) => CAPACITY + (i % (CAPACITY * 3))),
  mix: indices(Math.floor(CAPACITY * 1.25)),
});
const keys = keySet(OPS);
const portKeys = { ...keys, ops: OPS / 10 };

/** A private copy of the loop module for one contender (see cache-loops.ts). */
const loopsFor = async (contender: string): Promise<typeof Loops> =>
  (await import(`./cache-loops.js?${contender}`)) as typeof Loops;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function timeCpu(run: () => unknown): Promise<number> {
  globalThis.gc?.();
  const start = cpuMs();
  await run();
  return cpuMs() - start;
}

async function memoryTable(): Promise<void> {
  const contenders: [string, Workloads][] = [
    ['lru-cache 11 (baseline)', (await loopsFor('lru-cache')).lruCacheLoops(new LRUCache({ max: CAPACITY }), keys)],
    ['MemoryCache LRU', (await loopsFor('lru')).memoryLoops(new MemoryCache({ maxEntries: CAPACITY, eviction: 'lru' }), keys)],
    ['MemoryCache LFU', (await loopsFor('lfu')).memoryLoops(new MemoryCache({ maxEntries: CAPACITY, eviction: 'lfu' }), keys)],
    ['MemoryCache FIFO', (await loopsFor('fifo')).memoryLoops(new MemoryCache({ maxEntries: CAPACITY, eviction: 'fifo' }), keys)],
  ];
  const port = (await loopsFor('port')).memoryPortLoops(new MemoryCache({ maxEntries: CAPACITY }), portKeys);
  const workloads = ['getHits', 'setNew', 'mixed'] as const;
  const times = new Map<string, number[]>();
  const record = (name: string, ms: number): void => void times.set(name, [...(times.get(name) ?? []), ms]);
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const workload of workloads) {
      for (const [name, cache] of contenders) {
        cache.fill();
        const ms = await timeCpu(() => cache[workload]());
        if (round > 0) record(`${name}|${workload}`, ms); // round 0 warms the JIT
      }
      if (workload !== 'setNew') {
        port.fill();
        const ms = await timeCpu(() => port[workload]());
        if (round > 0) record(`MemoryCache LRU, async port|${workload}`, ms * 10);
      }
    }
  }
  const opsPerSec = (name: string, workload: string): number | undefined => {
    const samples = times.get(`${name}|${workload}`);
    return samples === undefined ? undefined : OPS / (median(samples) / 1000);
  };
  const label = { getHits: 'get (all hit)', setNew: 'set (new key, evicts)', mixed: 'get, set on miss (~80% hit)' };
  const rows: string[][] = [['workload', 'cache', 'M ops/s (CPU)', 'vs lru-cache']];
  for (const workload of workloads) {
    const baseline = opsPerSec('lru-cache 11 (baseline)', workload) ?? Number.NaN;
    for (const name of [...contenders.map(([n]) => n), 'MemoryCache LRU, async port']) {
      const value = opsPerSec(name, workload);
      if (value === undefined) continue;
      rows.push([label[workload], name, (value / 1e6).toFixed(2), `${(value / baseline).toFixed(2)}x`]);
    }
  }
  printTable(`Memory cache, capacity ${CAPACITY}, ${OPS.toLocaleString('en')} ops per run, median of ${ROUNDS} runs`, rows);
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MGET_KEYS = 100;
const MGET_CALLS = 300;

interface Quote {
  readonly id: number;
  readonly symbol: string;
  readonly bid: string;
  readonly ask: string;
  readonly tsMs: number;
}

async function redisTables(): Promise<void> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
  } catch (error) {
    console.log(`\nRedis at ${REDIS_URL} unreachable (${String(error)}): Redis mget and hybrid latency left out.`);
    return;
  }
  const prefix = `atb-bench:${process.pid}:`;
  const cache = new RedisCache<Quote>({
    name: 'bench',
    client: createRedisConnection(REDIS_URL, { connectionName: 'atb-bench', commandTimeoutMs: 5_000 }),
    keyPrefix: prefix,
    value: new StoredValue(jsonCodec<Quote>(), new Envelope()),
  });
  try {
    while (cache.health().status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 5));
    const names = Array.from({ length: MGET_KEYS }, (_, i) => `quote:${i}`);
    await cache.mset(
      names.map((key, i) => ({ key, value: { id: i, symbol: `SYM${i}/USDT`, bid: `${100 + i}.25`, ask: `${100 + i}.5`, tsMs: 1_717_000_000_000 + i } })),
    );
    const raw = names.map((key) => prefix + key);
    const contenders: [string, () => Promise<unknown>][] = [
      ['raw ioredis pipeline, 100 GET (baseline)', () => raw.reduce((p, key) => p.getBuffer(key), probe.pipeline()).exec()],
      [
        'raw pipeline + the same JSON decoding',
        async () => {
          const replies = (await raw.reduce((p, key) => p.getBuffer(key), probe.pipeline()).exec()) ?? [];
          return replies.map(([, value]) => JSON.parse((value as Buffer).toString('utf8', 2)) as Quote);
        },
      ],
      ['raw ioredis MGET', () => probe.mgetBuffer(raw)],
      ['RedisCache.mget (breaker, envelope, JSON)', () => cache.mget(names)],
    ];
    const check = await cache.mget(names);
    if (check.some((value, i) => value?.id !== i)) throw new Error('RedisCache.mget returned wrong values');
    const samples = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const [name, call] of contenders) {
        const start = performance.now();
        for (let i = 0; i < MGET_CALLS; i++) await call();
        const ms = performance.now() - start;
        if (round > 0) samples.set(name, [...(samples.get(name) ?? []), ms]);
      }
    }
    const rate = (name: string): number => MGET_CALLS / (median(samples.get(name) ?? [Number.NaN]) / 1000);
    const baseline = rate(contenders[0]![0]);
    printTable(
      `Redis mget of ${MGET_KEYS} keys, ${MGET_CALLS} calls per run, wall clock, median of ${ROUNDS} runs`,
      [
        ['reader', 'mget calls/s', 'us per call', 'vs raw pipeline'],
        ...contenders.map(([name]) => [name, rate(name).toFixed(0), (1e6 / rate(name)).toFixed(0), `${(rate(name) / baseline).toFixed(2)}x`]),
      ],
    );
    await hybridLatency(cache);
  } finally {
    await cache.clear();
    await cache.close();
    probe.disconnect();
  }
}

async function hybridLatency(redisCache: RedisCache<Quote>): Promise<void> {
  const prefix = `atb-bench-hybrid:${process.pid}:`;
  const channel = `${prefix}__invalidations`;
  const hybrid = new HybridCache<Quote>({
    name: 'bench-hybrid',
    backing: new RedisCache<Quote>({
      name: 'bench-hybrid',
      client: createRedisConnection(REDIS_URL, { connectionName: 'atb-bench-hybrid' }),
      keyPrefix: prefix,
      value: new StoredValue(jsonCodec<Quote>(), new Envelope()),
      invalidations: { channel, origin: 'bench' },
    }),
    feed: new RedisInvalidationFeed({
      name: 'bench-hybrid',
      subscriber: createRedisConnection(REDIS_URL, { connectionName: 'atb-bench-hybrid-sub', subscriber: true }),
      publisher: createRedisConnection(REDIS_URL, { connectionName: 'atb-bench-hybrid-pub' }),
      channel,
      origin: 'bench',
      heartbeatMs: 200,
    }),
    maxStalenessMs: 1_000,
  });
  try {
    while (hybrid.health().status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 5));
    const quote: Quote = { id: 1, symbol: 'BTC/USDT', bid: '67000.5', ask: '67001', tsMs: 1_717_000_000_000 };
    await hybrid.set('hot', quote);
    const measure = async (name: string, get: () => Promise<Quote | undefined>, calls: number): Promise<string[]> => {
      const latencies = new Float64Array(calls);
      for (let i = 0; i < calls; i++) {
        const start = performance.now();
        const value = await get();
        latencies[i] = performance.now() - start;
        if (value?.id !== 1) throw new Error(`${name} missed`);
        // Let I/O run now and then, as a process serving other work would: the heartbeat must come back.
        if (i % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      latencies.sort();
      const at = (q: number): string => ((latencies[Math.floor(q * (calls - 1))] ?? Number.NaN) * 1000).toFixed(2);
      return [name, String(calls), at(0.5), at(0.99)];
    };
    await redisCache.set('hot', quote);
    await measure('warm-up', () => hybrid.get('hot'), 20_000);
    const rows = [
      ['read', 'calls', 'p50 us', 'p99 us'],
      await measure('HybridCache.get, memory hit', () => hybrid.get('hot'), 200_000),
      await measure('RedisCache.get (what a memory miss costs)', () => redisCache.get('hot'), 5_000),
    ];
    const { memory } = hybrid.levels();
    printTable(`Hybrid cache (memory over Redis) read latency; memory hits ${memory.hits} of ${memory.hits + memory.misses} reads`, rows);
  } finally {
    await hybrid.clear();
    await hybrid.close();
  }
}

await memoryTable();
await redisTables();

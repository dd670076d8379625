import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { BackingCache } from '../../adapters/cache/backing-cache.js';
import { registerCacheMetrics } from '../../adapters/cache/cache-metrics.js';
import { DiskCache } from '../../adapters/cache/disk-cache.js';
import { Envelope, parseEncryptionKey } from '../../adapters/cache/envelope.js';
import { HybridCache } from '../../adapters/cache/hybrid-cache.js';
import { MemoryCache } from '../../adapters/cache/memory-cache.js';
import { RedisCache } from '../../adapters/cache/redis-cache.js';
import { createRedisConnection, type RedisConnectionOptions } from '../../adapters/cache/redis-connection.js';
import { RedisInvalidationFeed } from '../../adapters/cache/redis-invalidation-feed.js';
import { StoredValue } from '../../adapters/cache/stored-value.js';
import type { Cache, CacheCodec, CacheHealth } from '../../application/ports/cache.js';
import type { Clock } from '../../application/ports/clock.js';
import { silentLogger, type Logger } from '../../application/ports/logger.js';
import { AtbError } from '../../shared/errors.js';
import { systemClock, type ResilienceClock } from '../../shared/resilience/index.js';
import type { AtbConfig, CacheConfig } from '../config/schema.js';

export interface CacheDependencies {
  readonly logger?: Logger;
  /** Monotonic time: memory TTLs, circuit breakers, the hybrid bound. Default performance.now. */
  readonly clock?: ResilienceClock;
  /** Epoch time for disk expiry, which must survive a restart. Default Date.now. */
  readonly wallClock?: Clock;
  /** Where relative disk paths start. Default the working directory. */
  readonly cwd?: string;
  /** Caches with `metrics: true` are exposed here (cache-metrics.ts). */
  readonly metrics?: Registry;
  /** Opens a Redis connection; tests may point it elsewhere. Default createRedisConnection. */
  readonly connectRedis?: (url: string, options: RedisConnectionOptions) => Redis;
  /** Names this process in invalidation messages. Default host:pid:random. */
  readonly origin?: string;
}

/** The named caches of the configuration. */
export interface CacheRegistry {
  /** The configured names. */
  readonly names: readonly string[];
  /**
   * The cache configured as `name`, built on first use with `codec` (later calls must pass the same
   * codec); undefined when the configuration has no such cache, so the caller runs without one.
   */
  findCache<V>(name: string, codec: CacheCodec<V>): Cache<V> | undefined;
  /** The health of every cache built so far. */
  health(): Readonly<Record<string, CacheHealth>>;
  /** Closes every cache built; safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_MAX_STALENESS_MS = 1_000;
const DISK_BACKING_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Builds the caches of `config.cache` by name: memory, Redis, disk or hybrid, with the bounds, TTL,
 * eviction, compression and encryption configured for each. Thin on purpose: it only wires adapters
 * together. Settings that cannot work together (a Redis cache without redis.url) fail here, at startup.
 *
 * @example
 * const caches = createCaches(config, { logger, metrics: registry });
 * const strategies = caches.findCache('strategies', jsonCodec<StrategyRecord>());
 * ...
 * await caches.close();
 */
export function createCaches(config: Pick<AtbConfig, 'cache' | 'redis'>, deps: CacheDependencies = {}): CacheRegistry {
  for (const [name, cache] of Object.entries(config.cache)) {
    const needsRedis = cache.type === 'redis' || (cache.type === 'hybrid' && (cache.backing ?? 'redis') === 'redis');
    if (needsRedis && config.redis.url === undefined) {
      const expected = 'redis.url (or REDIS_URL) to be set, since this cache keeps its values in Redis';
      throw new AtbError('CONFIG_INVALID', `invalid cache.${name}.type, was "${cache.type}": expected ${expected}`, {
        field: `cache.${name}.type`,
      });
    }
  }
  const built = new Map<string, { readonly cache: Cache<unknown>; readonly codec: CacheCodec<unknown> }>();
  const origin = deps.origin ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let closed = false;

  return {
    names: Object.keys(config.cache),
    findCache<V>(name: string, codec: CacheCodec<V>): Cache<V> | undefined {
      const settings = config.cache[name];
      if (settings === undefined) return undefined;
      const existing = built.get(name);
      if (existing !== undefined) {
        if (existing.codec !== codec) {
          throw new AtbError('INVALID_INPUT', `cache '${name}' was already opened with another codec`, { name });
        }
        return existing.cache as Cache<V>;
      }
      if (closed) throw new AtbError('INVALID_INPUT', `the caches are closed: cannot open '${name}'`, { name });
      const cache = build(name, settings, codec, { ...deps, origin }, config.redis);
      built.set(name, { cache: cache, codec: codec });
      if (settings.metrics && deps.metrics !== undefined) registerCacheMetrics(deps.metrics, name, cache);
      return cache;
    },
    health: () => Object.fromEntries([...built].map(([name, { cache }]) => [name, cache.health()])),
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...built.values()].map(({ cache }) => cache.close()));
    },
  };
}

function build<V>(
  name: string,
  settings: CacheConfig,
  codec: CacheCodec<V>,
  deps: CacheDependencies & { readonly origin: string },
  redis: AtbConfig['redis'],
): Cache<V> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const memoryBounds = { maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, eviction: settings.eviction };
  switch (settings.type) {
    case 'memory':
      return new MemoryCache<V>({ ...memoryBounds, defaultTtlMs: settings.defaultTtlMs, clock });
    case 'redis':
      return redisCache(name, settings, codec, deps, redis, undefined);
    case 'disk':
      return diskCache(name, settings, codec, deps, memoryBounds);
    case 'hybrid': {
      const maxStalenessMs = settings.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS;
      if ((settings.backing ?? 'redis') === 'disk') {
        const backing = diskCache(name, settings, codec, deps, {
          maxBytes: settings.backingMaxBytes ?? DISK_BACKING_MAX_BYTES,
          eviction: settings.eviction,
        });
        return new HybridCache<V>({ name, backing, memory: memoryBounds, maxStalenessMs, clock });
      }
      const url = requireUrl(redis);
      const keyPrefix = redisKeyPrefix(name, settings, redis);
      const channel = `${keyPrefix}__invalidations`;
      const connect = deps.connectRedis ?? createRedisConnection;
      const backing = redisCache(name, settings, codec, deps, redis, { channel, origin: deps.origin });
      const feed = new RedisInvalidationFeed({
        name,
        subscriber: connect(url, { connectionName: `atb-cache-${name}-sub`, subscriber: true }),
        publisher: connect(url, { connectionName: `atb-cache-${name}-pub` }),
        channel,
        origin: deps.origin,
        // Several heartbeats per bound, so one late heartbeat does not age memory out.
        heartbeatMs: Math.max(5, Math.floor(maxStalenessMs / 5)),
        clock,
        logger,
      });
      return new HybridCache<V>({ name, backing, feed, memory: memoryBounds, maxStalenessMs, clock });
    }
  }
}

function redisCache<V>(
  name: string,
  settings: CacheConfig,
  codec: CacheCodec<V>,
  deps: CacheDependencies,
  redis: AtbConfig['redis'],
  invalidations: { readonly channel: string; readonly origin: string } | undefined,
): RedisCache<V> {
  const connect = deps.connectRedis ?? createRedisConnection;
  return new RedisCache<V>({
    name,
    client: connect(requireUrl(redis), { connectionName: `atb-cache-${name}` }),
    keyPrefix: redisKeyPrefix(name, settings, redis),
    value: storedValue(settings, codec),
    defaultTtlMs: settings.defaultTtlMs,
    logger: deps.logger,
    ...(invalidations === undefined ? {} : { invalidations }),
  });
}

function diskCache<V>(
  name: string,
  settings: CacheConfig,
  codec: CacheCodec<V>,
  deps: CacheDependencies,
  bounds: Pick<CacheConfig, 'maxEntries' | 'maxBytes' | 'eviction'>,
): BackingCache<V> {
  return new DiskCache<V>({
    name,
    directory: resolve(deps.cwd ?? process.cwd(), settings.path ?? `.atb/cache/${name}`),
    value: storedValue(settings, codec),
    ...bounds,
    defaultTtlMs: settings.defaultTtlMs,
    logger: deps.logger,
    ...(deps.wallClock === undefined ? {} : { clock: deps.wallClock }),
  });
}

function storedValue<V>(settings: CacheConfig, codec: CacheCodec<V>): StoredValue<V> {
  const key = settings.encryption?.key;
  return new StoredValue(
    codec,
    new Envelope({
      compression: settings.compression ?? 'none',
      compressAboveBytes: settings.compressAboveBytes ?? 1024,
      ...(key === undefined ? {} : { encryptionKey: parseEncryptionKey(key) }),
    }),
  );
}

function redisKeyPrefix(name: string, settings: CacheConfig, redis: AtbConfig['redis']): string {
  return redis.keyPrefix + (settings.keyPrefix ?? `cache:${name}:`);
}

function requireUrl(redis: AtbConfig['redis']): string {
  // createCaches checked this for every cache that needs Redis before building any.
  if (redis.url === undefined) throw new AtbError('CONFIG_INVALID', 'redis.url is not set', { field: 'redis.url' });
  return redis.url;
}

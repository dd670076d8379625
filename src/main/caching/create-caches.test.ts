import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonCodec } from '../../application/caching/json-codec.js';
import { formatConfigIssue } from '../config/config-issue.js';
import { loadConfig } from '../config/load-config.js';
import { configSchema } from '../config/schema.js';
import { createCaches } from './create-caches.js';

const root = await mkdtemp(join(tmpdir(), 'atb-caches-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const configOf = (cache: unknown, redisUrl?: string) =>
  configSchema.parse({ cache, ...(redisUrl === undefined ? {} : { redis: { url: redisUrl } }) });

describe('createCaches', () => {
  it('builds a configured cache once, by name, and nothing for a name not configured', async () => {
    const caches = createCaches(configOf({ quotes: { type: 'memory', maxEntries: 2, eviction: 'fifo' } }));
    const codec = jsonCodec<number>();
    const quotes = caches.findCache('quotes', codec);
    expect(quotes).toBeDefined();
    expect(caches.findCache('quotes', codec), 'the same cache each time').toBe(quotes);
    expect(() => caches.findCache('quotes', jsonCodec<number>())).toThrow(/already opened with another codec/);
    expect(caches.findCache('absent', codec)).toBeUndefined();
    await quotes?.mset([1, 2, 3].map((n) => ({ key: `k${n}`, value: n })));
    expect(await quotes?.mget(['k1', 'k2', 'k3']), 'maxEntries 2, first in first out').toEqual([undefined, 2, 3]);
    expect(caches.health()).toEqual({ quotes: { status: 'ok', reason: undefined } });
    await caches.close();
    expect(caches.health().quotes?.status).toBe('down');
  });

  it('refuses at startup a Redis cache without redis.url', () => {
    expect(() => createCaches(configOf({ bars: { type: 'hybrid' } }))).toThrow(
      'invalid cache.bars.type, was "hybrid": expected redis.url (or REDIS_URL) to be set, since this cache keeps its values in Redis',
    );
  });

  it('builds a disk cache under its path, encrypted, that the next run reads back', async () => {
    const settings = { state: { type: 'disk', path: 'state', encryption: { key: 'ab'.repeat(32) }, compression: 'gzip' } };
    const codec = jsonCodec<string>();
    const first = createCaches(configOf(settings), { cwd: root });
    await first.findCache('state', codec)?.set('k', 'persisted');
    await first.close();
    const second = createCaches(configOf(settings), { cwd: root });
    expect(await second.findCache('state', codec)?.get('k')).toBe('persisted');
    await second.close();
  });

  it('exposes caches with metrics on in the registry given', async () => {
    const registry = new Registry();
    const caches = createCaches(configOf({ seen: { type: 'memory' }, unseen: { type: 'memory', metrics: false } }), { metrics: registry });
    const seen = caches.findCache('seen', jsonCodec<number>());
    caches.findCache('unseen', jsonCodec<number>());
    await seen?.set('a', 1);
    await seen?.get('a');
    await seen?.get('b');
    const text = await registry.metrics();
    expect(text).toContain('atb_cache_requests_total{cache="seen",result="hit"} 1');
    expect(text).toContain('atb_cache_requests_total{cache="seen",result="miss"} 1');
    expect(text).toContain('atb_cache_status{cache="seen",status="ok"} 1');
    expect(text).not.toContain('cache="unseen"');
    await caches.close();
  });
});

describe('cache configuration', () => {
  const errors = (env: Record<string, string>): string[] => {
    const result = loadConfig({ env, cwd: root });
    return result.ok ? [] : result.error.errors.map(formatConfigIssue);
  };

  it('names a setting that cannot apply to the type of cache', () => {
    expect(errors({ ATB_CACHE_BARS_TYPE: 'redis', ATB_CACHE_BARS_MAX_ENTRIES: '5' })).toEqual([
      'config error: cache.bars.maxEntries = 5 (from env ATB_CACHE_BARS_MAX_ENTRIES): expected no maxEntries for a redis cache (Redis bounds its memory itself, with maxmemory)',
    ]);
    expect(errors({ ATB_CACHE_QUOTES_TYPE: 'memory', ATB_CACHE_QUOTES_COMPRESSION: 'gzip' })).toEqual([
      'config error: cache.quotes.compression = "gzip" (from env ATB_CACHE_QUOTES_COMPRESSION): expected no compression for a memory cache (compression and encryption apply where values leave the process: redis, disk, hybrid)',
    ]);
    expect(errors({ ATB_CACHE_X_TYPE: 'hybrid', ATB_CACHE_X_PATH: 'dir' })[0]).toMatch(/cache\.x\.path .*only a disk cache, or a hybrid with backing disk, has a directory/);
  });

  it('accepts the settings of each type', () => {
    expect(
      errors({
        ATB_CACHE_A_TYPE: 'hybrid',
        ATB_CACHE_A_BACKING: 'disk',
        ATB_CACHE_A_PATH: 'a',
        ATB_CACHE_A_BACKING_MAX_BYTES: '1000000',
        ATB_CACHE_A_MAX_STALENESS_MS: '250',
        ATB_CACHE_A_MAX_ENTRIES: '100',
        ATB_CACHE_B_TYPE: 'redis',
        ATB_CACHE_B_KEY_PREFIX: 'b:',
        ATB_CACHE_B_COMPRESSION: 'brotli',
        ATB_CACHE_B_COMPRESS_ABOVE_BYTES: '512',
      }),
    ).toEqual([]);
  });
});

import { Counter, Gauge, type Registry } from 'prom-client';
import type { Cache, CacheStats } from '../../application/ports/cache.js';

type Watched = ReadonlyMap<string, Pick<Cache<unknown>, 'stats' | 'health'>>;

const watchedBy = new WeakMap<Registry, Map<string, Pick<Cache<unknown>, 'stats' | 'health'>>>();

/**
 * Exposes a cache's `stats()` and `health()` in a prom-client registry, read at scrape time (nothing is
 * counted twice and the hot path stays free of metric calls). Several caches share the metrics, labelled
 * by cache name; the returned function stops exposing this one.
 *
 * Metric names: atb_cache_requests_total{cache,result=hit|miss}, atb_cache_writes_total{cache,
 * result=applied|dropped}, atb_cache_removals_total{cache,reason=deleted|evicted|expired},
 * atb_cache_errors_total{cache}, atb_cache_decode_failures_total{cache}, atb_cache_entries{cache},
 * atb_cache_bytes{cache}, atb_cache_status{cache,status=ok|degraded|down} (1 for the current status),
 * atb_cache_circuit_closed{cache} (0 while the circuit breaker is not closed).
 *
 * @example
 * const stop = registerCacheMetrics(registry, 'bars', barsCache);
 */
export function registerCacheMetrics(
  registry: Registry,
  name: string,
  cache: Pick<Cache<unknown>, 'stats' | 'health'>,
): () => void {
  let watched = watchedBy.get(registry);
  if (watched === undefined) {
    watched = new Map();
    watchedBy.set(registry, watched);
    defineMetrics(registry, watched);
  }
  watched.set(name, cache);
  return () => watched.delete(name);
}

function defineMetrics(registry: Registry, watched: Watched): void {
  const counter = (metric: string, help: string, label: string | undefined, values: (s: CacheStats) => Record<string, number>) =>
    new Counter({
      name: metric,
      help,
      labelNames: label === undefined ? ['cache'] : ['cache', label],
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, source] of watched) {
          for (const [value, count] of Object.entries(values(source.stats()))) {
            this.inc(label === undefined ? { cache } : { cache, [label]: value }, count);
          }
        }
      },
    });
  counter('atb_cache_requests_total', 'Cache reads by result', 'result', (s) => ({ hit: s.hits, miss: s.misses }));
  counter('atb_cache_writes_total', 'Cache writes applied or dropped', 'result', (s) => ({
    applied: s.sets,
    dropped: s.droppedWrites,
  }));
  counter('atb_cache_removals_total', 'Cache entries removed, by reason', 'reason', (s) => ({
    deleted: s.deletes,
    evicted: s.evictions,
    expired: s.expirations,
  }));
  counter('atb_cache_errors_total', 'Cache backend calls that failed or were refused by the circuit', undefined, (s) => ({
    all: s.errors,
  }));
  counter('atb_cache_decode_failures_total', 'Stored entries that could not be decrypted or decoded', undefined, (s) => ({
    all: s.decodeFailures,
  }));
  const gauge = (metric: string, help: string, value: (s: CacheStats) => number | undefined) =>
    new Gauge({
      name: metric,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, source] of watched) {
          const current = value(source.stats());
          if (current !== undefined) this.set({ cache }, current);
        }
      },
    });
  gauge('atb_cache_entries', 'Entries held (where the cache knows)', (s) => s.entries);
  gauge('atb_cache_bytes', 'Bytes held (where the cache knows)', (s) => s.bytes);
  gauge('atb_cache_circuit_closed', '1 while the cache circuit breaker is closed', (s) =>
    s.circuit === undefined ? undefined : s.circuit === 'CLOSED' ? 1 : 0,
  );
  new Gauge({
    name: 'atb_cache_status',
    help: '1 for the current health status of each cache',
    labelNames: ['cache', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [cache, source] of watched) {
        const current = source.health().status;
        for (const status of ['ok', 'degraded', 'down']) this.set({ cache, status }, status === current ? 1 : 0);
      }
    },
  });
}

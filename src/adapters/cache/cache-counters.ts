import type { CacheStats } from '../../application/ports/cache.js';

/** The counters behind `Cache.stats()` for the caches outside the process; plain fields, bumped in place. */
export class CacheCounters {
  hits = 0;
  misses = 0;
  sets = 0;
  deletes = 0;
  evictions = 0;
  expirations = 0;
  errors = 0;
  droppedWrites = 0;
  decodeFailures = 0;

  snapshot(now: Pick<CacheStats, 'entries' | 'bytes' | 'circuit'>): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      sets: this.sets,
      deletes: this.deletes,
      evictions: this.evictions,
      expirations: this.expirations,
      errors: this.errors,
      droppedWrites: this.droppedWrites,
      decodeFailures: this.decodeFailures,
      ...now,
    };
  }
}

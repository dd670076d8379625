import type { Cache } from '../../application/ports/cache.js';

/** A value read with the time it has left, so that a copy kept in front of it expires with it. */
export interface TimedValue<V> {
  readonly value: V;
  /** Milliseconds left, or undefined when the entry has no TTL. */
  readonly ttlMs: number | undefined;
}

/**
 * What the hybrid cache needs from the cache behind its memory level (Redis or disk): reads that tell the
 * remaining TTL, and writes that tell whether they were applied (a dropped write must not be kept in
 * front either).
 */
export interface BackingCache<V> extends Cache<V> {
  /** The TTL of a write that gives none. */
  readonly defaultTtlMs: number | undefined;
  getTimed(key: string): Promise<TimedValue<V> | undefined>;
  mgetTimed(keys: readonly string[]): Promise<(TimedValue<V> | undefined)[]>;
  /** Resolves true when the write was applied, false when it was dropped. */
  put(key: string, value: V, ttlMs: number | undefined): Promise<boolean>;
}

import { AtbError } from '../../shared/errors.js';

/**
 * Checks of the caller's input shared by every cache adapter. A bad key or TTL is a programming error, so
 * it rejects (INVALID_INPUT) instead of being counted as a miss like a backend failure.
 */
export function checkCacheKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    const shown = JSON.stringify(key) ?? String(key);
    throw new AtbError('INVALID_INPUT', `invalid cache key, was ${shown}: expected a non-empty string`, {
      field: 'key',
      value: key,
    });
  }
  return key;
}

/** A TTL is a positive, finite number of milliseconds, or undefined for the cache's default. */
export function checkTtlMs(ttlMs: number | undefined, field = 'ttlMs'): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    const expected = 'expected a positive number of milliseconds';
    throw new AtbError('INVALID_INPUT', `invalid cache ${field}, was ${String(ttlMs)}: ${expected}`, {
      field,
      value: ttlMs,
    });
  }
  return ttlMs;
}

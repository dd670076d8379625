import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** Shown by CLIENT LIST, e.g. "atb-cache-bars". */
  readonly connectionName: string;
  /** Default 1 000 ms. */
  readonly connectTimeoutMs?: number;
  /** A command without a reply after this long fails. Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** A pub/sub subscriber: it subscribes again itself after a reconnect (to know when it is listening). */
  readonly subscriber?: boolean;
}

/**
 * An ioredis client set up to fail fast, as a cache needs: no offline queue (a command while disconnected
 * fails at once instead of waiting for a reconnect), a short command and connect timeout, and reconnection
 * in the background with a capped backoff. Not connected yet (`lazyConnect`); `connect()` starts it, and
 * the caller listens for 'error' (an unhandled one is only printed by ioredis, never thrown).
 *
 * @see https://github.com/redis/ioredis#auto-reconnect
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    maxRetriesPerRequest: 0,
    connectionName: options.connectionName,
    autoResubscribe: options.subscriber !== true,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), 2_000),
  });
}

import type { ChainableCommander, Redis } from 'ioredis';
import { checkCacheKey, checkTtlMs } from '../../application/caching/cache-input.js';
import {
  CacheStatus,
  type CacheEntry,
  type CacheHealth,
  type CacheSetOptions,
  type CacheStats,
} from '../../application/ports/cache.js';
import { silentLogger, type Logger } from '../../application/ports/logger.js';
import { CircuitBreaker, CircuitState, exponentialWait, type ResilienceClock } from '../../shared/resilience/index.js';
import type { BackingCache, TimedValue } from './backing-cache.js';
import { CacheCounters } from './cache-counters.js';
import { encodeInvalidation, type Invalidation } from './invalidation-message.js';
import { PendingInvalidations, type InvalidationBatch } from './pending-invalidations.js';
import type { StoredValue } from './stored-value.js';

export interface RedisCacheOptions<V> {
  /** Names the cache in logs, metrics and its circuit breaker. */
  readonly name: string;
  /** A client from createRedisConnection (fail-fast options); the cache connects it and closes it. */
  readonly client: Redis;
  /** Put before every key, e.g. "atb:cache:bars:". */
  readonly keyPrefix: string;
  readonly value: StoredValue<V>;
  readonly defaultTtlMs?: number;
  /** Default: cacheCircuitBreaker(name). */
  readonly breaker?: CircuitBreaker;
  readonly logger?: Logger;
  /** Past this many dropped keys the cache clears all its keys on recovery instead. Default 10 000. */
  readonly maxPendingInvalidations?: number;
  /**
   * Announce every write on this pub/sub channel, in the same MULTI transaction as the write, so that a
   * write and its announcement happen together or not at all (the hybrid cache's cross-process
   * invalidation). `origin` identifies this process in the messages.
   */
  readonly invalidations?: { readonly channel: string; readonly origin: string };
}

const FAILED = Symbol('failed');
type Failed = typeof FAILED;
const BATCH = 500;

/**
 * The circuit breaker a Redis cache uses unless given one: it opens when half of the last 20 calls (at
 * least 5) failed or 80 % took over 200 ms, waits 0.5 s doubling to 10 s, and closes after 2 good probes.
 * Tuned for a cache, where giving up early costs only a miss.
 */
export function cacheCircuitBreaker(name: string, clock?: ResilienceClock): CircuitBreaker {
  return new CircuitBreaker({
    name: `cache:${name}`,
    slidingWindow: { kind: 'count', calls: 20 },
    minimumNumberOfCalls: 5,
    failureRateThreshold: 50,
    slowCallDurationThresholdMs: 200,
    slowCallRateThreshold: 80,
    waitDurationInOpenStateMs: exponentialWait({ initialMs: 500, maxMs: 10_000 }),
    permittedNumberOfCallsInHalfOpenState: 2,
    probeTimeoutMs: 1_000,
    ...(clock === undefined ? {} : { clock }),
  });
}

/**
 * A cache in Redis (ioredis): values in the envelope of stored-value.ts under a key prefix, TTL as PX,
 * mget as one MGET, mset as one pipeline of SET PX.
 *
 * Redis being slow or gone never reaches the caller. A command is only sent while the connection is ready
 * (the client has no offline queue, so nothing waits for a reconnect), and every command runs through a
 * circuit breaker, which also catches the half-dead connection whose commands time out. A failed read is a
 * miss; a failed write is dropped and remembered as a pending invalidation (the old value may still be in
 * Redis), and pending invalidations are applied before the next read, so an outage never leaves a stale
 * entry to be served afterwards. All of it shows in `stats()` and `health()` (degraded), and the cache
 * recovers by itself: ioredis reconnects and the breaker lets probes through.
 *
 * @example
 * const cache = new RedisCache({ name: 'bars', keyPrefix: 'atb:cache:bars:',
 *   client: createRedisConnection(url, { connectionName: 'atb-cache-bars' }),
 *   value: new StoredValue(msgpackCodec<BarDto>(), new Envelope({ compression: 'gzip' })) });
 */
export class RedisCache<V> implements BackingCache<V> {
  readonly name: string;
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #value: StoredValue<V>;
  readonly defaultTtlMs: number | undefined;
  readonly #breaker: CircuitBreaker;
  readonly #logger: Logger;
  readonly #pending: PendingInvalidations;
  readonly #announce: RedisCacheOptions<V>['invalidations'];
  readonly #counters = new CacheCounters();
  #replaying: Promise<boolean> | undefined;
  #closed = false;
  #everReady = false;
  #connected = false;

  constructor(options: RedisCacheOptions<V>) {
    this.name = options.name;
    this.#client = options.client;
    this.#prefix = options.keyPrefix;
    this.#value = options.value;
    this.defaultTtlMs = checkTtlMs(options.defaultTtlMs, 'defaultTtlMs');
    this.#breaker = options.breaker ?? cacheCircuitBreaker(options.name);
    this.#logger = options.logger ?? silentLogger;
    this.#pending = new PendingInvalidations(options.maxPendingInvalidations ?? 10_000);
    this.#announce = options.invalidations;
    this.#watchConnection();
    this.#breaker.onStateChange(({ from, to, reason }) =>
      this.#logger.warn('cache circuit changed', { cache: this.name, from, to, reason }),
    );
    if (this.#client.status === 'wait') {
      // The first connection may fail; ioredis then keeps retrying in the background.
      this.#client.connect().catch(() => undefined);
    }
  }

  async get(key: string): Promise<V | undefined> {
    checkCacheKey(key);
    if (!(await this.#readable())) return this.#miss();
    const stored = await this.#run(() => this.#client.getBuffer(this.#prefix + key));
    if (stored === FAILED || stored === null) return this.#miss();
    return (await this.#decode(key, stored))?.value;
  }

  async getTimed(key: string): Promise<TimedValue<V> | undefined> {
    return (await this.mgetTimed([key]))[0];
  }

  async mget(keys: readonly string[]): Promise<(V | undefined)[]> {
    return (await this.#mget(keys, false)).map((read) => read?.value);
  }

  mgetTimed(keys: readonly string[]): Promise<(TimedValue<V> | undefined)[]> {
    return this.#mget(keys, true);
  }

  async set(key: string, value: V, options?: CacheSetOptions): Promise<void> {
    checkCacheKey(key);
    await this.put(key, value, checkTtlMs(options?.ttlMs));
  }

  async put(key: string, value: V, ttlMs: number | undefined): Promise<boolean> {
    checkCacheKey(key);
    return (await this.#write([{ key, value, ttlMs: checkTtlMs(ttlMs) }]))[0] ?? false;
  }

  async mset(entries: readonly CacheEntry<V>[]): Promise<void> {
    const checked = entries.map((entry) => ({ key: checkCacheKey(entry.key), value: entry.value, ttlMs: checkTtlMs(entry.ttlMs) }));
    await this.#write(checked);
  }

  async delete(key: string): Promise<boolean> {
    checkCacheKey(key);
    if (this.#closed) {
      this.#counters.droppedWrites++;
      return false;
    }
    const replies = await this.#run(() => this.#announced([key], this.#transaction().del(this.#prefix + key)).exec());
    const removed = replies === FAILED ? undefined : replies?.[0];
    if (removed === undefined || removed[0] !== null) {
      this.#dropWrite(key);
      return false;
    }
    const existed = Number(removed[1]) > 0;
    if (existed) this.#counters.deletes++;
    return existed;
  }

  async has(key: string): Promise<boolean> {
    checkCacheKey(key);
    if (!(await this.#readable())) return false;
    const found = await this.#run(() => this.#client.exists(this.#prefix + key));
    return found !== FAILED && found > 0;
  }

  async clear(prefix = ''): Promise<void> {
    if (this.#closed) {
      this.#counters.droppedWrites++;
      return;
    }
    const batch = { all: prefix === '', keys: [], prefixes: prefix === '' ? [] : [prefix] };
    if (!(await this.#apply(batch))) {
      this.#counters.droppedWrites++;
      this.#pending.restore(batch);
    }
  }

  stats(): CacheStats {
    return this.#counters.snapshot({ entries: undefined, bytes: undefined, circuit: this.#breaker.state });
  }

  health(): CacheHealth {
    if (this.#closed) return { status: CacheStatus.DOWN, reason: 'closed' };
    const reason =
      this.#client.status !== 'ready'
        ? `redis connection is ${this.#client.status}`
        : this.#breaker.state !== CircuitState.CLOSED
          ? `circuit is ${this.#breaker.state}`
          : this.#pending.isEmpty
            ? undefined
            : `${this.#pending.size} invalidations wait for redis`;
    return reason === undefined
      ? { status: CacheStatus.OK, reason: undefined }
      : { status: CacheStatus.DEGRADED, reason: `${reason}: reads miss and writes are dropped` };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.#client.status === 'ready') await this.#client.quit();
    } catch {
      // quitting a connection that is going away anyway
    } finally {
      this.#client.disconnect();
    }
  }

  async #mget(keys: readonly string[], timed: boolean): Promise<(TimedValue<V> | undefined)[]> {
    keys.forEach((key) => checkCacheKey(key));
    if (keys.length === 0) return [];
    const read = (await this.#readable()) ? await this.#fetch(keys.map((key) => this.#prefix + key), timed) : undefined;
    if (read === undefined) {
      this.#counters.misses += keys.length;
      return keys.map(() => undefined);
    }
    return Promise.all(
      keys.map((key, i) => {
        const stored = read.values[i];
        // PTTL: -1 no expiry; -2 gone, or 0 going (expired between the two commands): a miss.
        const pttl = read.pttls?.[i] ?? -1;
        return stored === null || stored === undefined || pttl === -2 || pttl === 0
          ? Promise.resolve(this.#miss())
          : this.#decode(key, stored, pttl);
      }),
    );
  }

  /** One MGET, and with `timed` a PTTL per key in the same pipeline; undefined when Redis failed. */
  async #fetch(
    redisKeys: string[],
    timed: boolean,
  ): Promise<{ readonly values: readonly (Buffer | null)[]; readonly pttls?: readonly number[] } | undefined> {
    if (!timed) {
      const values = await this.#run(() => this.#client.mgetBuffer(redisKeys));
      return values === FAILED ? undefined : { values };
    }
    const replies = await this.#run(() => {
      const pipeline = this.#client.pipeline().mgetBuffer(redisKeys);
      for (const key of redisKeys) pipeline.pttl(key);
      return pipeline.exec();
    });
    if (replies === FAILED || replies === null || replies.some(([error]) => error !== null)) {
      if (replies !== FAILED) this.#counters.errors++;
      return undefined;
    }
    return {
      values: (replies[0]?.[1] ?? []) as (Buffer | null)[],
      pttls: replies.slice(1).map(([, pttl]) => Number(pttl)),
    };
  }

  /** Writes entries in one transaction (with their announcement); per entry, whether it was applied. */
  async #write(entries: readonly { key: string; value: V; ttlMs: number | undefined }[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    if (this.#closed) {
      this.#counters.droppedWrites += entries.length;
      return entries.map(() => false);
    }
    const encoded = await Promise.all(entries.map((entry) => this.#encode(entry.key, entry.value)));
    const sent = entries.filter((entry, i) => {
      if (encoded[i] !== FAILED) return true;
      this.#dropWrite(entry.key);
      return false;
    });
    if (sent.length === 0) return entries.map(() => false);
    const replies = await this.#run(() => {
      const transaction = this.#transaction();
      entries.forEach((entry, i) => {
        const stored = encoded[i];
        if (stored === FAILED || stored === undefined) return;
        const ttlMs = entry.ttlMs ?? this.defaultTtlMs;
        if (ttlMs === undefined) transaction.set(this.#prefix + entry.key, stored);
        else transaction.set(this.#prefix + entry.key, stored, 'PX', Math.ceil(ttlMs));
      });
      return this.#announced(
        sent.map((entry) => entry.key),
        transaction,
      ).exec();
    });
    const applied = new Set<string>();
    sent.forEach((entry, i) => {
      const reply = replies === FAILED || replies === null ? undefined : replies[i];
      if (reply === undefined || reply[0] !== null) this.#dropWrite(entry.key);
      else {
        this.#counters.sets++;
        applied.add(entry.key);
      }
    });
    return entries.map((entry) => applied.has(entry.key));
  }

  /** A MULTI when writes are announced (so write and message go together), else a plain pipeline. */
  #transaction(): ChainableCommander {
    return this.#announce === undefined ? this.#client.pipeline() : this.#client.multi();
  }

  #announced(keys: readonly string[], commands: ChainableCommander): ChainableCommander {
    if (this.#announce === undefined) return commands;
    return commands.publish(this.#announce.channel, encodeInvalidation(this.#announce.origin, { kind: 'keys', keys }));
  }

  /** Runs one Redis call through the breaker; FAILED (counted) when it cannot be made or fails. */
  async #run<T>(call: () => Promise<T>): Promise<T | Failed> {
    if (this.#closed || this.#client.status !== 'ready') {
      this.#counters.errors++;
      return FAILED;
    }
    try {
      return await this.#breaker.execute(call);
    } catch {
      this.#counters.errors++;
      return FAILED;
    }
  }

  /** Whether a read may go to Redis: open, and no dropped write waiting to be applied. */
  async #readable(): Promise<boolean> {
    if (this.#closed) return false;
    if (this.#pending.isEmpty) return true;
    this.#replaying ??= this.#replay().finally(() => {
      this.#replaying = undefined;
    });
    return this.#replaying;
  }

  async #replay(): Promise<boolean> {
    const batch = this.#pending.take();
    if (!(await this.#apply(batch))) {
      this.#pending.restore(batch);
      return false;
    }
    this.#logger.info('cache applied invalidations dropped during an outage', {
      cache: this.name,
      all: batch.all,
      keys: batch.keys.length,
      prefixes: batch.prefixes.length,
    });
    return true;
  }

  /** Deletes what the batch names and announces it; false when any step failed (it may be repeated). */
  async #apply(batch: InvalidationBatch): Promise<boolean> {
    const prefixes = batch.all ? [''] : batch.prefixes;
    for (const prefix of prefixes) if (!(await this.#deleteMatching(prefix))) return false;
    for (let i = 0; !batch.all && i < batch.keys.length; i += BATCH) {
      const keys = batch.keys.slice(i, i + BATCH).map((key) => this.#prefix + key);
      if ((await this.#run(() => this.#client.unlink(...keys))) === FAILED) return false;
    }
    if (this.#announce === undefined) return true;
    const { channel, origin } = this.#announce;
    const messages: Invalidation[] = batch.all
      ? [{ kind: 'all' }]
      : [...batch.prefixes.map((prefix) => ({ kind: 'prefix' as const, prefix })), { kind: 'keys', keys: batch.keys }];
    for (const message of messages) {
      if (message.kind === 'keys' && message.keys.length === 0) continue;
      if ((await this.#run(() => this.#client.publish(channel, encodeInvalidation(origin, message)))) === FAILED) return false;
    }
    return true;
  }

  /** SCAN and UNLINK every key under `prefix` (SCAN may repeat keys; UNLINK of a gone key is harmless). */
  async #deleteMatching(prefix: string): Promise<boolean> {
    const pattern = `${escapeGlob(this.#prefix + prefix)}*`;
    let cursor = '0';
    do {
      const page = await this.#run(() => this.#client.scan(cursor, 'MATCH', pattern, 'COUNT', BATCH));
      if (page === FAILED) return false;
      const [next, keys] = page;
      if (keys.length > 0 && (await this.#run(() => this.#client.unlink(...keys))) === FAILED) return false;
      cursor = next;
    } while (cursor !== '0');
    return true;
  }

  async #encode(key: string, value: V): Promise<Buffer | Failed> {
    try {
      return await this.#value.write(key, value);
    } catch (error) {
      this.#counters.errors++;
      this.#logger.warn('cache could not encode a value', { cache: this.name, key, error: String(error) });
      return FAILED;
    }
  }

  async #decode(key: string, stored: Uint8Array, pttl = -1): Promise<TimedValue<V> | undefined> {
    const read = await this.#value.read(key, stored);
    if (read.ok) {
      this.#counters.hits++;
      return { value: read.value, ttlMs: pttl > 0 ? pttl : undefined };
    }
    this.#counters.decodeFailures++;
    this.#logger.warn('cache entry unreadable, served as a miss', { cache: this.name, key, failure: read.failure });
    // Removed so it is not decoded again; should this fail, the next write replaces it anyway.
    await this.#run(() => this.#client.del(this.#prefix + key));
    return this.#miss();
  }

  #miss(): undefined {
    this.#counters.misses++;
    return undefined;
  }

  #dropWrite(key: string): void {
    this.#counters.droppedWrites++;
    this.#pending.addKey(key);
  }

  #watchConnection(): void {
    this.#client.on('error', () => undefined); // counted where a call fails; logged on close below
    this.#client.on('ready', () => {
      if (this.#everReady) this.#logger.info('cache reconnected to redis', { cache: this.name });
      this.#everReady = true;
      this.#connected = true;
    });
    this.#client.on('close', () => {
      if (!this.#closed && this.#connected) this.#logger.warn('cache lost redis', { cache: this.name });
      this.#connected = false;
    });
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

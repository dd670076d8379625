import type { Redis } from 'ioredis';
import { CacheStatus, type CacheHealth } from '../../application/ports/cache.js';
import { silentLogger, type Logger } from '../../application/ports/logger.js';
import { systemClock, type ResilienceClock } from '../../shared/resilience/index.js';
import { decodeInvalidation, type Invalidation } from './invalidation-message.js';

/**
 * Invalidations made by other processes, and how far they are known to have arrived. The hybrid cache
 * serves a memory entry only while it is provably fresh (hybrid-cache.ts).
 */
export interface InvalidationFeed {
  /** Hears other processes' invalidations, and `all` whenever messages may have been missed. */
  listen(listener: (invalidation: Invalidation) => void): void;
  /**
   * Every invalidation another process completed before this time (on the feed's clock) has been heard.
   * -Infinity until that is known.
   */
  deliveredBeforeMs(): number;
  health(): CacheHealth;
  close(): Promise<void>;
}

export interface RedisInvalidationFeedOptions {
  readonly name: string;
  /** createRedisConnection(url, { subscriber: true, ... }); the feed connects and closes it. */
  readonly subscriber: Redis;
  /** A second connection, for the heartbeats (a subscribed connection cannot publish). */
  readonly publisher: Redis;
  /** The channel RedisCache announces writes on (its `invalidations.channel`). */
  readonly channel: string;
  /** This process's origin: its own announcements are skipped. */
  readonly origin: string;
  /** How often a heartbeat goes round. */
  readonly heartbeatMs: number;
  readonly clock?: ResilienceClock;
  readonly logger?: Logger;
}

const MAX_UNANSWERED = 64;

/**
 * The invalidation channel over Redis pub/sub, with a heartbeat that measures how current it is.
 *
 * Every `heartbeatMs` the feed publishes a numbered heartbeat on a channel of its own and notes the send
 * time. Redis handles commands one at a time and delivers one connection's messages in order, so when a
 * heartbeat sent at time s comes back, every invalidation whose write completed before s (its PUBLISH ran
 * before the heartbeat's) has already been heard: s is `deliveredBeforeMs()`. A dead, slow or backed-up
 * subscription simply stops moving that time on. Messages published while the subscriber was away are
 * lost, so each (re)subscription is reported as `all`.
 */
export class RedisInvalidationFeed implements InvalidationFeed {
  readonly #options: RedisInvalidationFeedOptions;
  readonly #clock: ResilienceClock;
  readonly #logger: Logger;
  readonly #heartbeatChannel: string;
  readonly #listeners: ((invalidation: Invalidation) => void)[] = [];
  readonly #sentAtMs = new Map<number, number>();
  readonly #stop = new AbortController();
  #sequence = 0;
  #deliveredBeforeMs = -Infinity;
  #subscribed = false;
  #subscribing = false;
  #closed = false;

  constructor(options: RedisInvalidationFeedOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#heartbeatChannel = `${options.channel}:heartbeat:${options.origin}`;
    const { subscriber, publisher } = options;
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
    subscriber.on('ready', () => void this.#subscribe());
    subscriber.on('close', () => {
      if (this.#subscribed) this.#logger.warn('cache invalidation channel lost', { cache: options.name });
      this.#subscribed = false;
    });
    subscriber.on('message', (channel: string, message: string) => this.#onMessage(channel, message));
    for (const client of [subscriber, publisher]) if (client.status === 'wait') client.connect().catch(() => undefined);
    void this.#beatForever();
  }

  listen(listener: (invalidation: Invalidation) => void): void {
    this.#listeners.push(listener);
  }

  deliveredBeforeMs(): number {
    return this.#deliveredBeforeMs;
  }

  health(): CacheHealth {
    if (this.#closed) return { status: CacheStatus.DOWN, reason: 'closed' };
    if (!this.#subscribed) return { status: CacheStatus.DEGRADED, reason: 'invalidation channel not subscribed' };
    const lagMs = this.#clock.now() - this.#deliveredBeforeMs;
    if (lagMs > 4 * this.#options.heartbeatMs) {
      return { status: CacheStatus.DEGRADED, reason: `invalidation heartbeat ${Math.round(lagMs)} ms behind` };
    }
    return { status: CacheStatus.OK, reason: undefined };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stop.abort();
    await Promise.all(
      [this.#options.subscriber, this.#options.publisher].map(async (client) => {
        try {
          if (client.status === 'ready') await client.quit();
        } catch {
          // going away anyway
        } finally {
          client.disconnect();
        }
      }),
    );
  }

  async #subscribe(): Promise<void> {
    if (this.#subscribing || this.#closed) return;
    this.#subscribing = true;
    try {
      await this.#options.subscriber.subscribe(this.#options.channel, this.#heartbeatChannel);
      this.#subscribed = true;
      // Whatever was published while nobody listened is lost: everything held may be stale.
      this.#emit({ kind: 'all' });
      this.#logger.info('cache invalidation channel subscribed', { cache: this.#options.name });
    } catch {
      // tried again on the next heartbeat
    } finally {
      this.#subscribing = false;
    }
  }

  async #beatForever(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#clock.sleep(this.#options.heartbeatMs, this.#stop.signal);
      } catch {
        return; // closed
      }
      this.#beat();
    }
  }

  #beat(): void {
    const { subscriber, publisher } = this.#options;
    if (!this.#subscribed && subscriber.status === 'ready') void this.#subscribe();
    if (!this.#subscribed || publisher.status !== 'ready') return;
    const sequence = ++this.#sequence;
    this.#sentAtMs.set(sequence, this.#clock.now());
    if (this.#sentAtMs.size > MAX_UNANSWERED) this.#sentAtMs.delete(sequence - MAX_UNANSWERED);
    publisher.publish(this.#heartbeatChannel, String(sequence)).catch(() => undefined);
  }

  #onMessage(channel: string, message: string): void {
    if (channel === this.#heartbeatChannel) {
      const sequence = Number(message);
      const sentAtMs = this.#sentAtMs.get(sequence);
      if (sentAtMs === undefined) return;
      this.#deliveredBeforeMs = Math.max(this.#deliveredBeforeMs, sentAtMs);
      for (const earlier of this.#sentAtMs.keys()) if (earlier <= sequence) this.#sentAtMs.delete(earlier);
      return;
    }
    if (channel !== this.#options.channel) return;
    const { origin, invalidation } = decodeInvalidation(message);
    if (origin !== this.#options.origin) this.#emit(invalidation);
  }

  #emit(invalidation: Invalidation): void {
    for (const listener of this.#listeners) listener(invalidation);
  }
}

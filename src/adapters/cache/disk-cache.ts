import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCacheKey, checkTtlMs } from '../../application/caching/cache-input.js';
import type { Clock } from '../../application/ports/clock.js';
import {
  CacheStatus,
  type CacheEntry,
  type CacheHealth,
  type CacheSetOptions,
  type CacheStats,
} from '../../application/ports/cache.js';
import { silentLogger, type Logger } from '../../application/ports/logger.js';
import type { BackingCache, TimedValue } from './backing-cache.js';
import { CacheCounters } from './cache-counters.js';
import { decodeDiskEntry, decodeDiskEntryHeader, encodeDiskEntry } from './disk-entry-file.js';
import { DirectoryLock } from './directory-lock.js';
import type { EvictionPolicy } from './eviction-order.js';
import { KeyedQueue } from './keyed-queue.js';
import { MemoryCache } from './memory-cache.js';
import type { StoredValue } from './stored-value.js';

export interface DiskCacheOptions<V> {
  readonly name: string;
  /** Created if missing; one process at a time (a lock file). */
  readonly directory: string;
  readonly value: StoredValue<V>;
  /** Bounds on the files; when neither is given, maxBytes is 256 MiB. */
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly defaultTtlMs?: number;
  /** Default LRU. Use counts and recency are kept in memory: after a restart the order is write order. */
  readonly eviction?: EvictionPolicy;
  /** Epoch milliseconds (expiry times are stored, so they must mean the same after a restart). */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * fsync each file before its rename and the directory after it (default true), so that after a power
   * loss an entry is the old or the new value, and a delete stays deleted.
   */
  readonly durable?: boolean;
}

interface FileMeta {
  readonly file: string;
  readonly bytes: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const HEADER_PROBE_BYTES = 4_096;
const ENTRY_FILE = /^[0-9a-f]{64}$/;
const wallClock: Clock = { now: () => Date.now() };

/**
 * A cache in a directory that survives restarts: one file per key, named by the SHA-256 of the key, in the
 * format of disk-entry-file.ts (key, expiry, checksum, then the envelope of stored-value.ts).
 *
 * Writes are crash-safe: a value goes to a temporary file that is fsynced and renamed over the entry, so a
 * reader or a crash sees the old value or the new one, never a torn file. An index in memory (rebuilt from
 * the file headers on open, oldest first) holds the bounds and the eviction order; evicting or expiring an
 * entry deletes its file. Operations on one key run in call order. A failing disk is a miss and a dropped
 * write, counted and shown as degraded health; a damaged file is a miss and is removed.
 *
 * @example
 * const cache = new DiskCache({ name: 'bars', directory: '.atb/cache/bars', value: new StoredValue(codec, new Envelope()) });
 */
export class DiskCache<V> implements BackingCache<V> {
  readonly name: string;
  readonly #directory: string;
  readonly #value: StoredValue<V>;
  readonly defaultTtlMs: number | undefined;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #durable: boolean;
  readonly #index: MemoryCache<FileMeta>;
  readonly #queue = new KeyedQueue();
  readonly #counters = new CacheCounters();
  readonly #ready: Promise<boolean>;
  #lock: DirectoryLock | undefined;
  #problem: string | undefined;
  #closed = false;

  constructor(options: DiskCacheOptions<V>) {
    this.name = options.name;
    this.#directory = options.directory;
    this.#value = options.value;
    this.defaultTtlMs = checkTtlMs(options.defaultTtlMs, 'defaultTtlMs');
    this.#clock = options.clock ?? wallClock;
    this.#logger = options.logger ?? silentLogger;
    this.#durable = options.durable ?? true;
    this.#index = new MemoryCache<FileMeta>({
      maxEntries: options.maxEntries,
      // Always a byte bound, so that the index counts bytes for stats().
      maxBytes: options.maxBytes ?? (options.maxEntries === undefined ? DEFAULT_MAX_BYTES : Number.MAX_SAFE_INTEGER),
      eviction: options.eviction,
      clock: this.#clock,
      sizeOf: (meta) => meta.bytes,
      onEvict: (key) => void this.#queue.run(key, () => this.#removeUnindexed(key)),
    });
    this.#ready = this.#load();
  }

  /** Resolves once the directory is locked and indexed (or could not be: see health()). */
  async opened(): Promise<void> {
    await this.#ready;
  }

  async get(key: string): Promise<V | undefined> {
    return (await this.getTimed(key))?.value;
  }

  async getTimed(key: string): Promise<TimedValue<V> | undefined> {
    checkCacheKey(key);
    if (!(await this.#usable())) return this.#miss();
    const meta = this.#index.getSync(key);
    if (meta === undefined) return this.#miss();
    let file: Buffer;
    try {
      file = await readFile(join(this.#directory, meta.file));
    } catch (error) {
      this.#forget(key, meta);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.#fail('read', error);
      return this.#miss();
    }
    const entry = decodeDiskEntry(file);
    if (entry?.key !== key) return this.#unreadable(key, meta, 'damaged');
    if (entry.expiresAtMs !== 0 && this.#clock.now() >= entry.expiresAtMs) {
      this.#forget(key, meta);
      this.#counters.expirations++;
      return this.#miss();
    }
    const read = await this.#value.read(key, entry.stored);
    if (!read.ok) return this.#unreadable(key, meta, read.failure);
    this.#counters.hits++;
    return { value: read.value, ttlMs: entry.expiresAtMs === 0 ? undefined : entry.expiresAtMs - this.#clock.now() };
  }

  async mgetTimed(keys: readonly string[]): Promise<(TimedValue<V> | undefined)[]> {
    keys.forEach((key) => checkCacheKey(key));
    return Promise.all(keys.map((key) => this.getTimed(key)));
  }

  async set(key: string, value: V, options?: CacheSetOptions): Promise<void> {
    await this.put(key, value, checkTtlMs(options?.ttlMs));
  }

  async put(key: string, value: V, ttlMs: number | undefined): Promise<boolean> {
    checkCacheKey(key);
    const ttl = checkTtlMs(ttlMs) ?? this.defaultTtlMs;
    if (!(await this.#usable())) {
      this.#counters.droppedWrites++;
      return false;
    }
    return this.#queue.run(key, () => this.#write(key, value, ttl));
  }

  async delete(key: string): Promise<boolean> {
    checkCacheKey(key);
    if (!(await this.#usable())) {
      this.#counters.droppedWrites++;
      return false;
    }
    return this.#queue.run(key, async () => {
      const live = this.#index.hasSync(key);
      const file = fileName(key);
      this.#index.deleteSync(key);
      const removed = await this.#removeFile(file);
      if (!removed) this.#counters.droppedWrites++;
      else if (live) this.#counters.deletes++;
      return live;
    });
  }

  async has(key: string): Promise<boolean> {
    checkCacheKey(key);
    return (await this.#usable()) && this.#index.hasSync(key);
  }

  async mget(keys: readonly string[]): Promise<(V | undefined)[]> {
    keys.forEach((key) => checkCacheKey(key));
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async mset(entries: readonly CacheEntry<V>[]): Promise<void> {
    for (const entry of entries) {
      checkCacheKey(entry.key);
      checkTtlMs(entry.ttlMs);
    }
    await Promise.all(entries.map((entry) => this.set(entry.key, entry.value, entry)));
  }

  async clear(prefix = ''): Promise<void> {
    if (!(await this.#usable())) {
      this.#counters.droppedWrites++;
      return;
    }
    const keys = [...this.#index.keys()].filter((key) => key.startsWith(prefix));
    await Promise.all(keys.map((key) => this.delete(key)));
  }

  stats(): CacheStats {
    const index = this.#index.stats();
    const own = this.#counters.snapshot({ entries: index.entries, bytes: index.bytes, circuit: undefined });
    return { ...own, evictions: index.evictions, expirations: own.expirations + index.expirations };
  }

  health(): CacheHealth {
    if (this.#closed) return { status: CacheStatus.DOWN, reason: 'closed' };
    if (this.#problem !== undefined) return { status: CacheStatus.DEGRADED, reason: this.#problem };
    return { status: CacheStatus.OK, reason: undefined };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ready;
    await this.#queue.drained();
    await this.#lock?.release();
    this.#lock = undefined;
  }

  async #load(): Promise<boolean> {
    try {
      await mkdir(this.#directory, { recursive: true });
      this.#lock = await DirectoryLock.acquire(this.#directory);
      const found: { key: string; meta: FileMeta; expiresAtMs: number; writtenMs: number }[] = [];
      for (const name of await readdir(this.#directory)) {
        if (name.startsWith('.tmp-')) await this.#removeFile(name); // a write cut short by a crash
        if (!ENTRY_FILE.test(name)) continue;
        const entry = await this.#readHeader(name);
        if (entry === undefined) await this.#removeFile(name);
        else found.push(entry);
      }
      const nowMs = this.#clock.now();
      found.sort((a, b) => a.writtenMs - b.writtenMs);
      for (const { key, meta, expiresAtMs } of found) {
        if (expiresAtMs !== 0 && expiresAtMs <= nowMs) await this.#removeFile(meta.file);
        else this.#index.setSync(key, meta, expiresAtMs === 0 ? undefined : expiresAtMs - nowMs);
      }
      return true;
    } catch (error) {
      this.#problem = `cannot use ${this.#directory}: ${error instanceof Error ? error.message : String(error)}`;
      this.#logger.error('disk cache unusable: reads miss and writes are dropped', { cache: this.name, reason: this.#problem });
      return false;
    }
  }

  async #readHeader(
    name: string,
  ): Promise<{ key: string; meta: FileMeta; expiresAtMs: number; writtenMs: number } | undefined> {
    const path = join(this.#directory, name);
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      const start = Buffer.alloc(Math.min(info.size, HEADER_PROBE_BYTES));
      await handle.read(start, 0, start.length, 0);
      let header = decodeDiskEntryHeader(start);
      if (header === undefined && info.size > HEADER_PROBE_BYTES) header = decodeDiskEntryHeader(await readFile(path));
      if (header === undefined || fileName(header.key) !== name) return undefined;
      return { key: header.key, meta: { file: name, bytes: info.size }, expiresAtMs: header.expiresAtMs, writtenMs: info.mtimeMs };
    } finally {
      await handle.close();
    }
  }

  async #write(key: string, value: V, ttlMs: number | undefined): Promise<boolean> {
    const file = fileName(key);
    let stored: Buffer;
    try {
      stored = await this.#value.write(key, value);
    } catch (error) {
      this.#counters.errors++;
      this.#logger.warn('cache could not encode a value', { cache: this.name, key, error: String(error) });
      await this.#dropWrite(key, file);
      return false;
    }
    const expiresAtMs = ttlMs === undefined ? 0 : this.#clock.now() + ttlMs;
    const bytes = encodeDiskEntry({ key, expiresAtMs, stored });
    const temporary = join(this.#directory, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        if (this.#durable) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, join(this.#directory, file));
      if (this.#durable) await this.#syncDirectory();
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      this.#fail('write', error);
      await this.#dropWrite(key, file);
      return false;
    }
    this.#problem = undefined;
    this.#index.setSync(key, { file, bytes: bytes.length }, ttlMs);
    if (this.#index.hasSync(key)) {
      this.#counters.sets++;
      return true;
    }
    // Larger than maxBytes: the index refused it, so the file goes too.
    this.#counters.droppedWrites++;
    await this.#removeFile(file);
    return false;
  }

  /** A write that failed leaves the old file, which must not be served: forget it and try to remove it. */
  async #dropWrite(key: string, file: string): Promise<void> {
    this.#counters.droppedWrites++;
    this.#index.deleteSync(key);
    await this.#removeFile(file);
  }

  /** Deletes an entry file; true when it is gone (or never was). */
  async #removeFile(file: string): Promise<boolean> {
    try {
      await unlink(join(this.#directory, file));
      if (this.#durable) await this.#syncDirectory();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      this.#fail('delete', error);
      return false;
    }
  }

  /** Removes the file of an evicted or expired key, unless a write has indexed the key again since. */
  async #removeUnindexed(key: string): Promise<void> {
    if (this.#index.peekSync(key) === undefined) await this.#removeFile(fileName(key));
  }

  async #syncDirectory(): Promise<void> {
    const handle = await open(this.#directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async #usable(): Promise<boolean> {
    return !this.#closed && (await this.#ready);
  }

  #unreadable(key: string, meta: FileMeta, failure: string): undefined {
    this.#counters.decodeFailures++;
    this.#logger.warn('cache entry unreadable, served as a miss', { cache: this.name, key, failure });
    this.#forget(key, meta);
    return this.#miss();
  }

  /** Drops an entry whose file is gone or useless, unless a newer write replaced it meanwhile. */
  #forget(key: string, meta: FileMeta): void {
    void this.#queue.run(key, async () => {
      if (this.#index.peekSync(key) !== meta) return;
      this.#index.deleteSync(key);
      await this.#removeFile(meta.file);
    });
  }

  #fail(operation: string, error: unknown): void {
    this.#counters.errors++;
    const message = error instanceof Error ? error.message : String(error);
    this.#problem = `last ${operation} failed: ${message}`;
    this.#logger.warn('disk cache operation failed', { cache: this.name, operation, error: message });
  }

  #miss(): undefined {
    this.#counters.misses++;
    return undefined;
  }
}

/** The file of a key: the hex SHA-256 of its UTF-8 bytes, so any key makes a safe, fixed-length name. */
function fileName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

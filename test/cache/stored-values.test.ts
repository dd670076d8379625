import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackingCache } from '../../src/adapters/cache/backing-cache.js';
import { DiskCache } from '../../src/adapters/cache/disk-cache.js';
import { Envelope, type Compression } from '../../src/adapters/cache/envelope.js';
import { msgpackCodec } from '../../src/adapters/cache/msgpack-codec.js';
import { createRedisConnection } from '../../src/adapters/cache/redis-connection.js';
import { RedisCache } from '../../src/adapters/cache/redis-cache.js';
import { StoredValue } from '../../src/adapters/cache/stored-value.js';
import { deleteKeys, requireRedis, skipRedis, TEST_REDIS_URL, uniquePrefix } from './redis-test-server.js';

/**
 * What the caches outside the process store: encrypted entries that were tampered with are misses and
 * counted, never garbage; compressed entries round-trip binary and large values.
 */
interface Blob {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

const prefix = uniquePrefix('stored');
const root = await mkdtemp(join(tmpdir(), 'atb-stored-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  if (!skipRedis()) await deleteKeys(TEST_REDIS_URL, prefix);
});

let count = 0;
const encryptionKey = randomBytes(32);

interface Store {
  readonly cache: BackingCache<Blob>;
  /** Rewrites the stored bytes of `key` with `change`. */
  tamper(key: string, change: (stored: Buffer) => Buffer): Promise<void>;
  close(): Promise<void>;
}

async function redisStore(envelope: Envelope): Promise<Store> {
  requireRedis();
  const keyPrefix = `${prefix}${++count}:`;
  const cache = new RedisCache<Blob>({
    name: 'stored',
    client: createRedisConnection(TEST_REDIS_URL, { connectionName: 'atb-test-stored' }),
    keyPrefix,
    value: new StoredValue(msgpackCodec<Blob>(), envelope),
  });
  const raw = new Redis(TEST_REDIS_URL);
  while (cache.health().status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    cache,
    tamper: async (key, change) => {
      const stored = await raw.getBuffer(keyPrefix + key);
      if (stored === null) throw new Error(`nothing stored under ${key}`);
      await raw.set(keyPrefix + key, change(stored));
    },
    close: async () => {
      raw.disconnect();
      await cache.close();
    },
  };
}

async function diskStore(envelope: Envelope): Promise<Store> {
  const directory = join(root, `d${++count}`);
  const cache = new DiskCache<Blob>({ name: 'stored', directory, value: new StoredValue(msgpackCodec<Blob>(), envelope) });
  await cache.opened();
  return {
    cache,
    tamper: async (key, change) => {
      // A damaged file fails its checksum already; an attacker with write access rewrites the entry with a
      // fresh checksum, so this changes the value and re-seals the file.
      const path = join(directory, createHash('sha256').update(key).digest('hex'));
      const { decodeDiskEntry, encodeDiskEntry } = await import('../../src/adapters/cache/disk-entry-file.js');
      const entry = decodeDiskEntry(await readFile(path));
      if (entry === undefined) throw new Error('no entry to tamper with');
      await writeFile(path, encodeDiskEntry({ ...entry, stored: change(Buffer.from(entry.stored)) }));
    },
    close: () => cache.close(),
  };
}

const stores = [
  ['redis', redisStore, skipRedis()],
  ['disk', diskStore, false],
] as const;

const blob = (size: number): Blob => ({ name: 'blob', bytes: randomBytes(size), text: 'λ'.repeat(size) });

describe.each(stores)('%s stored values', (_label, openStore, skip) => {
  it.skipIf(skip)('serves a tampered encrypted entry as a miss, counts it and drops it', async () => {
    const store = await openStore(new Envelope({ encryptionKey }));
    try {
      await store.cache.set('k', blob(100));
      expect((await store.cache.get('k'))?.name).toBe('blob');
      await store.tamper('k', (stored) => {
        const changed = Buffer.from(stored);
        changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
        return changed;
      });
      expect(await store.cache.get('k'), 'tampered: a miss, not garbage').toBeUndefined();
      expect(store.cache.stats().decodeFailures).toBe(1);
      expect(await store.cache.has('k'), 'the bad entry was removed').toBe(false);
      await store.cache.set('k', blob(10));
      expect((await store.cache.get('k'))?.bytes.length, 'the key works again').toBe(10);
    } finally {
      await store.close();
    }
  });

  it.skipIf(skip)('serves an entry moved under another key as a miss', async () => {
    const store = await openStore(new Envelope({ encryptionKey }));
    try {
      await store.cache.set('a', blob(10));
      await store.cache.set('b', blob(10));
      let fromA: Buffer | undefined;
      await store.tamper('a', (stored) => (fromA = stored));
      await store.tamper('b', () => fromA ?? Buffer.alloc(0));
      expect(await store.cache.get('b')).toBeUndefined();
      expect(store.cache.stats().decodeFailures).toBe(1);
    } finally {
      await store.close();
    }
  });

  it.skipIf(skip).each(['gzip', 'brotli'] as Compression[])('round-trips binary and large values with %s, and stores them smaller', async (compression) => {
    const store = await openStore(new Envelope({ compression, compressAboveBytes: 256, encryptionKey }));
    try {
      const large = blob(500_000);
      await store.cache.mset([
        { key: 'large', value: large },
        { key: 'small', value: blob(3) },
      ]);
      const [readLarge, readSmall] = await store.cache.mget(['large', 'small']);
      expect(Buffer.from(readLarge!.bytes).equals(Buffer.from(large.bytes)), 'binary survives').toBe(true);
      expect(readLarge!.text).toBe(large.text);
      expect(readSmall!.bytes.length).toBe(3);
      let storedBytes = 0;
      await store.tamper('large', (stored) => {
        storedBytes = stored.length;
        return stored;
      });
      // 500 kB random + 1 MB of 'λ' (2 bytes each): the text compresses to almost nothing.
      expect(storedBytes).toBeLessThan(600_000);
    } finally {
      await store.close();
    }
  });
});

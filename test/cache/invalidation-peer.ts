// One of two processes of the cross-process invalidation test (cross-process-invalidation.test.ts), run
// as `node --import tsx invalidation-peer.ts <reader|writer> <redis url> <key prefix> <bound ms> <run ms>`.
// It opens the cache 'shared' as the registry builds it, says "ready", waits for "go" on stdin, then
// reads (or writes) for <run ms> and prints one JSON summary line. Times are epoch milliseconds with
// sub-millisecond resolution (performance.timeOrigin + performance.now()), comparable across processes.
import { createInterface } from 'node:readline';
import { createRedisConnection } from '../../src/adapters/cache/redis-connection.js';
import { jsonCodec } from '../../src/application/caching/json-codec.js';
import { createCaches } from '../../src/main/caching/create-caches.js';
import { configSchema } from '../../src/main/config/schema.js';

const [role, url, keyPrefix, boundText, runText] = process.argv.slice(2);
if (role === undefined || url === undefined || keyPrefix === undefined) throw new Error('usage: peer <role> <url> <prefix> <bound> <run>');
const maxStalenessMs = Number(boundText);
const runMs = Number(runText);
const epochNow = (): number => performance.timeOrigin + performance.now();
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const config = configSchema.parse({
  redis: { url, keyPrefix: '' },
  cache: { shared: { type: 'hybrid', keyPrefix, maxStalenessMs, maxEntries: 100 } },
});
const caches = createCaches(config, {
  // Connection names carry the role, so the test can cut this process's subscription.
  connectRedis: (redisUrl, options) => createRedisConnection(redisUrl, { ...options, connectionName: `${options.connectionName}-${role}-${keyPrefix}` }),
});
const cache = caches.findCache('shared', jsonCodec<{ readonly v: number }>());
if (cache === undefined) throw new Error('no cache');

while (cache.health().status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 5));
console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));

const until = epochNow() + runMs;
if (role === 'writer') {
  const completedAt: number[] = [];
  for (let v = 1; epochNow() < until; v++) {
    await cache.set('k', { v });
    completedAt[v] = epochNow();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  console.log(JSON.stringify({ completedAt }));
} else {
  // For each value read, the latest time a read that returned it started.
  const lastReadStart: Record<number, number> = {};
  let reads = 0;
  while (epochNow() < until) {
    const start = epochNow();
    const value = await cache.get('k');
    reads++;
    if (value !== undefined) lastReadStart[value.v] = start;
    await yieldToIo();
  }
  const levels = (cache as unknown as { levels(): { memory: { hits: number } } }).levels();
  console.log(JSON.stringify({ lastReadStart, reads, memoryHits: levels.memory.hits }));
}
lines.close();
await caches.close();

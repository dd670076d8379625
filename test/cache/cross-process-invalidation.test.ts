import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, requireRedis, skipRedis, TEST_REDIS_URL, uniquePrefix } from './redis-test-server.js';

/**
 * Two processes share a hybrid cache: one writes a counter every 15 ms, the other reads it as fast as it
 * can. A read that starts `bound` or more after a write completed must never return an older value. Once
 * in the middle of the run the reader's pub/sub connection is cut, so invalidations are lost until it
 * resubscribes: the bound must hold through that too.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const BOUND_MS = 250;
const RUN_MS = 3_000;
/** The two processes read the wall clock separately; allow for the error of mapping it to their timers. */
const CLOCK_TOLERANCE_MS = 1;

const prefix = uniquePrefix('xproc');
afterAll(async () => {
  if (!skipRedis()) await deleteKeys(TEST_REDIS_URL, prefix);
});

interface Peer {
  readonly child: ChildProcess;
  readonly lines: AsyncIterator<string>;
}

function startPeer(role: 'reader' | 'writer'): Peer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'invalidation-peer.ts'), role, TEST_REDIS_URL, prefix, String(BOUND_MS), String(RUN_MS)],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (child.stdout === null) throw new Error('no stdout');
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
}

async function nextLine(peer: Peer, what: string): Promise<string> {
  const line = await peer.lines.next();
  if (line.done === true) throw new Error(`peer ended before ${what}`);
  return line.value;
}

async function cutSubscription(role: string): Promise<number> {
  const admin = new Redis(TEST_REDIS_URL);
  try {
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = list
      .split('\n')
      .filter((line) => line.includes(`name=atb-cache-shared-sub-${role}-${prefix}`))
      .map((line) => /id=(\d+)/.exec(line)?.[1])
      .filter((id) => id !== undefined);
    for (const id of ids) await admin.client('KILL', 'ID', id);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}

describe.skipIf(skipRedis())('cross-process invalidation', () => {
  it(`a reader never serves a value older than ${BOUND_MS} ms after a newer write completed`, async () => {
    requireRedis();
    const reader = startPeer('reader');
    const writer = startPeer('writer');
    try {
      expect(await nextLine(reader, 'ready')).toBe('ready');
      expect(await nextLine(writer, 'ready')).toBe('ready');
      reader.child.stdin?.write('go\n');
      writer.child.stdin?.write('go\n');
      await new Promise((resolve) => setTimeout(resolve, RUN_MS / 3));
      expect(await cutSubscription('reader'), "the reader's subscription was found and cut").toBe(1);

      const written = JSON.parse(await nextLine(writer, 'its summary')) as { completedAt: (number | null)[] };
      const read = JSON.parse(await nextLine(reader, 'its summary')) as {
        lastReadStart: Record<string, number>;
        reads: number;
        memoryHits: number;
      };
      const completedAt = written.completedAt;
      // Per value: how long after the next write completed a read that returned it still started.
      const staleness: number[] = [];
      for (const [value, startedAt] of Object.entries(read.lastReadStart)) {
        const newer = completedAt[Number(value) + 1];
        if (newer !== undefined && newer !== null) staleness.push(Math.max(0, startedAt - newer));
      }
      staleness.sort((a, b) => a - b);
      const worstMs = staleness.at(-1) ?? 0;
      const medianMs = staleness[Math.floor(staleness.length / 2)] ?? 0;
      console.log(
        `cross-process: ${completedAt.length - 1} writes, ${read.reads} reads (${read.memoryHits} from memory); ` +
          `staleness median ${medianMs.toFixed(2)} ms, worst ${worstMs.toFixed(1)} ms (bound ${BOUND_MS} ms, subscription cut once)`,
      );
      expect(completedAt.length, 'the writer wrote throughout').toBeGreaterThan(50);
      expect(read.memoryHits / read.reads, 'most reads came from memory, so the bound was tested').toBeGreaterThan(0.5);
      expect(worstMs, 'no read started a bound after a newer write and returned the old value').toBeLessThan(
        BOUND_MS + CLOCK_TOLERANCE_MS,
      );
    } finally {
      reader.child.kill();
      writer.child.kill();
    }
  }, 30_000);
});

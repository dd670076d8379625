import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonCodec } from '../../application/caching/json-codec.js';
import { FakeClock } from '../../shared/resilience/fake-clock.js';
import { DiskCache, type DiskCacheOptions } from './disk-cache.js';
import { Envelope } from './envelope.js';
import { StoredValue } from './stored-value.js';

const root = await mkdtemp(join(tmpdir(), 'atb-disk-unit-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let count = 0;
const newDirectory = (): string => join(root, `d${++count}`);

async function open(directory: string, options: Partial<DiskCacheOptions<string>> = {}): Promise<DiskCache<string>> {
  const cache = new DiskCache<string>({
    name: 'unit',
    directory,
    value: new StoredValue(jsonCodec<string>(), new Envelope()),
    ...options,
  });
  await cache.opened();
  return cache;
}

const entryFiles = async (directory: string): Promise<string[]> =>
  (await readdir(directory)).filter((name) => /^[0-9a-f]{64}$/.test(name));

describe('DiskCache', () => {
  it('survives a restart: values, their expiry and the bytes bound come back from the files', async () => {
    const directory = newDirectory();
    const clock = new FakeClock(Date.now());
    const first = await open(directory, { clock });
    await first.set('forever', 'A');
    await first.set('brief', 'B', { ttlMs: 1_000 });
    await first.close();

    const second = await open(directory, { clock });
    expect(await second.get('forever')).toBe('A');
    expect(await second.get('brief')).toBe('B');
    expect(second.stats().entries).toBe(2);
    await clock.advance(1_000);
    expect(await second.get('brief'), 'the stored expiry still applies').toBeUndefined();
    await second.close();
    const third = await open(directory, { clock });
    expect(third.stats().entries, 'an expired file is not indexed again').toBe(1);
    await third.close();
  });

  it('keeps a second cache (here or in another process) out of its directory', async () => {
    const directory = newDirectory();
    const owner = await open(directory);
    const intruder = await open(directory);
    expect(intruder.health()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/in use by this process/) });
    await intruder.set('k', 'x');
    expect(await intruder.get('k')).toBeUndefined();
    expect(intruder.stats().droppedWrites).toBe(1);
    await owner.close();
    await intruder.close();
  });

  it('evicts by bytes, oldest write first, and deletes the evicted files', async () => {
    const directory = newDirectory();
    const cache = await open(directory, { maxBytes: 400, eviction: 'fifo' });
    for (let i = 0; i < 10; i++) await cache.set(`k${i}`, 'x'.repeat(50));
    const { bytes, entries, evictions } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(400);
    expect(evictions).toBeGreaterThan(0);
    expect(await cache.get('k0')).toBeUndefined();
    expect(await cache.get('k9')).toBe('x'.repeat(50));
    await cache.close();
    expect((await entryFiles(directory)).length, 'one file per indexed entry').toBe(entries);
  });

  it('turns a damaged file into a miss, counts it and removes it', async () => {
    const directory = newDirectory();
    const cache = await open(directory);
    await cache.set('k', 'value');
    const [file] = await entryFiles(directory);
    const bytes = await readFile(join(directory, file!));
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 0xff;
    await writeFile(join(directory, file!), bytes);
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats().decodeFailures).toBe(1);
    await cache.close();
    expect(await entryFiles(directory)).toEqual([]);
  });

  it('cleans up after a crash: temporary files and truncated entries are removed on open', async () => {
    const directory = newDirectory();
    const cache = await open(directory);
    await cache.set('whole', 'W');
    await cache.set('cut', 'C');
    await cache.close();
    const files = await entryFiles(directory);
    const contents = await Promise.all(files.map((name) => readFile(join(directory, name))));
    const cut = files[contents.findIndex((bytes) => bytes.includes('cut'))];
    await writeFile(join(directory, cut!), (await readFile(join(directory, cut!))).subarray(0, 10));
    await writeFile(join(directory, '.tmp-deadbeef'), 'half a write');
    const reopened = await open(directory);
    const names = await readdir(directory);
    expect(names.filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(reopened.stats().entries).toBe(1);
    expect(await reopened.get('whole')).toBe('W');
    expect(await reopened.get('cut')).toBeUndefined();
    await reopened.close();
  });
});

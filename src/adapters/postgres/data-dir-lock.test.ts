import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../application/ports/logger.js';
import { AtbError } from '../../shared/errors.js';
import { lockDataDir } from './data-dir-lock.js';

function recordingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, error: () => undefined, warn: (message) => void warnings.push(message) };
}

let dir = '';
let folder = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-lock-'));
  folder = join(dir, 'db');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockFile = (owner: object): Promise<void> => writeFile(`${folder}.lock`, JSON.stringify(owner));

describe('lockDataDir', () => {
  it('writes the owner, refuses a second holder by pid, and frees the folder on release', async () => {
    const logger = recordingLogger();
    const lock = await lockDataDir(folder, { logger, pid: 111, hostname: 'here', isAlive: () => true });
    expect(JSON.parse(await readFile(`${folder}.lock`, 'utf8'))).toMatchObject({ pid: 111, hostname: 'here' });
    const second = await lockDataDir(folder, { logger, pid: 222, hostname: 'here', isAlive: () => true }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AtbError);
    expect((second as AtbError).code).toBe('LOCKED');
    expect((second as AtbError).message).toMatch(new RegExp(`^the embedded database at ${folder} is in use by process 111 \\(since .*\\): stop that process first$`));
    await lock.release();
    await lock.release();
    expect(await readdir(dir), 'no lock and no leftover draft files').toEqual([]);
    const third = await lockDataDir(folder, { logger, pid: 222, hostname: 'here', isAlive: () => true });
    await third.release();
    expect(logger.warnings).toEqual([]);
  });

  it('takes over a lock whose process died, with a warning', async () => {
    await lockFile({ pid: 999_999, hostname: 'here', startedAt: '2024-01-01T00:00:00.000Z' });
    const logger = recordingLogger();
    const lock = await lockDataDir(folder, { logger, pid: 5, hostname: 'here', isAlive: (pid) => pid !== 999_999 });
    expect(logger.warnings).toEqual([
      `took over the embedded database at ${folder} from process 999999 (started 2024-01-01T00:00:00.000Z), which is no longer running`,
    ]);
    expect(JSON.parse(await readFile(`${folder}.lock`, 'utf8'))).toMatchObject({ pid: 5 });
    await lock.release();
  });

  it('takes over a lock naming its own pid that it does not hold (a previous life in a container)', async () => {
    await lockFile({ pid: 7, hostname: 'here', startedAt: '2024-01-01T00:00:00.000Z' });
    const logger = recordingLogger();
    const lock = await lockDataDir(folder, { logger, pid: 7, hostname: 'here', isAlive: () => true });
    expect(logger.warnings).toHaveLength(1);
    const again = await lockDataDir(folder, { logger, pid: 7, hostname: 'here', isAlive: () => true }).catch((e: unknown) => e);
    expect((again as AtbError).code, 'but a lock this process holds is not stale').toBe('LOCKED');
    await lock.release();
  });

  it('never takes over a lock from another host, whose processes it cannot see', async () => {
    await lockFile({ pid: 1, hostname: 'elsewhere', startedAt: '2024-01-01T00:00:00.000Z' });
    const error = await lockDataDir(folder, { logger: recordingLogger(), pid: 5, hostname: 'here', isAlive: () => false }).catch((e: unknown) => e);
    expect((error as AtbError).message).toBe(
      `the embedded database at ${folder} is in use by process 1 on host elsewhere (since 2024-01-01T00:00:00.000Z): if that process is gone, delete ${folder}.lock`,
    );
  });

  it('takes over a lock file that is not a lock', async () => {
    await writeFile(`${folder}.lock`, 'garbage');
    const logger = recordingLogger();
    const lock = await lockDataDir(folder, { logger, pid: 5, hostname: 'here' });
    expect(logger.warnings).toEqual([`took over the embedded database at ${folder} from an unreadable lock`]);
    await lock.release();
  });
});

import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AtbError } from '../../shared/errors.js';

/**
 * An exclusive claim on a directory by one process: a `.lock` file holding the owner's pid, created with
 * O_EXCL. A lock left by a process that no longer runs is taken over. Held locks of this process are
 * remembered too, so two caches in one process cannot share a directory either.
 */
export class DirectoryLock {
  static readonly #held = new Set<string>();

  private constructor(readonly path: string) {}

  static async acquire(directory: string): Promise<DirectoryLock> {
    const path = join(directory, '.lock');
    if (DirectoryLock.#held.has(path)) throw lockedError(directory, process.pid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        DirectoryLock.#held.add(path);
        return new DirectoryLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
        // Our own pid in a lock we do not hold is a previous run's (containers reuse small pids).
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
          throw lockedError(directory, owner);
        }
        await unlink(path).catch(() => undefined); // stale: its process is gone
      }
    }
    throw lockedError(directory, undefined);
  }

  async release(): Promise<void> {
    DirectoryLock.#held.delete(this.path);
    await unlink(this.path).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(directory: string, pid: number | undefined): AtbError {
  const owner = pid === undefined ? 'another process' : pid === process.pid ? 'this process' : `process ${pid}`;
  const hint = `remove ${join(directory, '.lock')} if no ATB process uses it`;
  return new AtbError('LOCKED', `cache directory ${directory} is in use by ${owner} (${hint})`, { directory, pid });
}

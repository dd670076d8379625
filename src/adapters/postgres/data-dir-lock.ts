import { randomUUID } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import type { Logger } from '../../application/ports/logger.js';
import { AtbError } from '../../shared/errors.js';

/** Who holds an embedded data folder, as written in its lock file. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): Promise<void>;
}

export interface LockContext {
  readonly logger: Logger;
  readonly pid?: number;
  readonly hostname?: string;
  readonly now?: () => Date;
  /** Whether a process is alive; default `process.kill(pid, 0)`. */
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * Guards an embedded database folder with a lock file beside it (`<folder>.lock`), created atomically
 * (write a private file, then hard-link it: fails if the lock exists) and holding the owner's pid, host and start time. PGlite has one connection and no locking of its own:
 * two processes opening one folder would corrupt it. A second process gets AtbError LOCKED naming the
 * owner; a lock left by a process that died on this host (kill -9, power cut) is taken over with a warning.
 *
 * The takeover renames the stale file away first, an atomic step only one contender can win, and checks
 * that what it moved is the stale lock it read (not a fresh lock a faster contender just wrote).
 */
export async function lockDataDir(folder: string, context: LockContext): Promise<DataDirLock> {
  const path = `${folder}.lock`;
  const me: LockOwner = {
    pid: context.pid ?? process.pid,
    hostname: context.hostname ?? osHostname(),
    startedAt: (context.now?.() ?? new Date()).toISOString(),
  };
  const isAlive = context.isAlive ?? processIsAlive;
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, text)) return ownedLock(path, text);
    const owner = await readOwner(path);
    if (owner === 'gone') continue;
    if (owner !== undefined && !isStale(owner, me, path, isAlive)) throw lockedError(folder, path, owner, me);
    if (await takeOver(path, owner)) {
      const who = owner === undefined ? 'an unreadable lock' : `process ${owner.pid} (started ${owner.startedAt}), which is no longer running`;
      context.logger.warn(`took over the embedded database at ${folder} from ${who}`, { lockFile: path });
    }
  }
  throw new AtbError('LOCKED', `the embedded database at ${folder} is being locked and unlocked by other processes; try again`, {
    folder,
    lockFile: path,
  });
}

/**
 * Creates the lock file with its content in one atomic step: the content goes to a private file first,
 * which is then hard-linked to the lock path (link fails with EEXIST like O_EXCL does). A reader can
 * therefore never see a half-written lock and mistake it for a corrupt one.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const draft = `${path}.${randomUUID()}`;
  const handle = await open(draft, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network shares): plain O_EXCL, with the small window
    // in which a reader sees an empty file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createWithExclusiveOpen(path, text);
    throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function createWithExclusiveOpen(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The owner in the lock file, undefined when it cannot be parsed, 'gone' when the file vanished. */
async function readOwner(path: string): Promise<LockOwner | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.startedAt === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: parsed.startedAt };
    }
  } catch {
    // A torn or foreign file (locks are written whole, see createExclusive): taken over as stale.
  }
  return undefined;
}

/** Moves a stale lock aside; true when the one moved was the stale one read (then it is deleted). */
async function takeOver(path: string, stale: LockOwner | undefined): Promise<boolean> {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readOwner(aside);
  const same = stale === undefined ? moved === undefined : moved !== undefined && moved !== 'gone' && sameOwner(moved, stale);
  if (!same) {
    // We moved a live lock written after our read: put it back unless yet another process holds the path.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return same;
}

/** Locks held by this process, so that a lock naming our own pid is told apart from a previous life's. */
const heldHere = new Set<string>();

/**
 * A lock is stale when its owner ran on this host and is gone. One naming this very process but not held
 * by it was left by an earlier process that had the same pid (common in containers, where pids repeat).
 */
function isStale(owner: LockOwner, me: LockOwner, path: string, isAlive: (pid: number) => boolean): boolean {
  if (owner.hostname !== me.hostname) return false;
  if (owner.pid === me.pid) return !heldHere.has(path);
  return !isAlive(owner.pid);
}

function sameOwner(a: LockOwner, b: LockOwner): boolean {
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;
}

function ownedLock(path: string, text: string): DataDirLock {
  let released = false;
  heldHere.add(path);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      const current = await readFile(path, 'utf8').catch(() => undefined);
      if (current === text) await unlink(path).catch(() => undefined);
    },
  };
}

function lockedError(folder: string, path: string, owner: LockOwner, me: LockOwner): AtbError {
  const where = owner.hostname === me.hostname ? '' : ` on host ${owner.hostname}`;
  const hint =
    owner.hostname === me.hostname
      ? 'stop that process first'
      : `if that process is gone, delete ${path}`;
  return new AtbError(
    'LOCKED',
    `the embedded database at ${folder} is in use by process ${owner.pid}${where} (since ${owner.startedAt}): ${hint}`,
    { folder, lockFile: path, ownerPid: owner.pid, ownerHost: owner.hostname },
  );
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

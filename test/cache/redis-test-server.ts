import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * The shared Redis at TEST_REDIS_URL (default 127.0.0.1:6379), probed once per test file. Without it the
 * Redis tests skip with one loud line, except under CI=true, where they fail.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const IN_CI = process.env.CI === 'true';

export const redisUnavailable: string | undefined = await probeRedis(TEST_REDIS_URL);

if (redisUnavailable !== undefined && !IN_CI) {
  console.warn(`!!! SKIPPING Redis cache tests: ${TEST_REDIS_URL} is unreachable (${redisUnavailable}); CI=true makes this a failure`);
}

/** True when the Redis tests should be skipped (never under CI=true: there they run and fail). */
export function skipRedis(): boolean {
  return redisUnavailable !== undefined && !IN_CI;
}

/** Fails at once (under CI=true) instead of letting each test time out against a missing server. */
export function requireRedis(): void {
  if (redisUnavailable !== undefined) {
    throw new Error(`Redis at ${TEST_REDIS_URL} is required under CI=true but unreachable: ${redisUnavailable}`);
  }
}

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** True when fault tests cannot start a private redis-server (skipped with one loud line, except under CI=true). */
export function skipRedisServer(): boolean {
  if (redisServerMissing === undefined || IN_CI) return false;
  console.warn(`!!! SKIPPING Redis fault tests: cannot run ${REDIS_SERVER} (${redisServerMissing}); CI=true makes this a failure`);
  return true;
}

const redisServerMissing: string | undefined = (() => {
  const run = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  return run.error?.message ?? (run.status === 0 ? undefined : `exit ${run.status ?? run.signal}`);
})();

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `atb-test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}

/** Deletes every key under `prefix` on the shared server. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function probeRedis(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: string | undefined;
  client.on('error', (error: Error) => (cause ??= error.message));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return cause ?? (error instanceof Error ? error.message : String(error));
  } finally {
    client.disconnect();
  }
}

/** A port nobody listens on now (bound once by the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A private redis-server for fault tests, without persistence, on a port of its own: it can be killed
 * with SIGKILL and started again on the same port.
 */
export class RedisTestServer {
  #process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisTestServer> {
    const server = new RedisTestServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.#process = child;
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode}`);
      if ((await probeRedis(this.url)) === undefined) return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** SIGKILL: no shutdown, the sockets just die, as in a crash. */
  async kill(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

import { z } from 'zod';
import { decimalString, fieldMeta, secretString, urlWithSecretPassword } from './field-meta.js';

/**
 * The one configuration schema of ATB. Every object is strict (an unknown key is an error naming its
 * path) and every setting has a safe default: backtest mode, no live trading, exchange sandbox, the
 * embedded database. Sections use `prefault({})` so that their inner defaults apply when the section is
 * absent. Each leaf is also an environment variable: `ATB_` + the path in SCREAMING_SNAKE_CASE
 * (env-layer.ts derives the names from this schema, so a new setting needs no other table).
 */

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const percent = () => z.number().min(0).max(100);
const milliseconds = () => int(0, 86_400_000);

export const TradingMode = { BACKTEST: 'backtest', PAPER: 'paper', LIVE: 'live' } as const;
export type TradingMode = (typeof TradingMode)[keyof typeof TradingMode];

export const LogLevel = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LogLevel)[number];

const liveSchema = z
  .strictObject({
    /** The explicit opt-in for real-money trading (`--live`); mode 'live' is refused without it. */
    enabled: z.boolean().default(false),
  })
  .prefault({});

const exchangeSchema = z
  .strictObject({
    /** A CCXT exchange id such as "binance" or "kraken". */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*$/)
      .default('binance')
      .register(fieldMeta, { expected: 'a CCXT exchange id in lower case, such as "binance"' }),
    apiKey: secretString().optional(),
    secret: secretString().optional(),
    /** Some exchanges (OKX, KuCoin) also want an API passphrase. */
    password: secretString().optional(),
    /** The exchange's test network, where one is offered. Safe by default. */
    sandbox: z.boolean().default(true),
  })
  .prefault({});

const databaseSchema = z
  .strictObject({
    /** A PostgreSQL server (also DATABASE_URL); without it ATB uses the embedded database at embeddedPath. */
    url: urlWithSecretPassword(['postgres', 'postgresql'], 'postgres://atb:secret@localhost:5432/atb').optional(),
    embeddedPath: z.string().min(1).default('.atb/db'),
    poolMax: int(1, 1000).default(10),
    idleTimeoutMs: milliseconds().default(10_000),
    connectionTimeoutMs: milliseconds().default(5_000),
    statementTimeoutMs: milliseconds().default(30_000),
    ssl: z
      .strictObject({
        mode: z.enum(['disable', 'require', 'verify-full']).default('disable'),
        /** Path to a PEM file with the certificate authority to trust for verify-full. */
        ca: z.string().min(1).optional(),
      })
      .prefault({}),
  })
  .prefault({});

const redisSchema = z
  .strictObject({
    /** A Redis server (also REDIS_URL); without it caches and queues that need Redis are unavailable. */
    url: urlWithSecretPassword(['redis', 'rediss'], 'redis://localhost:6379').optional(),
    keyPrefix: z.string().default('atb:'),
  })
  .prefault({});

const logSchema = z
  .strictObject({
    level: z.enum(LogLevel).default('info'),
    /** 'pretty' is one readable line per record; 'json' is one pino JSON object per line. Both go to stderr. */
    format: z.enum(['pretty', 'json']).default('pretty'),
  })
  .prefault({});

const serverSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: int(0, 65_535)
      .default(8080)
      .register(fieldMeta, { expected: 'an integer from 0 to 65535 (0 picks a free port)' }),
  })
  .prefault({});

const backtestSchema = z
  .strictObject({
    /** Starting cash in the quote currency. */
    cash: decimalString({ positive: true, example: '10000' }).prefault('10000'),
    feeBps: z.number().min(0).max(10_000).default(10),
    slippageBps: z.number().min(0).max(10_000).default(0),
    /** Orders decided on a bar fill at the next bar's open (no look-ahead) or, optimistically, at its close. */
    fill: z.enum(['next-open', 'close']).default('next-open'),
  })
  .prefault({});

const riskSchema = z
  .strictObject({
    maxOrderNotional: decimalString({ positive: true, example: '1000' }).optional(),
    maxPositionNotional: decimalString({ positive: true, example: '5000' }).optional(),
    maxOpenOrders: int(1, 100_000).default(50),
    /** Trading halts when equity falls this far below its peak. */
    maxDrawdownPct: percent().default(25),
    maxDailyLossPct: percent().optional(),
  })
  .prefault({});

/** A cache name is a camelCase identifier, so that its settings have environment names too. */
const cacheName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/)
  .register(fieldMeta, { expected: 'a cache name in camelCase, such as "bars" or "marketData"' });

/**
 * One named cache. `maxEntries`, `maxBytes` and `eviction` bound a memory cache, a disk cache's files and
 * a hybrid cache's memory level; compression and encryption apply where values leave the process (redis,
 * disk, and the level behind a hybrid). Settings that cannot apply to the type are errors, not ignored.
 */
const cacheSchema = z
  .strictObject({
    type: z.enum(['memory', 'redis', 'disk', 'hybrid']),
    maxEntries: int(1, Number.MAX_SAFE_INTEGER).optional(),
    maxBytes: int(1, Number.MAX_SAFE_INTEGER).optional(),
    defaultTtlMs: int(1, Number.MAX_SAFE_INTEGER).optional(),
    eviction: z.enum(['lru', 'lfu', 'fifo']).default('lru'),
    metrics: z.boolean().default(true),
    compression: z.enum(['none', 'gzip', 'brotli']).optional(),
    /** Values of at most this many encoded bytes are stored uncompressed. Default 1024. */
    compressAboveBytes: int(0, Number.MAX_SAFE_INTEGER).optional(),
    encryption: z
      .strictObject({
        /** An AES-256 key: 32 bytes written as 64 hex digits or as base64. */
        key: secretString('32 bytes written as 64 hex digits or as base64').refine(
          isAes256Key,
          '32 bytes written as 64 hex digits or as base64',
        ),
      })
      .optional(),
    /** Redis keys of this cache start with redis.keyPrefix + this. Default "cache:<name>:". */
    keyPrefix: z.string().min(1).optional(),
    /** The directory of a disk cache (or of a hybrid's disk level). Default ".atb/cache/<name>". */
    path: z.string().min(1).optional(),
    /** What a hybrid cache keeps behind its memory level. Default redis. */
    backing: z.enum(['redis', 'disk']).optional(),
    /** The byte bound of a hybrid cache's disk level. Default 256 MiB. */
    backingMaxBytes: int(1, Number.MAX_SAFE_INTEGER).optional(),
    /** Hybrid: the longest a process serves a value from memory after another process changed it. Default 1000. */
    maxStalenessMs: int(10, 3_600_000).optional(),
  })
  .superRefine((cache, context) => {
    const hybridOver = cache.type === 'hybrid' ? (cache.backing ?? 'redis') : undefined;
    const misplaced = (field: keyof typeof cache, allowed: boolean, why: string): void => {
      if (allowed || cache[field] === undefined) return;
      const message = `no ${field} for a ${cache.type} cache (${why})`;
      context.addIssue({ code: 'custom', path: [field], input: cache[field], message });
    };
    const leavesProcess = 'compression and encryption apply where values leave the process: redis, disk, hybrid';
    const redisBounds = 'Redis bounds its memory itself, with maxmemory';
    misplaced('compression', cache.type !== 'memory', leavesProcess);
    misplaced('compressAboveBytes', cache.type !== 'memory', leavesProcess);
    misplaced('encryption', cache.type !== 'memory', leavesProcess);
    misplaced('maxEntries', cache.type !== 'redis', redisBounds);
    misplaced('maxBytes', cache.type !== 'redis', redisBounds);
    const inRedis = cache.type === 'redis' || hybridOver === 'redis';
    misplaced('keyPrefix', inRedis, 'only a redis cache, or a hybrid with backing redis, has Redis keys');
    const onDisk = cache.type === 'disk' || hybridOver === 'disk';
    misplaced('path', onDisk, 'only a disk cache, or a hybrid with backing disk, has a directory');
    misplaced('backing', cache.type === 'hybrid', 'only a hybrid cache has a level behind memory');
    misplaced('backingMaxBytes', hybridOver === 'disk', 'only a hybrid cache over disk has a disk level');
    misplaced('maxStalenessMs', cache.type === 'hybrid', 'only a hybrid cache keeps copies of shared values');
  });

function isAes256Key(text: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  return /^[A-Za-z0-9+/]{43}=?$/.test(text) && Buffer.from(text, 'base64').length === 32;
}

/** The sections the live-trading gate reads; it runs once they are valid, whatever else is wrong. */
const LIVE_GATE_ROOTS: readonly string[] = ['mode', 'live', 'exchange'];

export const configSchema = z
  .strictObject({
    mode: z.enum(['backtest', 'paper', 'live']).default('backtest'),
    live: liveSchema,
    exchange: exchangeSchema,
    database: databaseSchema,
    redis: redisSchema,
    log: logSchema,
    server: serverSchema,
    backtest: backtestSchema,
    risk: riskSchema,
    cache: z.record(cacheName, cacheSchema).default({}),
  })
  .superRefine(
    (config, context) => {
      if (config.mode !== TradingMode.LIVE) return;
      const missing = [
        ...(config.live.enabled ? [] : ['live.enabled']),
        ...(config.exchange.apiKey === undefined ? ['exchange.apiKey'] : []),
        ...(config.exchange.secret === undefined ? ['exchange.secret'] : []),
      ];
      if (missing.length === 0) return;
      context.addIssue({
        code: 'custom',
        path: ['mode'],
        input: config.mode,
        // Worded to follow "expected": live mode trades real money, so it needs an explicit opt-in and keys.
        message:
          'live.enabled = true (the --live flag) and both exchange.apiKey and exchange.secret set, since ' +
          `mode "live" trades real money; missing: ${missing.join(', ')}`,
      });
    },
    { when: (payload) => !payload.issues.some((issue) => LIVE_GATE_ROOTS.includes(String(issue.path?.[0]))) },
  );

/** The validated configuration that commands and the composition root read. */
export type AtbConfig = z.output<typeof configSchema>;
export type CacheConfig = z.output<typeof cacheSchema>;
export type DatabaseConfig = AtbConfig['database'];
export type LogConfig = AtbConfig['log'];

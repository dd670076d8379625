import { describe, expect, it } from 'vitest';
import { listConfigFields } from './config-fields.js';
import { configSchema } from './schema.js';

describe('configSchema', () => {
  it('defaults to a safe configuration: backtest, no live trading, exchange sandbox, embedded database', () => {
    const config = configSchema.parse({});
    expect(config).toMatchObject({
      mode: 'backtest',
      live: { enabled: false },
      exchange: { id: 'binance', sandbox: true },
      database: { embeddedPath: '.atb/db', poolMax: 10, connectionTimeoutMs: 5000, statementTimeoutMs: 30_000, ssl: { mode: 'disable' } },
      redis: { keyPrefix: 'atb:' },
      server: { host: '127.0.0.1', port: 8080 },
      backtest: { feeBps: 10, slippageBps: 0, fill: 'next-open' },
      risk: { maxOpenOrders: 50, maxDrawdownPct: 25 },
      cache: {},
    });
    expect(config.exchange.apiKey).toBeUndefined();
    expect(config.database.url).toBeUndefined();
  });

  it('rejects unknown keys at any depth', () => {
    expect(configSchema.safeParse({ serverr: {} }).success).toBe(false);
    expect(configSchema.safeParse({ database: { ssl: { verify: true } } }).success).toBe(false);
    expect(configSchema.safeParse({ cache: { bars: { type: 'memory', size: 1 } } }).success).toBe(false);
  });

  it('keeps money as exact decimals and refuses floats for it', () => {
    expect(configSchema.parse({ backtest: { cash: '0.3' } }).backtest.cash.toString()).toBe('0.3');
    expect(configSchema.safeParse({ backtest: { cash: 0.3 } }).success).toBe(false);
    expect(configSchema.safeParse({ risk: { maxOrderNotional: '0' } }).success).toBe(false);
  });

  it('accepts a 32-byte cache encryption key in hex or base64 only', () => {
    const cacheWith = (key: string) => ({ cache: { bars: { type: 'disk', encryption: { key } } } });
    expect(configSchema.safeParse(cacheWith('ab'.repeat(32))).success).toBe(true);
    expect(configSchema.safeParse(cacheWith(Buffer.alloc(32, 7).toString('base64'))).success).toBe(true);
    expect(configSchema.safeParse(cacheWith(Buffer.alloc(31, 7).toString('base64'))).success).toBe(false);
    expect(configSchema.safeParse(cacheWith('short')).success).toBe(false);
  });

  it('marks every secret, so redaction and log censoring know them', () => {
    const secrets = listConfigFields()
      .filter((field) => field.secret !== undefined)
      .map((field) => `${field.path.join('.')}:${field.secret}`);
    expect(secrets).toEqual([
      'exchange.apiKey:value',
      'exchange.secret:value',
      'exchange.password:value',
      'database.url:url-password',
      'redis.url:url-password',
      'cache.*.encryption.key:value',
    ]);
  });

  it('describes what each setting expects', () => {
    const expected = Object.fromEntries(listConfigFields().map((field) => [field.path.join('.'), field.expected]));
    expect(expected['database.poolMax']).toBe('an integer from 1 to 1000');
    expect(expected['risk.maxDrawdownPct']).toBe('a number from 0 to 100');
    expect(expected['live.enabled']).toBe('true or false');
    expect(expected['backtest.fill']).toBe('one of "next-open", "close"');
    expect(expected['cache.*.maxEntries']).toBe('an integer of at least 1');
    expect(expected['database.url']).toBe('a postgres:// or postgresql:// URL such as "postgres://atb:secret@localhost:5432/atb"');
  });
});

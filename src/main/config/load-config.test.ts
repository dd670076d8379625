import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { type Env } from './env-layer.js';
import { type ConfigFlags } from './flag-layer.js';
import { loadConfig } from './load-config.js';

function dirWith(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atb-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function load(options: { files?: Record<string, string>; env?: Env; flags?: ConfigFlags } = {}) {
  return loadConfig({ cwd: dirWith(options.files), env: options.env ?? {}, argvOptions: options.flags ?? {} });
}

function errorLines(options: Parameters<typeof load>[0]): string[] {
  const result = load(options);
  expect(result.ok, 'the configuration should be rejected').toBe(false);
  return result.ok ? [] : result.error.errors.map(formatConfigIssue);
}

function loaded(options: Parameters<typeof load>[0]) {
  const result = load(options);
  if (!result.ok) throw new Error(`expected a valid configuration:\n${result.error.errors.map(formatConfigIssue).join('\n')}`);
  return result.value;
}

describe('loadConfig precedence', () => {
  const file = { 'atb.yaml': 'server:\n  port: 1001\n  host: file-host\nlog:\n  level: warn\n' };

  it('a flag beats the environment, which beats the file, which beats the default', () => {
    const { config, sources } = loaded({
      files: file,
      env: { ATB_SERVER_PORT: '1002', ATB_SERVER_HOST: 'env-host' },
      flags: { set: ['server.port=1003'] },
    });
    expect(config.server.port).toBe(1003);
    expect(sources.get('server.port')?.label).toBe('flag --set server.port');
    expect(config.server.host).toBe('env-host');
    expect(sources.get('server.host')?.label).toBe('env ATB_SERVER_HOST');
    expect(config.log.level).toBe('warn');
    expect(sources.get('log.level')?.label).toBe('file atb.yaml:5:10');
    expect(config.log.format).toBe('pretty');
    expect(sources.get('log.format')?.label).toBe('default');
  });

  it('named flags win over --set, and ATB_DATABASE_URL over DATABASE_URL', () => {
    const { config, sources } = loaded({
      env: { DATABASE_URL: 'postgres://a@one/db', ATB_DATABASE_URL: 'postgres://a@two/db', REDIS_URL: 'redis://r:6379' },
      flags: { set: ['log.level=debug'], logLevel: 'error' },
    });
    expect(config.database.url).toBe('postgres://a@two/db');
    expect(config.redis.url).toBe('redis://r:6379');
    expect(sources.get('redis.url')?.label).toBe('env REDIS_URL');
    expect(config.log.level).toBe('error');
    expect(sources.get('log.level')?.label).toBe('flag --log-level');
  });

  it('--config names the file instead of ./atb.yaml', () => {
    const { config, file: used } = loaded({
      files: { 'atb.yaml': 'mode: paper\n', 'other.yaml': 'mode: backtest\nserver:\n  port: 9\n' },
      flags: { config: 'other.yaml' },
    });
    expect(used).toBe('other.yaml');
    expect(config.server.port).toBe(9);
    expect(config.mode).toBe('backtest');
  });

  it('ATB_CONFIG names the file when --config is absent', () => {
    expect(loaded({ files: { 'x.yaml': 'mode: paper\n' }, env: { ATB_CONFIG: 'x.yaml' } }).config.mode).toBe('paper');
  });

  it('without any source every setting has its safe default', () => {
    const { config, sources, file: used, warnings } = loaded({});
    expect(config.mode).toBe('backtest');
    expect(config.live.enabled).toBe(false);
    expect(config.exchange.sandbox).toBe(true);
    expect(config.exchange.apiKey).toBeUndefined();
    expect(config.database.url).toBeUndefined();
    expect(config.database.embeddedPath).toBe('.atb/db');
    expect(config.backtest.cash.toString()).toBe('10000');
    expect(config.risk.maxDrawdownPct).toBe(25);
    expect(config.cache).toEqual({});
    expect(used).toBeUndefined();
    expect(warnings).toEqual([]);
    expect([...sources.values()].every((source) => source.kind === 'default')).toBe(true);
  });

  it('an empty environment variable counts as unset', () => {
    expect(loaded({ env: { ATB_SERVER_PORT: '', DATABASE_URL: '' } }).config.server.port).toBe(8080);
  });

  it('returns a frozen configuration', () => {
    const { config } = loaded({});
    expect(Object.isFrozen(config.server)).toBe(true);
  });
});

describe('loadConfig values', () => {
  it('keeps money exact: a YAML number for a decimal setting is read from its source text', () => {
    const { config } = loaded({
      files: { 'atb.yaml': 'backtest:\n  cash: 10000.10\nrisk:\n  maxOrderNotional: 0.1\n' },
    });
    expect(config.backtest.cash.toString()).toBe('10000.1');
    expect(config.backtest.cash.toFixed(2)).toBe('10000.10');
    expect(config.risk.maxOrderNotional?.toString()).toBe('0.1');
  });

  it('coerces numbers and booleans from environment text', () => {
    const { config } = loaded({
      env: { ATB_DATABASE_POOL_MAX: '25', ATB_EXCHANGE_SANDBOX: 'false', ATB_LIVE_ENABLED: '1', ATB_BACKTEST_FEE_BPS: '7.5' },
    });
    expect(config.database.poolMax).toBe(25);
    expect(config.exchange.sandbox).toBe(false);
    expect(config.live.enabled).toBe(true);
    expect(config.backtest.feeBps).toBe(7.5);
  });

  it('reads named caches from the file, the environment and --set', () => {
    const { config, sources } = loaded({
      files: { 'atb.yaml': 'cache:\n  bars:\n    type: memory\n    maxEntries: 100\n' },
      env: { ATB_CACHE_BARS_MAX_ENTRIES: '200', ATB_CACHE_MARKET_DATA_TYPE: 'redis' },
      flags: { set: ['cache.marketData.eviction=lfu'] },
    });
    expect(config.cache.bars).toMatchObject({ type: 'memory', maxEntries: 200, eviction: 'lru', metrics: true });
    expect(config.cache.marketData).toMatchObject({ type: 'redis', eviction: 'lfu' });
    expect(sources.get('cache.marketData.type')?.label).toBe('env ATB_CACHE_MARKET_DATA_TYPE');
  });

  it('warns about an ATB_* variable that is no setting, suggesting the likely one', () => {
    const { warnings } = loaded({ env: { ATB_SERVER_PROT: '1', ATB_DEBUG: '1', HOME: '/x' } });
    expect(warnings).toEqual(['ATB_SERVER_PROT is not a setting and is ignored (did you mean ATB_SERVER_PORT?)']);
  });

  it('warns when a secret is written in the file', () => {
    const { warnings } = loaded({ files: { 'atb.yaml': 'exchange:\n  apiKey: k\n' } });
    expect(warnings).toEqual([
      'exchange.apiKey is written in a file (file atb.yaml:2:11); prefer the environment (ATB_EXCHANGE_API_KEY) so that secrets stay out of files',
    ]);
  });
});

describe('loadConfig errors (the documented format)', () => {
  it('a bad file value', () => {
    expect(errorLines({ files: { 'atb.yaml': 'server:\n  port: 99999\n' } })).toEqual([
      'config error: server.port = 99999 (from file atb.yaml:2:9): expected an integer from 0 to 65535 (0 picks a free port)',
    ]);
  });

  it('a bad environment variable', () => {
    expect(errorLines({ env: { ATB_RISK_MAX_DRAWDOWN_PCT: 'abc' } })).toEqual([
      'config error: risk.maxDrawdownPct = "abc" (from env ATB_RISK_MAX_DRAWDOWN_PCT): expected a number from 0 to 100',
    ]);
  });

  it('a bad flag', () => {
    expect(errorLines({ flags: { mode: 'real' } })).toEqual([
      'config error: mode = "real" (from flag --mode): expected one of "backtest", "paper", "live"',
    ]);
    expect(errorLines({ flags: { set: ['risk.maxOpenOrders=many'] } })).toEqual([
      'config error: risk.maxOpenOrders = "many" (from flag --set risk.maxOpenOrders): expected an integer from 1 to 100000',
    ]);
  });

  it('reports every problem of every source, not just the first', () => {
    expect(
      errorLines({
        files: { 'atb.yaml': 'server:\n  prot: 1\nbacktest:\n  cash: -5\n' },
        env: { ATB_LOG_LEVEL: 'loud' },
        flags: { set: ['exchange.sandbox=maybe'] },
      }),
    ).toEqual([
      'config error: server.prot is not a setting (from file atb.yaml:2:3): expected one of host, port (did you mean server.port?)',
      'config error: exchange.sandbox = "maybe" (from flag --set exchange.sandbox): expected true or false',
      'config error: log.level = "loud" (from env ATB_LOG_LEVEL): expected one of "trace", "debug", "info", "warn", "error", "fatal", "silent"',
      'config error: backtest.cash = "-5" (from file atb.yaml:4:9): expected a positive decimal number such as "10000"',
    ]);
  });

  it('names an unknown key with its full path, wherever it is written', () => {
    expect(errorLines({ flags: { set: ['database.ssl.verify=yes'] } })).toEqual([
      'config error: database.ssl.verify is not a setting (from flag --set database.ssl.verify): expected one of mode, ca',
    ]);
    expect(errorLines({ files: { 'atb.yaml': 'risk:\n  maxDrawdown: 5\n' } })).toEqual([
      'config error: risk.maxDrawdown is not a setting (from file atb.yaml:2:3): expected one of maxOrderNotional, maxPositionNotional, maxOpenOrders, maxDrawdownPct, maxDailyLossPct (did you mean risk.maxDrawdownPct?)',
    ]);
    expect(errorLines({ flags: { set: ['server.port.number=5'] } })).toEqual([
      'config error: server.port.number is not a setting (from flag --set server.port.number): expected server.port to be a single value',
    ]);
    expect(errorLines({ files: { 'atb.yaml': 'server:\n  port:\n    number: 5\n' } })).toEqual([
      'config error: server.port = {"number":5} (from file atb.yaml:3:5): expected an integer from 0 to 65535 (0 picks a free port)',
    ]);
  });

  it('reports YAML syntax errors as file:line:col', () => {
    expect(errorLines({ files: { 'atb.yaml': 'server:\n  port: 1\n host: x\n' } })).toEqual([
      'config error: atb.yaml:3:1: invalid YAML: All mapping items must start at the same column',
    ]);
  });

  it('requires a file named by --config to exist', () => {
    const lines = errorLines({ flags: { config: 'missing.yaml' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config error: missing\.yaml: no such file \(given by --config, looked for \/.*missing\.yaml\)$/);
  });

  it('reports a missing required setting and a bad cache name', () => {
    expect(errorLines({ files: { 'atb.yaml': 'cache:\n  bars:\n    maxEntries: 5\n  Bad:\n    type: memory\n' } })).toEqual([
      'config error: cache.bars.type is missing (from file atb.yaml:3:17): expected one of "memory", "redis", "disk", "hybrid"',
      'config error: cache.Bad has an invalid name (from file atb.yaml:5:11): expected a cache name in camelCase, such as "bars" or "marketData"',
    ]);
  });

  it('rejects a malformed --set without echoing its text', () => {
    expect(errorLines({ flags: { set: ['s3cr3t'] } })).toEqual([
      'config error: flag --set: expected path=value, such as --set risk.maxOpenOrders=20',
    ]);
  });
});

describe('live trading gate', () => {
  const keys: Env = { ATB_EXCHANGE_API_KEY: 'key-123', ATB_EXCHANGE_SECRET: 'secret-456' };

  it('refuses mode live without --live and keys, saying exactly what is missing', () => {
    expect(errorLines({ flags: { mode: 'live' } })).toEqual([
      'config error: mode = "live" (from flag --mode): expected live.enabled = true (the --live flag) and both ' +
        'exchange.apiKey and exchange.secret set, since mode "live" trades real money; missing: live.enabled, exchange.apiKey, exchange.secret',
    ]);
    expect(errorLines({ env: keys, flags: { mode: 'live' } })[0]).toMatch(/missing: live\.enabled$/);
    expect(errorLines({ env: { ATB_EXCHANGE_API_KEY: 'k' }, flags: { mode: 'live', live: true } })[0]).toMatch(
      /missing: exchange\.secret$/,
    );
  });

  it('checks the gate even when other settings are invalid', () => {
    const lines = errorLines({ env: { ATB_SERVER_PORT: 'x' }, flags: { mode: 'live' } });
    expect(lines).toHaveLength(2);
  });

  it('accepts mode live with --live and both keys', () => {
    const { config } = loaded({ env: keys, flags: { mode: 'live', live: true } });
    expect(config.mode).toBe('live');
    expect(config.exchange.apiKey).toBe('key-123');
  });
});

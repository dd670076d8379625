import { describe, expect, it } from 'vitest';
import { listConfigFields } from './config-fields.js';
import { envName, readEnvLayer, settingEnvNames } from './env-layer.js';

describe('environment names', () => {
  it('are ATB_ + the path in SCREAMING_SNAKE_CASE', () => {
    expect(envName(['database', 'poolMax'])).toBe('ATB_DATABASE_POOL_MAX');
    expect(envName(['risk', 'maxDrawdownPct'])).toBe('ATB_RISK_MAX_DRAWDOWN_PCT');
    expect(envName(['exchange', 'apiKey'])).toBe('ATB_EXCHANGE_API_KEY');
  });

  it('exist for every setting outside a record, one name per setting', () => {
    const fixed = listConfigFields().filter((field) => !field.path.includes('*'));
    const names = settingEnvNames();
    expect(names.size, 'two settings share an environment name').toBe(fixed.length);
    for (const field of fixed) expect(names.get(envName(field.path))?.path).toEqual(field.path);
  });

  it('reach every setting of a named cache, the longest setting name winning', () => {
    const layer = readEnvLayer({ ATB_CACHE_MARKET_DATA_ENCRYPTION_KEY: 'k', ATB_CACHE_BARS_DEFAULT_TTL_MS: '60000' });
    expect(layer.assignments.map((a) => [a.path.join('.'), a.value])).toEqual([
      ['cache.bars.defaultTtlMs', 60_000],
      ['cache.marketData.encryption.key', 'k'],
    ]);
    expect(layer.warnings).toEqual([]);
  });
});

describe('readEnvLayer', () => {
  it('reads booleans as true/false/1/0 in any case and leaves other text for the schema to reject', () => {
    const values = (text: string) => readEnvLayer({ ATB_EXCHANGE_SANDBOX: text }).assignments[0]?.value;
    expect([values('TRUE'), values('0'), values('1'), values('false'), values('yes')]).toEqual([true, false, true, false, 'yes']);
  });

  it('reads numbers, and keeps text that is not a number as it was written', () => {
    const value = (text: string) => readEnvLayer({ ATB_SERVER_PORT: text }).assignments[0]?.value;
    expect([value('8081'), value('1e3'), value('12abc'), value(' ')]).toEqual([8081, 1000, '12abc', ' ']);
  });

  it('keeps decimal settings as text, so money never becomes a float', () => {
    expect(readEnvLayer({ ATB_BACKTEST_CASH: '0.1' }).assignments[0]?.value).toBe('0.1');
  });

  it('ignores the variables the CLI reads itself and other programs\' variables', () => {
    const layer = readEnvLayer({ ATB_DEBUG: '1', ATB_CONFIG: 'x.yaml', PATH: '/bin' });
    expect(layer).toEqual({ assignments: [], issues: [], warnings: [] });
  });
});

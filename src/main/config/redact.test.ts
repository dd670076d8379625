import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConfig } from './check-config.js';
import { displayConfigValue, redactUrlPassword } from './redact.js';

describe('redactUrlPassword', () => {
  it('hides only the password of a URL', () => {
    expect(redactUrlPassword('postgres://atb:pw@db:5432/atb?sslmode=require')).toBe('postgres://atb:***@db:5432/atb?sslmode=require');
    expect(redactUrlPassword('redis://:pw@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(redactUrlPassword('postgres://atb@db/atb')).toBe('postgres://atb@db/atb');
    expect(redactUrlPassword('postgres://db/atb')).toBe('postgres://db/atb');
  });

  it('also hides it in a URL that does not parse', () => {
    expect(redactUrlPassword('postgres://atb:p@ss:word@db:notaport/atb')).toBe('postgres://atb:***@db:notaport/atb');
    expect(redactUrlPassword('postgres://atb:pa/ss@db/atb')).toBe('postgres://atb:***@db/atb');
  });
});

describe('displayConfigValue', () => {
  it('shows secrets as *** and other values as JSON-like text', () => {
    expect(displayConfigValue(['exchange', 'secret'], 'abc')).toBe('***');
    expect(displayConfigValue(['cache', 'bars', 'encryption', 'key'], 'abc')).toBe('***');
    expect(displayConfigValue(['database', 'url'], 'postgres://u:pw@h/d')).toBe('"postgres://u:***@h/d"');
    expect(displayConfigValue(['server', 'port'], 8080)).toBe('8080');
    expect(displayConfigValue(['exchange'], { apiKey: 'abc' })).toBe('{"apiKey":"***"}');
  });
});

describe('config check never shows a secret', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/);

  it('neither in the effective configuration nor in error messages', () => {
    fc.assert(
      fc.property(secret, secret, secret, fc.boolean(), (apiKey, exchangeSecret, password, invalid) => {
        const report = checkConfig({
          cwd: '/nonexistent-dir-for-atb-tests',
          env: {
            ATB_EXCHANGE_API_KEY: apiKey,
            ATB_EXCHANGE_SECRET: exchangeSecret,
            DATABASE_URL: `postgres://atb:${password}@db/atb`,
            // An invalid port turns the report into an error report.
            ...(invalid ? { ATB_SERVER_PORT: 'x' } : {}),
          },
          argvOptions: { set: [`exchange.password=${password}`, `cache.bars.encryption.key=${apiKey}`] },
        });
        const printed = JSON.stringify(report);
        for (const value of [apiKey, exchangeSecret, password]) expect(printed).not.toContain(value);
      }),
      { numRuns: 50 },
    );
  });
});

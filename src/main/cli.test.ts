import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';

/** Runs the CLI in-process in an empty directory with only the given environment. */
async function atb(args: readonly string[], options: { env?: Record<string, string>; files?: Record<string, string> } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'atb-cli-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(cwd, name), text);
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'atb', ...args], {
    env: options.env ?? {},
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('atb (in-process)', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await atb(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists the commands with one-line descriptions and the global options', async () => {
    const { code, stdout } = await atb(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: atb \[options\] \[command\]/);
    expect(stdout).toMatch(/\n {2}config +inspect the configuration\n/);
    for (const option of ['--config <file>', '--mode <mode>', '--live', '--log-level <level>', '--database-url <url>', '--redis-url <url>', '--set <path=value>', '--debug']) {
      expect(stdout).toContain(option);
    }
  });

  it('a usage mistake exits 2 with commander\'s message', async () => {
    const { code, stderr } = await atb(['config', 'check', '--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown option '--frobnicate'");
    expect((await atb(['confg'])).stderr).toContain('(Did you mean config?)');
  });

  it('config check prints each setting with its value and source, secrets redacted', async () => {
    const { code, stdout, stderr } = await atb(['config', 'check', '--mode', 'paper', '--set', 'exchange.apiKey=AK-hush-1'], {
      env: { ATB_SERVER_PORT: '9090', ATB_EXCHANGE_SECRET: 'SK-hush-2' },
      files: { 'atb.yaml': 'log:\n  level: debug\n' },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('configuration file: atb.yaml');
    const line = (path: string) => lines.find((l) => l.startsWith(`${path} `))?.replace(/ +/g, ' ');
    expect(line('mode')).toBe('mode = "paper" (flag --mode)');
    expect(line('server.port')).toBe('server.port = 9090 (env ATB_SERVER_PORT)');
    expect(line('log.level')).toBe('log.level = "debug" (file atb.yaml:2:10)');
    expect(line('server.host')).toBe('server.host = "127.0.0.1" (default)');
    expect(line('exchange.apiKey')).toBe('exchange.apiKey = *** (flag --set exchange.apiKey)');
    expect(line('exchange.secret')).toBe('exchange.secret = *** (env ATB_EXCHANGE_SECRET)');
    expect(line('exchange.password')).toBe('exchange.password (not set)');
    expect(stdout).not.toContain('hush');
  });

  it('config check prints every error on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await atb(['config', 'check', '--set', 'server.port=http'], {
      env: { ATB_RISK_MAX_DRAWDOWN_PCT: 'abc', ATB_LOG_LEVL: 'x' },
      files: { 'atb.yaml': 'mode: paper\nexchange:\n  sandbox: perhaps\n' },
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'config warning: ATB_LOG_LEVL is not a setting and is ignored (did you mean ATB_LOG_LEVEL?)',
        'config error: exchange.sandbox = "perhaps" (from file atb.yaml:3:12): expected true or false',
        'config error: server.port = "http" (from flag --set server.port): expected an integer from 0 to 65535 (0 picks a free port)',
        'config error: risk.maxDrawdownPct = "abc" (from env ATB_RISK_MAX_DRAWDOWN_PCT): expected a number from 0 to 100',
        '',
      ].join('\n'),
    );
  });

  it('config check --json prints one document on stdout, also for errors', async () => {
    const good = await atb(['config', 'check', '--json'], { env: { DATABASE_URL: 'postgres://atb:pw@db/atb' } });
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as { ok: boolean; config: { database: { url: string } }; sources: Record<string, string> };
    expect(report.ok).toBe(true);
    expect(report.config.database.url).toBe('postgres://atb:***@db/atb');
    expect(report.sources['database.url']).toBe('env DATABASE_URL');

    const bad = await atb(['config', 'check', '--json', '--mode', 'live']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('');
    const errors = (JSON.parse(bad.stdout) as { ok: boolean; errors: { path: string; found: string; source: string }[] }).errors;
    expect(errors).toMatchObject([{ kind: 'invalid', path: 'mode', found: '"live"', source: 'flag --mode' }]);
  });

  it('accepts the global options after the subcommand too', async () => {
    const { stdout } = await atb(['config', 'check', '--log-level', 'warn']);
    expect(stdout).toMatch(/\nlog\.level += "warn" +\(flag --log-level\)\n/);
  });
});

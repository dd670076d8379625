import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';
import { CLI_PATH, loadedPackages, runCli, runNode, TSX_LOADER, writePackageLogHook } from './run-cli.js';

/** An empty working directory, with the given files. */
function workdir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atb-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Each test is a separate process that mostly waits on node's start-up, so they run side by side.
describe.concurrent('atb as a user runs it', () => {
  it('--version prints the version once and exits 0', async ({ expect }) => {
    expect(await runCli(['--version'], { cwd: workdir() })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('runs main once when imported the way bin/atb.js imports it', async ({ expect }) => {
    const dir = workdir();
    const bin = join(dir, 'atb.mjs');
    writeFileSync(bin, `import { main } from ${JSON.stringify(pathToFileURL(CLI_PATH).href)};\nprocess.exitCode = await main(process.argv);\n`);
    expect(await runNode(['--import', TSX_LOADER, bin, '--version'], { cwd: dir })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('starts without the database packages: a backtest from a file or synthetic data never loads them', async ({ expect }) => {
    // pg, PGlite, Drizzle and prom-client took ~0.2 s of every `atb backtest` start when one static import
    // pulled them in; the commands that use a database import them in their actions.
    const dir = workdir();
    const { hooks, log } = writePackageLogHook(dir);
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    expect(await runNode(['--import', register, '--import', TSX_LOADER, CLI_PATH, '--version'], { cwd: dir })).toMatchObject({ code: 0, stderr: '' });
    const loaded = loadedPackages(log);
    expect(loaded.has('commander'), 'the hook saw the packages the CLI loads').toBe(true);
    expect(['pg', '@electric-sql/pglite', 'drizzle-orm', 'prom-client', 'pg-copy-streams'].filter((p) => loaded.has(p))).toEqual([]);
  });

  it('config check prints the effective configuration and exits 0', async ({ expect }) => {
    const result = await runCli(['config', 'check'], {
      cwd: workdir({ 'atb.yaml': 'mode: paper\n' }),
      env: { ATB_EXCHANGE_API_KEY: 'e2e-key-value' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^configuration file: atb\.yaml\nmode += "paper" +\(file atb\.yaml:1:7\)\n/);
    expect(result.stdout).toMatch(/\nexchange\.apiKey += \*\*\* +\(env ATB_EXCHANGE_API_KEY\)\n/);
    expect(result.stdout).not.toContain('e2e-key-value');
  });
});

describe.concurrent('configuration errors print the documented text and exit 2, without a stack trace', () => {
  it('a bad file', async ({ expect }) => {
    const result = await runCli(['config', 'check'], { cwd: workdir({ 'atb.yaml': 'server:\n  port: 99999\n  prot: 1\n' }) });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'config error: server.prot is not a setting (from file atb.yaml:3:3): expected one of host, port (did you mean server.port?)\n' +
        'config error: server.port = 99999 (from file atb.yaml:2:9): expected an integer from 0 to 65535 (0 picks a free port)\n',
    });
  });

  it('a bad environment variable', async ({ expect }) => {
    const result = await runCli(['config', 'check'], { cwd: workdir(), env: { ATB_RISK_MAX_DRAWDOWN_PCT: 'abc' } });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'config error: risk.maxDrawdownPct = "abc" (from env ATB_RISK_MAX_DRAWDOWN_PCT): expected a number from 0 to 100\n',
    });
  });

  it('a bad flag', async ({ expect }) => {
    const result = await runCli(['--mode', 'live', 'config', 'check'], { cwd: workdir() });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'config error: mode = "live" (from flag --mode): expected live.enabled = true (the --live flag) and both ' +
        'exchange.apiKey and exchange.secret set, since mode "live" trades real money; missing: live.enabled, ' +
        'exchange.apiKey, exchange.secret\n',
    });
  });

  it('a --config file that does not exist', async ({ expect }) => {
    const dir = workdir();
    const result = await runCli(['config', 'check', '--config', 'prod.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`config error: prod.yaml: no such file (given by --config, looked for ${join(dir, 'prod.yaml')})\n`);
  });
});

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';
import { loadedPackages, PACKAGE_IN_PATH, runNode, writePackageLogHook } from './run-cli.js';

// The CLI as an installed user runs it: bin/atb.js, which imports the bundle `npm run build` writes to
// dist/cli (esbuild, with the ES module chunks the lazy imports need). The other CLI tests run the
// TypeScript sources; these check what only the bundle can get wrong: files found from the package root
// (package.json, migrations/, the CSV scan worker, the charting library) and imports kept lazy.
const BIN = fileURLToPath(new URL('../../bin/atb.js', import.meta.url));
const BUNDLE = new URL('../../dist/cli/cli.js', import.meta.url);
const built = existsSync(BUNDLE);
if (!built) {
  if (process.env['CI'] === 'true') throw new Error('dist/cli is missing: npm test builds it before running vitest');
  console.warn('!!! SKIPPED the bundled CLI tests: dist/cli is missing (npm run build)');
}

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'atb-bin-'));
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe.runIf(built).concurrent('bin/atb.js, the bundled CLI', () => {
  it('--version reads the package version', async ({ expect }) => {
    expect(await runNode([BIN, '--version'], { cwd: workdir() })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('backtests a CSV large enough to be scanned on two threads (the worker is found from the bundle)', async ({ expect }) => {
    const dir = workdir();
    // 300,000 one-minute bars are about 18 MB: above the 16 MB from which a second thread scans half.
    const synth = await runNode([BIN, 'data', 'synth', '--bars', '300000', '--timeframe', '1m', '--seed', '5', '--out', 'SYN_USDT-1m.csv'], { cwd: dir, timeoutMs: 60_000 });
    expect(synth.code, synth.stderr).toBe(0);
    expect(statSync(join(dir, 'SYN_USDT-1m.csv')).size).toBeGreaterThan(16 * 1024 * 1024);
    const run = await runNode([BIN, 'backtest', '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30', '--param', 'size=1', '--data', 'SYN_USDT-1m.csv', '--json', '--no-progress'], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { bars: number; closedTrades: number; data: { layout: string } };
    expect(report.bars).toBe(300_000);
    expect(report.closedTrades).toBeGreaterThan(1000);
  });

  it('writes the HTML report with the charting library inlined', async ({ expect }) => {
    const dir = workdir();
    expect((await runNode([BIN, 'data', 'synth', '--bars', '500', '--timeframe', '1h', '--seed', '2', '--out', 'SYN_USDT-1h.csv'], { cwd: dir })).code).toBe(0);
    const run = await runNode([BIN, 'backtest', '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20', '--param', 'size=1', '--data', 'SYN_USDT-1h.csv', '--report', 'r.html'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('LightweightCharts');
  });

  it('db migrate applies the shipped migrations to the embedded database', async ({ expect }) => {
    const run = await runNode([BIN, 'db', 'migrate'], { cwd: workdir(), timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/applied 0001_/);
    expect(run.stdout).toMatch(/database is up to date at migration \d{4}_/);
  });

  it('a backtest from a file loads neither the database packages nor yaml and cli-progress', async ({ expect }) => {
    // Started through a wrapper that imports the bundle as bin/atb.js does, then lists what was loaded:
    // ES modules through a resolve hook, CommonJS packages (yaml and cli-progress are required lazily)
    // from the require cache.
    const dir = workdir();
    expect((await runNode([BIN, 'data', 'synth', '--bars', '500', '--timeframe', '1h', '--seed', '2', '--out', 'SYN_USDT-1h.csv'], { cwd: dir })).code).toBe(0);
    const { hooks, log } = writePackageLogHook(dir);
    const wrapper = join(dir, 'run.mjs');
    writeFileSync(
      wrapper,
      `import { appendFileSync } from 'node:fs';\nimport { createRequire, register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n` +
        `const { main } = await import(${JSON.stringify(BUNDLE.href)});\nprocess.exitCode = await main(process.argv);\n` +
        `for (const key of Object.keys(createRequire(import.meta.url).cache)) { const m = /${PACKAGE_IN_PATH}/.exec(key); if (m) appendFileSync(${JSON.stringify(log)}, m[1] + '\\n'); }\n`,
    );
    const run = await runNode([wrapper, 'backtest', '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20', '--param', 'size=1', '--data', 'SYN_USDT-1h.csv', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const loaded = loadedPackages(log);
    expect(loaded.has('commander') && loaded.has('pino'), 'the hook and the require cache saw the packages the CLI loads').toBe(true);
    expect(['pg', '@electric-sql/pglite', 'drizzle-orm', 'prom-client', 'pg-copy-streams', 'yaml', 'cli-progress'].filter((p) => loaded.has(p))).toEqual([]);
  });
});

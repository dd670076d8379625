/**
 * `atb backtest --symbol --timeframe` without --data reads the bars `atb data import` stored in the
 * configured database (here the embedded one, in a temporary working directory), and gives the same
 * report as the file it came from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { atb, tempDir, writeHourlyCsv } from './cli-harness.js';

let dir = '';
let data = '';
const SMA = ['--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8', '--param', 'size=1'];

beforeAll(async () => {
  dir = tempDir();
  data = writeHourlyCsv(dir, 'BTCUSDT-1h.csv', 5);
  const imported = await atb(['data', 'import', data, '--symbol', 'BTC/USDT', '--timeframe', '1h'], dir);
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

describe('atb backtest from the database', () => {
  it('runs on stored bars and matches the run on the file', async () => {
    const fromDb = await atb(['backtest', ...SMA, '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', 'db.json'], dir);
    expect(fromDb.code, fromDb.stderr).toBe(0);
    expect(fromDb.stdout).toContain('BTC/USDT 1h, 120 bars');
    const fromFile = await atb(['backtest', ...SMA, '--data', data, '--out', 'file.json'], dir);
    expect(fromFile.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const strip = (path: string): unknown => {
      const report = JSON.parse(readFileSync(`${dir}/${path}`, 'utf8')) as { settings: Record<string, unknown> };
      return { ...report, settings: { ...report.settings, data: null } };
    };
    expect(strip('db.json'), 'the same bars give the same report').toEqual(strip('file.json'));
  });

  it('honours --from/--to on stored bars', async () => {
    const run = await atb(['backtest', ...SMA, '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2024-03-02', '--to', '2024-03-03', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { bars: number }).bars).toBe(48);
  });

  it('says how to import when nothing is stored', async () => {
    const run = await atb(['backtest', ...SMA, '--symbol', 'ETH/USDT', '--timeframe', '1h'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no ETH/USDT 1h bars in the embedded database');
    expect(run.stderr).toContain('atb data import FILE --symbol ETH/USDT --timeframe 1h');
  });

  it('asks for a data source when there is none', async () => {
    const run = await atb(['backtest', ...SMA], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("invalid option '--data', was missing: expected a bar file, or --symbol and --timeframe");
  });
});

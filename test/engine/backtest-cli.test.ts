/**
 * `atb backtest` in-process: the --json contract, --demo, --from/--to, bad input as one clear line with
 * exit code 2, and determinism (the same inputs give the same bytes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atb, tempDir, writeHourlyCsv } from './cli-harness.js';

let dir = '';
let data = '';
const SMA = ['--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8', '--param', 'size=1'];

beforeAll(() => {
  dir = tempDir();
  data = writeHourlyCsv(dir, 'BTCUSDT-1h.csv', 5); // 2024-03-01 .. 2024-03-05, 120 bars
});

describe('atb backtest --json', () => {
  it('prints exactly one JSON object with the required keys', async () => {
    const run = await atb(['backtest', ...SMA, '--data', data, '--cash', '10000', '--fee-bps', '10', '--json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(run.stdout.trimEnd().split('\n'), 'one line').toHaveLength(1);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ bars: 120, instrumentId: 'BTC/USDT', timeframe: '1h' });
    for (const key of ['closedTrades', 'openTrades', 'elapsedMs', 'loadMs']) expect(typeof out[key], key).toBe('number');
    expect(out.finalEquity).toMatch(/^\d+(\.\d+)?$/);
    expect(typeof out.metrics).toBe('object');
    expect(Array.isArray(out.trades)).toBe(true);
    const trades = out.trades as { entryPrice: string; pnl: string; fees: string }[];
    expect(trades.length, 'the wave makes the averages cross').toBeGreaterThan(2);
    expect(out.closedTrades).toBe(trades.length);
    expect(trades[0]?.fees, 'fees are charged at 10 bps').not.toBe('0');
  });

  it('--from/--to are inclusive UTC days', async () => {
    const run = await atb(['backtest', ...SMA, '--data', data, '--from', '2024-03-02', '--to', '2024-03-03', '--json'], dir);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { bars: number; period: { from: string; to: string } };
    expect(out.bars).toBe(48);
    expect(out.period).toEqual({ from: '2024-03-02T00:00:00.000Z', to: '2024-03-03T23:00:00.000Z' });
  });

  it('--demo runs a meaningful backtest with no other argument', async () => {
    const run = await atb(['backtest', '--demo', '--no-progress', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { bars: number; closedTrades: number; data: { synthetic: boolean }; strategy: { name: string } };
    expect(out.bars).toBe(200_000);
    expect(out.data.synthetic).toBe(true);
    expect(out.strategy.name).toBe('sma-cross');
    expect(out.closedTrades).toBeGreaterThan(10);
    const summary = await atb(['backtest', '--demo']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^sma-cross \(fast=120, slow=480, size=10\) on SYN\/USDT 1m/);
    expect(summary.stdout).toContain('SYNTHETIC');
  });
});

describe('atb backtest: bad input is one clear line and exit code 2', () => {
  it.each([
    { args: ['--fee-bps', '-1'], line: `error: invalid option '--fee-bps', was "-1": expected a number from 0 to 10000` },
    { args: ['--slippage-bps', 'lots'], line: `error: invalid option '--slippage-bps', was "lots": expected a number from 0 to 10000` },
    { args: ['--cash', '-5'], line: `error: invalid option '--cash', was "-5": expected a positive decimal number such as 10000` },
    { args: ['--fill', 'open'], line: `error: invalid option '--fill', was "open": expected next-open or close` },
    { args: ['--from', '2024-13-01'], line: `error: invalid option '--from', was "2024-13-01": expected a UTC date YYYY-MM-DD` },
    { args: ['--from', '2024-03-04', '--to', '2024-03-02'], line: `error: invalid option '--to', was "2024-03-02": expected a day on or after --from 2024-03-04` },
    { args: ['--param', 'fast'], line: `error: invalid option '--param', was "fast": expected name=value, such as fast=10` },
  ])('$args', async ({ args, line }) => {
    const run = await atb(['backtest', ...SMA, '--data', data, ...args], dir);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 2, stderr: `${line}\n`, stdout: '' });
  });

  it('an unknown strategy names the ones there are', async () => {
    const run = await atb(['backtest', '--strategy', 'moon', '--data', data], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: invalid option '--strategy', was "moon": expected one of buy-and-hold, sma-cross, rsi-reversion, bollinger-breakout\n`);
  });

  it('a bad strategy parameter names the parameter, the value and what was expected', async () => {
    const run = await atb(['backtest', '--strategy', 'sma-cross', '--param', 'fast=abc', '--param', 'slow=30', '--param', 'size=1', '--data', data], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: invalid parameter 'fast' of strategy sma-cross, was "abc": a whole number of bars\n`);
  });

  it('a missing data file is a clear error without a stack trace', async () => {
    const run = await atb(['backtest', ...SMA, '--data', join(dir, 'nope.csv')], dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: .*nope\.csv/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('atb backtest is deterministic', () => {
  it('the same inputs give byte-identical --out JSON and the same --json apart from the timings', async () => {
    const args = ['backtest', ...SMA, '--data', data, '--fee-bps', '10', '--slippage-bps', '3'];
    const first = await atb([...args, '--out', join(dir, 'a.json'), '--json'], dir);
    const second = await atb([...args, '--out', join(dir, 'b.json'), '--json'], dir);
    expect(first.code).toBe(0);
    const a = readFileSync(join(dir, 'a.json'));
    expect(a.length).toBeGreaterThan(1_000);
    expect(a.equals(readFileSync(join(dir, 'b.json'))), 'byte-identical reports').toBe(true);
    const withoutTimings = (text: string) => {
      const { elapsedMs, loadMs, ...rest } = JSON.parse(text) as Record<string, unknown>;
      expect(typeof elapsedMs).toBe('number');
      expect(typeof loadMs).toBe('number');
      return rest;
    };
    expect(withoutTimings(first.stdout)).toEqual(withoutTimings(second.stdout));
    // The --out report is the --json object without the timings and the data summary.
    const { data: _data, ...report } = withoutTimings(first.stdout);
    expect(JSON.parse(a.toString('utf8'))).toEqual(report);
  });
});

/**
 * Golden backtest: sma-cross (fast 10, slow 30, size 10) on ../shared/data/SOLUSDT-1h.csv with 10,000 USDT
 * and 10 bps fees must give exactly the committed trade list and final equity in
 * sma-cross-solusdt-1h.json. Any change of engine semantics (fills, fees, rounding, signals) shows up here.
 *
 * When a change is deliberate, rewrite the file and review the diff before committing it:
 *   UPDATE_GOLDEN=1 npx vitest run test/golden
 *
 * Without the shared data the suite skips with one loud line, except under CI=true, where it fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireSharedData, sharedFile } from '../market-data/shared-data.js';
import { atb, tempDir } from '../engine/cli-harness.js';

const GOLDEN = fileURLToPath(new URL('./sma-cross-solusdt-1h.json', import.meta.url));
const ARGS = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30', '--param', 'size=10', '--cash', '10000', '--fee-bps', '10'];

interface GoldenTrade {
  readonly side: string;
  readonly quantity: string;
  readonly entryTime: string;
  readonly entryPrice: string;
  readonly exitTime: string;
  readonly exitPrice: string;
  readonly pnl: string;
  readonly fees: string;
  readonly netPnl: string;
}

interface Golden {
  readonly command: string;
  readonly bars: number;
  readonly finalEquity: string;
  readonly openTrades: number;
  readonly trades: readonly GoldenTrade[];
}

const available = requireSharedData();

describe.skipIf(!available)('golden backtest: sma-cross 10/30 on SOLUSDT-1h', () => {
  it('gives the committed trades and final equity, to the last digit', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const run = await atb(['backtest', ...ARGS, '--data', sharedFile('SOLUSDT-1h.csv'), '--out', out], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Golden & { trades: readonly (GoldenTrade & Record<string, unknown>)[] };
    const actual: Golden = {
      command: `atb backtest ${ARGS.join(' ')} --data ../shared/data/SOLUSDT-1h.csv`,
      bars: report.bars,
      finalEquity: report.finalEquity,
      openTrades: report.openTrades,
      trades: report.trades.map((t) => ({
        side: t.side,
        quantity: t.quantity,
        entryTime: t.entryTime,
        entryPrice: t.entryPrice,
        exitTime: t.exitTime,
        exitPrice: t.exitPrice,
        pnl: t.pnl,
        fees: t.fees,
        netPnl: t.netPnl,
      })),
    };
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
      console.warn(`!!! UPDATE_GOLDEN=1: rewrote ${GOLDEN}; review its diff before committing`);
    }
    expect(existsSync(GOLDEN), 'the golden file exists (UPDATE_GOLDEN=1 writes it)').toBe(true);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
    expect(actual).toEqual(golden);
    expect(golden.trades.length, 'a meaningful golden run').toBeGreaterThan(5);
  });
});

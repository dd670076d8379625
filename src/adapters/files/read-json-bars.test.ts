import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barAt } from '../../domain/market-data/bar.js';
import { loadBars } from './load-bars.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-json-bars-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2024, 0, 1);
const M5 = 300_000;

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('loadBars: JSON [[ts, o, h, l, c, v], …] (CCXT, Freqtrade)', () => {
  it('reads numbers and numeric strings, in Freqtrade file naming', async () => {
    const rows = [
      [T0, 42000.5, 42100, 41900.25, 42050, 12.5],
      [T0 + M5, '42050', '42200.75', '42000', '42150.5', '7.25'],
      [T0 + 2 * M5, 42150.5, 42160, 42100, 42110, 0],
    ];
    const { series, report } = await loadBars(await file('BTC_USDT-5m.json', JSON.stringify(rows)));
    expect(series.instrumentId).toBe('BTC/USDT');
    expect(barAt(series, 1)).toEqual({ instrumentId: 'BTC/USDT', timeframe: '5m', tsOpen: T0 + M5, open: 42050, high: 42200.75, low: 42000, close: 42150.5, volume: 7.25 });
    expect(report).toMatchObject({ format: 'json', rowsRead: 3, barsLoaded: 3, timeframe: '5m' });
  });

  it('names the file line of a bad row in pretty-printed JSON', async () => {
    const text = `[\n  [${T0}, 1, 2, 0.5, 1.5, 10],\n  [${T0 + M5}, 1, 2, 0.5, 1.5, 10],\n  [${T0 + 2 * M5}, 1, 0.4, 0.5, 1.5, 10],\n  [${T0 + 3 * M5}, 1, 2, 0.5, "x", 10]\n]\n`;
    const path = await file('ETH_USDT-5m.json', text);
    await expect(loadBars(path)).rejects.toMatchObject({ code: 'DATA_INVALID', message: `${path}:4: high 0.4 is below low 0.5` });
    const { report } = await loadBars(path, { skipBadRows: true });
    expect(report.skippedBadRows).toEqual({
      count: 2,
      first: [
        { line: 4, reason: 'high 0.4 is below low 0.5' },
        { line: 5, reason: `column 'close' is "x": expected a number` },
      ],
    });
  });

  it('rejects text that is not a JSON array of rows', async () => {
    const broken = await file('SOL_USDT-1h.json', '[[1, 2, 3');
    await expect(loadBars(broken)).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringMatching(new RegExp(`^${broken}: not valid JSON: `)) as unknown });
    const object = await file('ADA_USDT-1h.json', '{"open": 1}');
    await expect(loadBars(object)).rejects.toMatchObject({ message: `${object}:1: expected a JSON array of [timestamp, open, high, low, close, volume] rows` });
    const short = await file('XRP_USDT-1h.json', `[[${T0}, 1, 2]]`);
    await expect(loadBars(short)).rejects.toMatchObject({ message: `${short}:1: row 0 is [${T0},1,2]: expected [timestamp, open, high, low, close, volume]` });
  });
});

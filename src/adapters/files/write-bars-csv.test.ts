import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { loadBars } from './load-bars.js';
import { writeBarsCsv } from './write-bars-csv.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-write-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SYN = instrumentId('SYN/USDT');
const T0 = Date.UTC(2024, 0, 1);

describe('writeBarsCsv', () => {
  it('writes the canonical layout with a comment line and ISO UTC timestamps', async () => {
    const builder = new BarSeriesBuilder();
    builder.push(T0, 100, 101.5, 99.25, 100.125, 1234.5);
    builder.push(T0 + 60_000 + 250, 100.125, 100.2, 0.000_001, 100.1, 0);
    const path = join(dir, 'canonical.csv');
    await writeBarsCsv(builder.build(SYN, timeframe('1m')), path, { comment: 'SYNTHETIC DATA – not market data' });
    expect(await readFile(path, 'utf8')).toBe(
      '# SYNTHETIC DATA – not market data\n' +
        'timestamp,open,high,low,close,volume\n' +
        '2024-01-01T00:00:00Z,100,101.5,99.25,100.125,1234.5\n' +
        '2024-01-01T00:01:00.250Z,100.125,100.2,0.000001,100.1,0\n',
    );
  });

  it('round-trips every double exactly through loadBars', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            low: fc.double({ min: 1e-9, max: 1e15, noNaN: true }),
            spread: fc.double({ min: 0, max: 1e6, noNaN: true }),
            volume: fc.double({ min: 0, max: 1e18, noNaN: true }),
            decimals: fc.integer({ min: 0, max: 9 }),
          }),
          { minLength: 2, maxLength: 50 },
        ),
        async (rows) => {
          const builder = new BarSeriesBuilder();
          rows.forEach((r, i) => {
            // Rounded lows exercise the short-decimal path, raw ones the String() fallback.
            const low = i % 2 === 0 ? Math.round(r.low * 10 ** r.decimals) / 10 ** r.decimals || r.low : r.low;
            const high = low + r.spread;
            builder.push(T0 + i * 3_600_000, high, high, low, low, r.volume);
          });
          const series = builder.build(SYN, timeframe('1h'));
          const path = join(dir, 'SYN_USDT-1h.csv');
          await writeBarsCsv(series, path);
          const loaded = (await loadBars(path)).series;
          for (const column of ['tsOpen', 'open', 'high', 'low', 'close', 'volume'] as const) {
            expect([...loaded[column]], column).toEqual([...series[column]]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBars } from '../../src/adapters/files/load-bars.js';
import { instrumentFromFileName } from '../../src/adapters/files/instrument-from-file-name.js';
import { barAt } from '../../src/domain/market-data/bar.js';
import { instrumentId } from '../../src/domain/instruments/instrument-id.js';
import { requireSharedData, sharedDataDir, sharedFile } from './shared-data.js';

const run = requireSharedData();

/** Rows, timeframe, first and last bar of each file, from ../shared/data/README.md and the files themselves. */
const EXPECTED = [
  {
    file: 'SOLUSDT-1h.csv',
    instrument: 'SOL/USDT',
    rows: 1000,
    timeframe: '1h',
    first: { tsOpen: Date.UTC(2024, 8, 20, 15), open: 147.81, high: 148.78, low: 146.61, close: 147.88, volume: 197950.322 },
    last: { tsOpen: Date.UTC(2024, 10, 1, 6), open: 166.95, high: 167.0, low: 165.29, close: 165.46, volume: 158652.31 },
  },
  {
    file: 'EURUSD-1h.csv',
    instrument: 'EUR/USD',
    rows: 5000,
    timeframe: '1h',
    first: { tsOpen: Date.UTC(2017, 3, 19, 9), open: 1.0716, high: 1.0722, low: 1.07083, close: 1.07219, volume: 1413 },
    last: { tsOpen: Date.UTC(2018, 1, 7, 15), open: 1.23427, high: 1.23444, low: 1.22904, close: 1.22904, volume: 6143 },
  },
  {
    file: 'BTCUSD-1M.csv',
    instrument: 'BTC/USD',
    rows: 156,
    timeframe: '1M',
    first: { tsOpen: Date.UTC(2012, 0, 31), open: 4.58, high: 7.38, low: 3.8, close: 5.55, volume: 2012.25343589 },
    last: { tsOpen: Date.UTC(2024, 11, 31), open: 96515, high: 108364, low: 92092, close: 93381, volume: 25342.80228337 },
  },
  {
    file: 'INDEXFUT-2006-1m.csv',
    instrument: 'IDX/USD',
    rows: 30_889,
    timeframe: '1m',
    first: { tsOpen: Date.UTC(2006, 0, 2, 9, 1), open: 3602, high: 3603, low: 3597, close: 3599, volume: 5699 },
    last: { tsOpen: Date.UTC(2006, 1, 27, 22, 0), open: 3840, high: 3840, low: 3838, close: 3838, volume: 327 },
  },
  {
    file: 'INDEXFUT-2006-5m.csv',
    instrument: 'IDX/USD',
    rows: 2142,
    timeframe: '5m',
    first: { tsOpen: Date.UTC(2006, 0, 2, 9, 5), open: 3578.73, high: 3587.88, low: 3578.73, close: 3582.99, volume: 0 },
    last: { tsOpen: Date.UTC(2006, 0, 30, 17, 30), open: 3679.29, high: 3679.4, low: 3676.31, close: 3677.52, volume: 0 },
  },
  {
    file: 'NVDA-1d.csv',
    instrument: 'NVDA/USD',
    rows: 4012,
    timeframe: '1d',
    first: { tsOpen: Date.UTC(1999, 0, 22), open: 1.75, high: 1.953125, low: 1.552083, close: 1.640625, volume: 67_867_200 },
    last: { tsOpen: Date.UTC(2014, 11, 31), open: 20.4, high: 20.51, low: 19.99, close: 20.049999, volume: 4_157_500 },
  },
] as const;

describe.runIf(run)('the real candle files in ../shared/data', () => {
  it('every bar file in the folder loads without a bad row', async () => {
    const files = readdirSync(sharedDataDir).filter((f) => /\.(csv|txt|json|feather|arrow|ipc)$/i.test(f));
    expect(files.length, `bar files in ${sharedDataDir}`).toBeGreaterThanOrEqual(EXPECTED.length);
    for (const file of files) {
      const given = instrumentFromFileName(file) === undefined ? { instrumentId: instrumentId('ANY/USD') } : {};
      const { report } = await loadBars(sharedFile(file), given);
      expect(report.skippedBadRows.count, file).toBe(0);
      expect(report.duplicates.count, file).toBe(0);
      expect(report.barsLoaded, file).toBe(report.rowsRead);
    }
  });

  it.each(EXPECTED)('$file: $rows bars of $timeframe, first and last as in the file', async (expected) => {
    const derivable = instrumentFromFileName(expected.file) !== undefined;
    const { series, report } = await loadBars(sharedFile(expected.file), derivable ? {} : { instrumentId: instrumentId(expected.instrument) });
    expect(series.instrumentId).toBe(expected.instrument);
    expect(report).toMatchObject({ rowsRead: expected.rows, barsLoaded: expected.rows, timeframe: expected.timeframe, timeframeSource: 'inferred' });
    const frame = { instrumentId: expected.instrument, timeframe: expected.timeframe };
    expect(barAt(series, 0)).toEqual({ ...frame, ...expected.first });
    expect(barAt(series, series.length - 1)).toEqual({ ...frame, ...expected.last });
  });

  it('describes the quirks it read past', async () => {
    const indexFut = await loadBars(sharedFile('INDEXFUT-2006-1m.csv'), { instrumentId: instrumentId('IDX/USD') });
    expect(indexFut.report.layout).toContain('the header names 7 columns but rows have 8: columns 1-2 read as date and time');
    const nvda = await loadBars(sharedFile('NVDA-1d.csv'), { instrumentId: instrumentId('NVDA/USD') });
    expect(nvda.report.layout).toContain("ignored 'Adj Close'");
    expect(nvda.report.gaps.count, 'weekends and holidays are gaps of a daily series').toBeGreaterThan(700);
    const eurusd = await loadBars(sharedFile('EURUSD-1h.csv'));
    expect(eurusd.report.layout).toContain('column 1 (unnamed)');
    const btc = await loadBars(sharedFile('BTCUSD-1M.csv'));
    expect(btc.report.gaps.count, 'consecutive month ends are no gap').toBe(0);
  });

  it('filters a date range', async () => {
    const { series, report } = await loadBars(sharedFile('SOLUSDT-1h.csv'), {
      fromMs: Date.UTC(2024, 9, 1),
      toMs: Date.UTC(2024, 9, 1, 23),
    });
    expect(series.length).toBe(24);
    expect(report.filteredOut).toBe(976);
  });
});

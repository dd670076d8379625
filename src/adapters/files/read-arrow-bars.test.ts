import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompressionType,
  Float64,
  compressionRegistry,
  makeData,
  makeVector,
  Table,
  TimestampNanosecond,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLz4Frame } from '../../../test/market-data/lz4-frame-encoder.js';
import { barAt } from '../../domain/market-data/bar.js';
import { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { decodeLz4Frame } from './decode-lz4-frame.js';
import { loadBars } from './load-bars.js';
import { writeBarsArrow } from './write-bars-arrow.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-arrow-bars-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2024, 0, 1);
const H1 = 3_600_000;

/** Freqtrade's candle schema as pandas writes it: date timestamp[ns, UTC], then float64 prices and volume. */
function freqtradeTable(n: number): Table {
  const ns = new BigInt64Array(n);
  const price = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    ns[i] = BigInt(T0 + i * H1) * 1_000_000n;
    price[i] = 100 + i;
  }
  const float = (values: Float64Array) => makeVector(makeData({ type: new Float64(), length: n, nullCount: 0, data: values }));
  return new Table({
    date: makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: n, nullCount: 0, data: ns })),
    open: float(price),
    high: float(price.map((p) => p + 2)),
    low: float(price.map((p) => p - 1)),
    close: float(price.map((p) => p + 1)),
    volume: float(price.map((p) => p * 10)),
  });
}

describe('loadBars: Arrow IPC / Feather', () => {
  it("reads Freqtrade's schema with nanosecond UTC timestamps", async () => {
    const path = join(dir, 'BTC_USDT-1h.feather');
    await writeFile(path, tableToIPC(freqtradeTable(48), 'file'));
    const { series, report } = await loadBars(path);
    expect(series.length).toBe(48);
    expect(barAt(series, 47)).toEqual({ instrumentId: 'BTC/USDT', timeframe: '1h', tsOpen: T0 + 47 * H1, open: 147, high: 149, low: 146, close: 148, volume: 1470 });
    expect(report).toMatchObject({ format: 'arrow', rowsRead: 48, barsLoaded: 48, timeframe: '1h' });
    expect(report.layout).toContain("time 'date' (timestamp[ns, UTC])");
  });

  it('reads LZ4-compressed files, as pyarrow and Freqtrade write them', async () => {
    compressionRegistry.set(CompressionType.LZ4_FRAME, { encode: encodeLz4Frame, decode: decodeLz4Frame });
    const bytes = tableToIPC(freqtradeTable(500), 'file', CompressionType.LZ4_FRAME);
    const path = join(dir, 'ETH_USDT-1h.feather');
    await writeFile(path, bytes);
    const plain = tableToIPC(freqtradeTable(500), 'file');
    expect(bytes.length, 'the body really is compressed').toBeLessThan(plain.length * 0.8);
    const { series } = await loadBars(path);
    expect(series.length).toBe(500);
    expect(barAt(series, 499)).toMatchObject({ tsOpen: T0 + 499 * H1, open: 599, close: 600 });
  });

  it('round-trips a series through writeBarsArrow (ms timestamps, float64 columns)', async () => {
    const builder = new BarSeriesBuilder();
    for (let i = 0; i < 100; i += 1) builder.push(T0 + i * 60_000, 1 + i / 3, 2 + i / 3, 0.5 + i / 3, 1.5 + i / 3, i * 0.1);
    const series = builder.build(instrumentId('SOL/USDT'), timeframe('1m'));
    const path = join(dir, 'SOL_USDT-1m.arrow');
    await writeBarsArrow(series, path);
    const schema = tableFromIPC(await readFile(path)).schema;
    expect(schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'date:Timestamp<MILLISECOND, UTC>',
      'open:Float64',
      'high:Float64',
      'low:Float64',
      'close:Float64',
      'volume:Float64',
    ]);
    const loaded = (await loadBars(path)).series;
    for (const column of ['tsOpen', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect([...loaded[column]], column).toEqual([...series[column]]);
    }
  });

  it('reports null cells as bad rows by row number', async () => {
    const table = new Table({
      date: vectorFromArray([T0, T0 + H1, T0 + 2 * H1]),
      open: vectorFromArray([1, null, 1], new Float64()),
      high: vectorFromArray([2, 2, 2], new Float64()),
      low: vectorFromArray([0.5, 0.5, 0.5], new Float64()),
      close: vectorFromArray([1, 1, 1], new Float64()),
    });
    const path = join(dir, 'ADA_USDT-1h.ipc');
    await writeFile(path, tableToIPC(table, 'stream'));
    await expect(loadBars(path)).rejects.toMatchObject({ code: 'DATA_INVALID', message: `${path}:row 2: open NaN is not a finite number` });
    const { report } = await loadBars(path, { skipBadRows: true });
    expect(report).toMatchObject({ barsLoaded: 2, skippedBadRows: { count: 1, first: [{ line: 2, reason: 'open NaN is not a finite number' }] } });
  });

  it('names missing columns and unreadable files', async () => {
    const path = join(dir, 'DOT_USDT-1h.feather');
    await writeFile(path, tableToIPC(new Table({ date: vectorFromArray([T0]), price: vectorFromArray([1], new Float64()) }), 'file'));
    await expect(loadBars(path)).rejects.toMatchObject({ code: 'DATA_INVALID', message: `${path}: no 'open', 'high', 'low', 'close' column among 'date', 'price'` });
    const junk = join(dir, 'XRP_USDT-1h.feather');
    await writeFile(junk, 'not arrow at all');
    await expect(loadBars(junk)).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringContaining(`${junk}: not a readable Arrow/Feather file`) as unknown });
  });
});

import { writeFile } from 'node:fs/promises';
import { Float64, makeData, makeVector, Table, TimestampMillisecond, tableToIPC } from 'apache-arrow';
import type { BarSeries } from '../../domain/market-data/bar.js';

/**
 * Writes a series as an uncompressed Arrow IPC file (Feather v2) in Freqtrade's candle schema: `date`
 * timestamp[ms, UTC], then `open`, `high`, `low`, `close`, `volume` as float64.
 */
export async function writeBarsArrow(series: BarSeries, path: string): Promise<void> {
  const n = series.length;
  const ts = new BigInt64Array(n);
  for (let i = 0; i < n; i += 1) ts[i] = BigInt(series.tsOpen[i] ?? 0);
  const float = (values: Float64Array) => makeVector(makeData({ type: new Float64(), length: n, nullCount: 0, data: values }));
  const table = new Table({
    date: makeVector(makeData({ type: new TimestampMillisecond('UTC'), length: n, nullCount: 0, data: ts })),
    open: float(series.open.subarray(0, n)),
    high: float(series.high.subarray(0, n)),
    low: float(series.low.subarray(0, n)),
    close: float(series.close.subarray(0, n)),
    volume: float(series.volume.subarray(0, n)),
  });
  await writeFile(path, tableToIPC(table, 'file'));
}

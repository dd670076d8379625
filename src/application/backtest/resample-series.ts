import { AtbError } from '../../shared/errors.js';
import { timeframeMs, type BarSeries, type Timeframe } from '../../domain/index.js';

/**
 * Aggregates bars into a coarser timeframe, buckets aligned on the epoch (so 1h buckets start on the
 * hour): open of the first bar, highest high, lowest low, close of the last, summed volume. A bucket is
 * emitted only when the data covers its end, so a strategy never sees a higher-timeframe bar before
 * every finer bar inside it has closed. Months are not resampled (their length varies).
 */
export function resampleSeries(series: BarSeries, target: Timeframe): BarSeries {
  const from = timeframeMs(series.timeframe);
  const to = timeframeMs(target);
  if (target.endsWith('M') || to % from !== 0 || to < from) {
    throw new AtbError('INVALID_INPUT', `cannot resample ${series.timeframe} bars into ${target}: the target must be a whole multiple of the source and not months`);
  }
  const n = series.length;
  const cap = Math.ceil(n / (to / from)) + 1;
  const out = { tsOpen: new Float64Array(cap), open: new Float64Array(cap), high: new Float64Array(cap), low: new Float64Array(cap), close: new Float64Array(cap), volume: new Float64Array(cap) };
  let count = 0;
  let bucket = Number.NaN;
  for (let i = 0; i < n; i += 1) {
    const ts = series.tsOpen[i] as number;
    const b = Math.floor(ts / to) * to;
    if (b !== bucket) {
      bucket = b;
      out.tsOpen[count] = b;
      out.open[count] = series.open[i] as number;
      out.high[count] = series.high[i] as number;
      out.low[count] = series.low[i] as number;
      out.volume[count] = 0;
      count += 1;
    }
    const k = count - 1;
    out.high[k] = Math.max(out.high[k] as number, series.high[i] as number);
    out.low[k] = Math.min(out.low[k] as number, series.low[i] as number);
    out.close[k] = series.close[i] as number;
    out.volume[k] = (out.volume[k] as number) + (series.volume[i] as number);
  }
  // Drop a last bucket the data does not reach the end of.
  if (count > 0 && n > 0 && (series.tsOpen[n - 1] as number) + from < (out.tsOpen[count - 1] as number) + to) count -= 1;
  return {
    instrumentId: series.instrumentId,
    timeframe: target,
    length: count,
    tsOpen: out.tsOpen.subarray(0, count),
    open: out.open.subarray(0, count),
    high: out.high.subarray(0, count),
    low: out.low.subarray(0, count),
    close: out.close.subarray(0, count),
    volume: out.volume.subarray(0, count),
  };
}

import { drawdownCurve } from '../../application/analytics/drawdown.js';
import type { BacktestCurves } from '../../application/backtest/backtest-report.js';
import { timeframeMs, type BarSeries } from '../../domain/index.js';

/** At most this many candles (and so curve points and marker slots) are drawn: enough for any screen. */
export const MAX_DISPLAY_BUCKETS = 5_000;

/**
 * What the report page charts, on one time grid shared by candles, equity and drawdown (so the three
 * charts scroll together by logical index). Columns, not objects: a 5,000-bucket page stays small.
 */
export interface ChartData {
  /** The bars' own timeframe and how many bars there were. */
  readonly timeframe: string;
  readonly sourceBars: number;
  /** Display bucket length in ms when bars were aggregated, else null (one candle per bar). */
  readonly bucketMs: number | null;
  /** Bucket open times, UTC seconds, strictly increasing (lightweight-charts' UTCTimestamp). */
  readonly time: readonly number[];
  readonly open: readonly number[];
  readonly high: readonly number[];
  readonly low: readonly number[];
  readonly close: readonly number[];
  readonly volume: readonly number[];
  /** Equity at the last curve point in each bucket; null where the curve has no point. */
  readonly equity: readonly (number | null)[];
  /** Lowest equity in each bucket, only when some bucket holds several points (else null). */
  readonly equityLow: readonly (number | null)[] | null;
  /** Deepest drawdown in each bucket, percent below the running peak of the full-resolution curve. */
  readonly drawdown: readonly (number | null)[];
  /** One marker per bucket and side: [bucket index, 'B' | 'S', number of fills]. */
  readonly markers: readonly (readonly [number, 'B' | 'S', number])[];
  readonly fills: number;
  readonly pricePrecision: number;
}

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const W = 7 * D;
const NICE_BUCKETS_MS = [S, 5 * S, 15 * S, 30 * S, M, 5 * M, 15 * M, 30 * M, H, 2 * H, 4 * H, 6 * H, 12 * H, D, 2 * D, 3 * D, W];

/**
 * Builds the chart columns. When there are more bars than `maxBuckets`, candles are aggregated into
 * epoch-aligned buckets of the smallest round length (5m, 15m, 1h, 4h, 1d, 1w...) that fits, OHLCV
 * combined as a resample would. Curve points map to the bucket of the bar they close (a point stamped
 * at time t belongs to the bucket holding t - 1 ms); fills to the bucket holding their time.
 */
export function buildChartData(candles: BarSeries, curves: BacktestCurves, startingEquity: number, maxBuckets = MAX_DISPLAY_BUCKETS): ChartData {
  const n = candles.length;
  const tfMs = timeframeMs(candles.timeframe);
  const first = candles.tsOpen[0] ?? 0;
  const last = candles.tsOpen[n - 1] ?? 0;
  const bucketMs = n > maxBuckets ? displayBucketMs(first, last, tfMs, maxBuckets) : null;

  const grid: number[] = [];
  const time: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  let minPrice = Infinity;
  for (let i = 0; i < n; i += 1) {
    const ts = candles.tsOpen[i] as number;
    const key = bucketMs === null ? ts : Math.floor(ts / bucketMs) * bucketMs;
    const seconds = Math.floor(key / 1000);
    const k = time.length - 1;
    const h = candles.high[i] as number;
    const l = candles.low[i] as number;
    if (k < 0 || seconds > (time[k] as number)) {
      grid.push(key);
      time.push(seconds);
      open.push(candles.open[i] as number);
      high.push(h);
      low.push(l);
      close.push(candles.close[i] as number);
      volume.push(candles.volume[i] as number);
    } else {
      high[k] = Math.max(high[k] as number, h);
      low[k] = Math.min(low[k] as number, l);
      close[k] = candles.close[i] as number;
      volume[k] = (volume[k] as number) + (candles.volume[i] as number);
    }
    if (l > 0) minPrice = Math.min(minPrice, l);
  }

  const curve = curveColumns(grid, curves, startingEquity);
  return {
    timeframe: candles.timeframe,
    sourceBars: n,
    bucketMs,
    time,
    open: open.map(sig),
    high: high.map(sig),
    low: low.map(sig),
    close: close.map(sig),
    volume: volume.map(sig),
    ...curve,
    markers: markers(grid, curves),
    fills: curves.fills.length,
    pricePrecision: pricePrecision(minPrice),
  };
}

function curveColumns(grid: readonly number[], curves: BacktestCurves, startingEquity: number): Pick<ChartData, 'equity' | 'equityLow' | 'drawdown'> {
  const size = grid.length;
  const equity: (number | null)[] = new Array<number | null>(size).fill(null);
  const equityLow: (number | null)[] = new Array<number | null>(size).fill(null);
  const drawdown: (number | null)[] = new Array<number | null>(size).fill(null);
  // Drawdown needs a positive starting peak; without one the pane stays empty rather than wrong.
  const dd = startingEquity > 0 ? drawdownCurve(curves.equity, curves.length, startingEquity) : undefined;
  let several = false;
  let b = 0;
  for (let i = 0; i < curves.length && size > 0; i += 1) {
    const t = (curves.tsMs[i] as number) - 1;
    while (b + 1 < size && (grid[b + 1] as number) <= t) b += 1;
    const e = curves.equity[i] as number;
    if (equity[b] !== null) several = true;
    equity[b] = e;
    equityLow[b] = Math.min(equityLow[b] ?? e, e);
    if (dd !== undefined) drawdown[b] = Math.max(drawdown[b] ?? 0, dd[i] as number);
  }
  const round = (v: number | null): number | null => (v === null ? null : sig(v));
  return {
    equity: equity.map(round),
    equityLow: several ? equityLow.map(round) : null,
    // Negative so that the area hangs below zero.
    drawdown: drawdown.map((v) => (v === null ? null : v === 0 ? 0 : -Number(v.toFixed(4)))),
  };
}

function markers(grid: readonly number[], curves: BacktestCurves): ChartData['markers'] {
  if (grid.length === 0) return [];
  const counts = new Map<number, number>();
  for (const fill of curves.fills) {
    const slot = bucketOf(grid, fill.tsMs) * 2 + (fill.side === 'BUY' ? 0 : 1);
    counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([slot, count]) => [Math.floor(slot / 2), slot % 2 === 0 ? 'B' : 'S', count] as const);
}

/** Index of the last grid time <= t (0 when t is before the grid). */
function bucketOf(grid: readonly number[], t: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((grid[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function displayBucketMs(first: number, last: number, tfMs: number, maxBuckets: number): number {
  const fits = (d: number): boolean => Math.floor(last / d) - Math.floor(first / d) + 1 <= maxBuckets;
  const nice = NICE_BUCKETS_MS.find((d) => d >= tfMs && d % tfMs === 0 && fits(d));
  if (nice !== undefined) return nice;
  let weeks = Math.max(1, Math.ceil((last - first) / (W * maxBuckets)));
  while (!fits(weeks * W)) weeks += 1;
  return weeks * W;
}

/** Decimals to show prices with: two for prices >= 1, more for small ones (0.00001234 needs eight). */
function pricePrecision(minPrice: number): number {
  if (!Number.isFinite(minPrice)) return 2;
  return Math.min(10, Math.max(2, Math.ceil(-Math.log10(minPrice)) + 3));
}

/** Ten significant digits: exact enough for a chart, and short JSON. */
function sig(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(10)) : 0;
}

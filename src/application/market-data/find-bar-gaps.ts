import type { BarSeries } from '../../domain/market-data/bar.js';
import { timeframeMs } from '../../domain/market-data/timeframe.js';
import type { BarGap } from './bar-load-report.js';
import { monthIndexUtc } from './utc-timestamp.js';

/**
 * Missing bars in a series against its timeframe: wherever consecutive bars are more than one bar apart.
 * Counted on a continuous calendar, so a stock's weekends and holidays count as gaps too; month bars
 * ("1M") are counted in calendar months. Gaps are facts to report, not errors.
 */
export function findBarGaps(
  series: BarSeries,
  examples = 10,
): { count: number; missingBars: number; first: BarGap[] } {
  const first: BarGap[] = [];
  let count = 0;
  let missingBars = 0;
  const monthly = series.timeframe.endsWith('M');
  const stepMs = timeframeMs(series.timeframe);
  const stepMonths = monthly ? Number.parseInt(series.timeframe, 10) : 0;
  const ts = series.tsOpen;
  for (let i = 1; i < series.length; i += 1) {
    const before = ts[i - 1] ?? Number.NaN;
    const after = ts[i] ?? Number.NaN;
    const steps = monthly
      ? Math.round((monthIndexUtc(after) - monthIndexUtc(before)) / stepMonths)
      : Math.round((after - before) / stepMs);
    if (steps > 1) {
      count += 1;
      missingBars += steps - 1;
      if (first.length < examples) first.push({ afterTsOpen: before, nextTsOpen: after, missingBars: steps - 1 });
    }
  }
  return { count, missingBars, first };
}

import { describe, expect, it } from 'vitest';
import { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { findBarGaps } from './find-bar-gaps.js';

function series(times: number[], tf: string) {
  const builder = new BarSeriesBuilder();
  for (const t of times) builder.push(t, 1, 1, 1, 1, 0);
  return builder.build(instrumentId('BTC/USDT'), timeframe(tf));
}

describe('findBarGaps', () => {
  it('counts missing bars between consecutive bars and lists the first few', () => {
    const m = 60_000;
    const gaps = findBarGaps(series([0, m, 4 * m, 5 * m, 7 * m, 8 * m, 20 * m], '1m'), 2);
    expect(gaps).toEqual({
      count: 3,
      missingBars: 2 + 1 + 11,
      first: [
        { afterTsOpen: m, nextTsOpen: 4 * m, missingBars: 2 },
        { afterTsOpen: 5 * m, nextTsOpen: 7 * m, missingBars: 1 },
      ],
    });
  });

  it('counts month bars in calendar months', () => {
    const monthEnds = [Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Date.UTC(2024, 3, 30), Date.UTC(2024, 4, 31)];
    expect(findBarGaps(series(monthEnds, '1M'))).toMatchObject({ count: 1, missingBars: 1 });
  });
});

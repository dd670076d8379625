import { describe, expect, it } from 'vitest';
import { taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { ichimoku } from './ichimoku.js';

describe('ichimoku', () => {
  it('matches technicalindicators\' IchimokuCloud (9, 26, 52) bar for bar, undisplaced', async () => {
    const { IchimokuCloud } = await import('technicalindicators');
    const theirs = IchimokuCloud.calculate({
      high: Array.from(taLibHigh),
      low: Array.from(taLibLow),
      conversionPeriod: 9,
      basePeriod: 26,
      spanPeriod: 52,
      displacement: 26,
    });
    const ours = ichimoku(taLibHigh, taLibLow, 9, 26, 52);
    expect(ours.spanB[50]).toBeNaN();
    expect(theirs).toHaveLength(252 - 51);
    theirs.forEach((row, j) => {
      const i = j + 51;
      expect([ours.conversion[i], ours.base[i], ours.spanA[i], ours.spanB[i]], `bar ${i}`).toEqual([
        row.conversion,
        row.base,
        row.spanA,
        row.spanB,
      ]);
    });
  });

  it('computes the lines as midpoints of the window extremes', () => {
    const out = ichimoku([10, 12, 11], [8, 9, 7], 2, 3, 3);
    expect([out.conversion[2], out.base[2], out.spanA[2], out.spanB[2]]).toEqual([9.5, 9.5, 9.5, 9.5]);
  });
});

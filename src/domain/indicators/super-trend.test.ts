import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { atr } from './atr.js';
import { superTrend } from './super-trend.js';

describe('superTrend', () => {
  // ta4j 0.22.6 golden values on TA-Lib's history, published in TA-Lib ta_regtest test_supertrend.c,
  // checked there (and here) to 1e-12 relative, the trend exactly.
  it.each([
    [7, 2.0, 200, 114.35194013755326, -1],
    [7, 2.0, 225, 100.16118753507284, 1],
    [7, 2.0, 251, 113.53995615951584, -1],
    [5, 1.5, 200, 112.2539514483794, -1],
    [5, 1.5, 225, 101.90280269605175, 1],
    [5, 1.5, 251, 111.78141670443482, -1],
  ])('SuperTrend(%d, %d) at bar %d matches ta4j via TA-Lib test_supertrend.c', (period, factor, bar, line, trend) => {
    const out = superTrend(taLibHigh, taLibLow, taLibClose, period, factor);
    expectNear(out.value[bar], line, 1e-12 * line, 'line');
    expect(out.direction[bar]).toBe(trend);
  });

  it("starts, as TA-Lib, on the ATR's first bar with the unclamped lower band and an up-trend", () => {
    const out = superTrend(taLibHigh, taLibLow, taLibClose, 10, 3);
    const range = atr(taLibHigh, taLibLow, taLibClose, 10)[10] ?? Number.NaN;
    expect(out.value[9]).toBeNaN();
    expect(out.value[10]).toBe(((taLibHigh[10] ?? 0) + (taLibLow[10] ?? 0)) / 2 - 3 * range);
    expect(out.direction[10]).toBe(1);
  });
});

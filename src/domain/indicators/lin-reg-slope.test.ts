import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { linRegSlope } from './lin-reg-slope.js';

describe('linRegSlope', () => {
  it('gives the exact slope of a straight line, even one that a running-sum formula cancels away', () => {
    expect(linRegSlope([1, 3, 5, 7, 9], 3)[4]).toBe(2);
    // TA-Lib ta_regtest test_linearreg.c: "a perfectly straight line at 2^26 rising 2^-26 per bar comes
    // back 21% to 100% wrong" from (n SumXY - SumX SumY) / Divisor. Here it is exact.
    const line = Array.from({ length: 40 }, (_, i) => 2 ** 26 + i * 2 ** -26);
    expect(Array.from(linRegSlope(line, 14).subarray(13)).every((s) => s === 2 ** -26)).toBe(true);
  });

  it('agrees with Tulip Indicators\' linregslope (@ixjb94/indicators) on TA-Lib\'s history', async () => {
    const { IndicatorsSync } = await import('@ixjb94/indicators');
    const theirs = new IndicatorsSync().linregslope(Array.from(taLibClose), 14);
    const ours = linRegSlope(taLibClose, 14);
    expect(ours[12]).toBeNaN();
    theirs.forEach((slope, j) => expectNear(ours[j + 13], slope, 1e-12, `bar ${j + 13}`));
  });

  it('is exactly 0 on a flat window and needs at least two points', () => {
    expect(linRegSlope([9, 1e7, 3, 3, 3, 3], 4)[5]).toBe(0);
    expect(() => linRegSlope([1, 2], 1)).toThrow("invalid argument 'period', was 1: expected an integer >= 2");
  });
});

import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { Rsi, rsi } from './rsi.js';

describe('rsi', () => {
  it('matches TA-Lib ta_regtest (test_rsi.c) RSI(14): Wilder smoothing, warm-up 14', () => {
    const out = rsi(taLibClose, 14);
    expect(out[13]).toBeNaN();
    expectSeries(out, [[14, 49.14], [15, 52.32], [16, 46.07], [251, 49.63]], TA_LIB_BAND, 'RSI(14)');
  });

  it('reads 50 on a flat market (TA-Lib: 0), 100 with only gains and 0 with only losses', () => {
    expect(rsi([5, 5, 5, 5], 3)[3]).toBe(50);
    expect(rsi([1, 2, 3, 4], 3)[3]).toBe(100);
    expect(rsi([4, 3, 2, 1], 3)[3]).toBe(0);
  });

  it('measures the change after a missing bar from the last finite close', () => {
    const indicator = new Rsi(2);
    [10, 11, 12].forEach((x) => indicator.update(x));
    expect(indicator.update(Number.NaN)).toBeUndefined();
    expect(indicator.update(11)).toBe(rsi([10, 11, 12, 11], 2)[3]);
  });
});

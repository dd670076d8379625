import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { atr } from './atr.js';

describe('atr', () => {
  it('matches TA-Lib ta_regtest (test_trange.c) ATR(14): Wilder smoothing seeded with the mean true range', () => {
    const out = atr(taLibHigh, taLibLow, taLibClose, 14);
    expect(out[13]).toBeNaN();
    expectSeries(out, [[14, 3.578], [15, 3.4876], [16, 3.55], [26, 3.245], [27, 3.394], [28, 3.413], [251, 3.26]], TA_LIB_BAND, 'ATR(14)');
  });

  it('is the true range itself for period 1 (TA-Lib)', () => {
    expectSeries(atr(taLibHigh, taLibLow, taLibClose, 1), [[1, 3.535], [13, 9.685], [251, 2.88]], TA_LIB_BAND, 'ATR(1)');
  });

  it('rejects columns of different lengths, naming the column', () => {
    expect(() => atr([1, 2], [1], [1, 2], 1)).toThrow("invalid argument 'low.length', was 1: expected 2, the length of 'high'");
  });
});

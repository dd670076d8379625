import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { Ema, ema } from './ema.js';
import { sma } from './sma.js';

describe('ema', () => {
  it('matches TA-Lib ta_regtest (test_ma.c, default compatibility) EMA(2) and EMA(10)', () => {
    expectSeries(ema(taLibClose, 2), [[1, 93.15], [2, 93.96], [251, 108.21]], TA_LIB_BAND, 'EMA(2)');
    expectSeries(ema(taLibClose, 10), [[9, 93.22], [10, 93.75], [29, 86.46], [251, 108.97]], TA_LIB_BAND, 'EMA(10)');
  });

  it('is seeded with the SMA of the first period inputs (TA-Lib), bit for bit', () => {
    expect(ema(taLibClose, 20)[19]).toBe(sma(taLibClose, 20)[19]);
  });

  it('uses alpha = 2 / (period + 1) and TA-Lib\'s step (x - ema) * alpha + ema', () => {
    const out = ema([1, 2, 3, 10], 3);
    expect(out[2]).toBe(2);
    expect(out[3]).toBe((10 - 2) * 0.5 + 2);
  });

  it('carries over a missing (NaN) bar without counting it', () => {
    const indicator = new Ema(2);
    expect([1, 3, Number.NaN, 5].map((x) => indicator.update(x))).toEqual([undefined, 2, undefined, 2 + (5 - 2) * (2 / 3)]);
    expect(indicator.isReady).toBe(true);
  });
});

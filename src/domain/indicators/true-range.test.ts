import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { trueRange } from './true-range.js';

describe('trueRange', () => {
  it('matches TA-Lib ta_regtest (test_trange.c) TRANGE, starting at bar 1', () => {
    const out = trueRange(taLibHigh, taLibLow, taLibClose);
    expect(out[0]).toBeNaN();
    expectSeries(out, [[1, 3.535], [13, 9.685], [41, 5.125], [251, 2.88]], TA_LIB_BAND, 'TRANGE');
  });

  it('includes gaps from the previous close', () => {
    expect(Array.from(trueRange([10, 15], [9, 14], [9.5, 14.5]))).toEqual([Number.NaN, 5.5]);
  });
});

import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { cci } from './cci.js';

describe('cci', () => {
  it('matches TA-Lib ta_regtest (test_per_hlc.c) CCI(2), CCI(5) and CCI(11)', () => {
    expectSeries(cci(taLibHigh, taLibLow, taLibClose, 2), [[1, 66.666]], TA_LIB_BAND, 'CCI(2)');
    expectSeries(cci(taLibHigh, taLibLow, taLibClose, 5), [[4, 18.857]], TA_LIB_BAND, 'CCI(5)');
    const out = cci(taLibHigh, taLibLow, taLibClose, 11);
    expect(out[9]).toBeNaN();
    expectSeries(out, [[10, 87.927], [11, 180.005]], 1e-3, 'CCI(11)');
    expectSeries(
      out,
      [[12, 143.5190963], [13, -113.8669783], [20, -86.45142995], [30, -0.005587727], [34, 113.4778681], [251, -169.65514]],
      1e-5,
      'CCI(11)',
    );
  });

  it('is 0 on a flat window (TA-Lib, issue #7)', () => {
    const flat = Array.from({ length: 40 }, () => 1.1);
    expect(Array.from(cci(flat, flat, flat, 8).subarray(7)).every((x) => x === 0)).toBe(true);
  });
});

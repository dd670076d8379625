import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { stochastic } from './stochastic.js';

describe('stochastic', () => {
  it('matches TA-Lib ta_regtest (test_stoch.c) STOCH(5, 3 SMA, 3 SMA) and STOCH(5, 3, 4)', () => {
    const slow = stochastic(taLibHigh, taLibLow, taLibClose, 5, 3, 3);
    expect(slow.k[7]).toBeNaN();
    expectSeries(slow.k, [[8, 24.0128], [251, 30.194]], TA_LIB_BAND, '%K');
    expectSeries(slow.d, [[8, 36.254], [251, 43.69]], TA_LIB_BAND, '%D');
    const longer = stochastic(taLibHigh, taLibLow, taLibClose, 5, 3, 4);
    expectSeries(longer.k, [[9, 38.139]], TA_LIB_BAND, '%K (5,3,4)');
    expectSeries(longer.d, [[9, 36.725], [251, 46.641]], TA_LIB_BAND, '%D (5,3,4)');
  });

  it('puts the close of a flat range in the middle (50; TA-Lib: 0)', () => {
    const flat = stochastic([5, 5, 5], [5, 5, 5], [5, 5, 5], 3, 1, 1);
    expect(flat.k[2]).toBe(50);
  });

  it('is 100 at the top of the range and 0 at the bottom', () => {
    const out = stochastic([2, 3, 4], [1, 1, 1], [2, 3, 4], 3, 1, 1);
    expect(out.k[2]).toBe(100);
    expect(stochastic([4, 4, 4], [3, 2, 1], [3, 2, 1], 3, 1, 1).k[2]).toBe(0);
  });
});

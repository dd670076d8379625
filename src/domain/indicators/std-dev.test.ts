import { describe, expect, it } from 'vitest';
import { expectSeries } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { stdDev } from './std-dev.js';

describe('stdDev', () => {
  it('matches TA-Lib ta_regtest (test_stddev.c) STDDEV(5, 1): population deviation', () => {
    const out = stdDev(taLibClose, 5);
    expect(out[3]).toBeNaN();
    expectSeries(out, [[4, 1.2856], [5, 0.4462], [251, 0.7144]], 1e-4, 'STDDEV(5)');
  });

  it('is exactly 0 on a flat window', () => {
    expect(stdDev([3, 1e6, 2, 2, 2], 3)[4]).toBe(0);
  });
});

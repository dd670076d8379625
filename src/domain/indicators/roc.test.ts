import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { roc } from './roc.js';

describe('roc', () => {
  it('matches TA-Lib ta_regtest (test_mom.c) ROC(14)', () => {
    const out = roc(taLibClose, 14);
    expect(out[13]).toBeNaN();
    expectSeries(out, [[14, -0.546], [15, -2.109], [16, -5.53], [20, -4.49], [21, -5.5256], [251, -1.0367]], TA_LIB_BAND, 'ROC(14)');
  });

  it('is undefined when the earlier value is 0 (TA-Lib: 0)', () => {
    expect(roc([0, 5], 1)[1]).toBeNaN();
  });
});

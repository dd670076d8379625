import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { momentum } from './momentum.js';

describe('momentum', () => {
  it('matches TA-Lib ta_regtest (test_mom.c) MOM(14)', () => {
    const out = momentum(taLibClose, 14);
    expect(out[13]).toBeNaN();
    expectSeries(out, [[14, -0.5], [15, -2], [16, -5.22], [20, -4.15], [21, -5.12], [251, -1.13]], TA_LIB_BAND, 'MOM(14)');
  });
});

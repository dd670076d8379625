import { describe, expect, it } from 'vitest';
import { expectSeries } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { williamsR } from './williams-r.js';

describe('williamsR', () => {
  it('matches TA-Lib ta_regtest (test_per_hlc.c) WILLR(14)', () => {
    const out = williamsR(taLibHigh, taLibLow, taLibClose, 14);
    expect(out[12]).toBeNaN();
    expectSeries(
      out,
      [[13, -90.1943], [14, -66.9903], [24, -89.2857], [25, -97.2602], [26, -71.5482], [125, 0], [251, -59.1515]],
      1e-4,
      'WILLR(14)',
    );
  });

  it('puts a flat range in the middle (-50; TA-Lib: 0)', () => {
    expect(williamsR([3, 3], [3, 3], [3, 3], 2)[1]).toBe(-50);
  });
});

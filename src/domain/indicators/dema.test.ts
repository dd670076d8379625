import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { dema } from './dema.js';
import { ema } from './ema.js';

describe('dema', () => {
  it('is 2 * EMA - EMA(EMA) with TA-Lib\'s warm-up of 2 * (period - 1)', () => {
    const first = ema(taLibClose, 14);
    const second = ema(first.subarray(13), 14);
    const out = dema(taLibClose, 14);
    expect(out[25]).toBeNaN();
    for (let i = 26; i < 252; i++) expect(out[i], `bar ${i}`).toBe(2 * (first[i] ?? 0) - (second[i - 13] ?? 0));
  });

  it('converges to TA-Lib ta_regtest (test_ma.c) DEMA(14): 109.4676 on the last bar', () => {
    // TA-Lib tabulates DEMA only in Metastock compatibility, whose different seed has died out by then.
    expectNear(dema(taLibClose, 14)[251], 109.4676, 1e-4, 'DEMA(14)');
  });
});

import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { ema } from './ema.js';
import { tema } from './tema.js';

describe('tema', () => {
  it('is 3 * E1 - 3 * E2 + E3 with TA-Lib\'s warm-up of 3 * (period - 1)', () => {
    const e1 = ema(taLibClose, 14);
    const e2 = ema(e1.subarray(13), 14);
    const e3 = ema(e2.subarray(13), 14);
    const out = tema(taLibClose, 14);
    expect(out[38]).toBeNaN();
    for (let i = 39; i < 252; i++) {
      expect(out[i], `bar ${i}`).toBe((e3[i - 26] ?? 0) + (3 * (e1[i] ?? 0) - 3 * (e2[i - 13] ?? 0)));
    }
  });

  it('converges to TA-Lib ta_regtest (test_ma.c) TEMA(14): 108.418 on the last bar', () => {
    expectNear(tema(taLibClose, 14)[251], 108.418, 1e-3, 'TEMA(14)');
  });
});

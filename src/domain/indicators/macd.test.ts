import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { ema } from './ema.js';
import { Macd, macd } from './macd.js';

describe('macd', () => {
  it('matches TA-Lib ta_regtest (test_macd.c) MACD(12,26,9): -1.9738 / -2.7071 at bar 33', () => {
    const out = macd(taLibClose, 12, 26, 9);
    expect(out.macd[32]).toBeNaN();
    expectNear(out.macd[33], -1.9738, 1e-4, 'MACD line');
    expectNear(out.signal[33], -2.7071, 1e-4, 'signal');
    expectNear(out.histogram[33], -1.9738 - -2.7071, 2e-4, 'histogram');
  });

  it('uses standard EMAs (alpha 2/(n+1), TA-Lib seeding), not Tulip\'s fixed 0.15 / 0.075', () => {
    const out = macd(taLibClose, 12, 26, 9);
    const slow = ema(taLibClose, 26);
    const fast = ema(taLibClose.subarray(26 - 12), 12);
    for (let i = 33; i < 252; i++) expect(out.macd[i], `bar ${i}`).toBe((fast[i - 14] ?? 0) - (slow[i] ?? 0));
  });

  it('rejects slow <= fast instead of silently swapping them', () => {
    expect(() => new Macd(26, 12, 9)).toThrow("invalid argument 'slow', was 12: expected an integer > 26 (fast)");
  });
});

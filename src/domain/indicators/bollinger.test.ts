import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { bollinger } from './bollinger.js';
import { sma } from './sma.js';

describe('bollinger', () => {
  it('matches TA-Lib ta_regtest (test_bbands.c) BBANDS(20, 2, 2, SMA): 98.0734 / 92.8910 / 87.7086', () => {
    const out = bollinger(taLibClose, 20, 2);
    expect(out.middle[18]).toBeNaN();
    expectNear(out.upper[19], 98.0734, 1e-4, 'upper');
    expectNear(out.middle[19], 92.891, 1e-4, 'middle');
    expectNear(out.lower[19], 87.7086, 1e-4, 'lower');
  });

  it('has the SMA as middle band, bit for bit, and a population deviation (divisor n)', () => {
    const out = bollinger(taLibClose, 20, 2);
    expect(Array.from(out.middle)).toEqual(Array.from(sma(taLibClose, 20)));
    const window = Array.from(taLibClose.subarray(232, 252));
    const mean = window.reduce((a, b) => a + b, 0) / 20;
    const deviation = Math.sqrt(window.reduce((a, x) => a + (x - mean) ** 2, 0) / 20);
    expectNear(out.upper[251], (out.middle[251] ?? 0) + 2 * deviation, 1e-9, 'upper band');
  });

  it('collapses onto the price on a flat market', () => {
    const out = bollinger([1, 9, 4, ...Array.from({ length: 20 }, () => 101.1)], 20, 2);
    expect([out.upper[22], out.middle[22], out.lower[22]]).toEqual([101.1, 101.1, 101.1]);
  });

  it('rejects a negative multiplier', () => {
    expect(() => bollinger([1, 2, 3], 2, -1)).toThrow("invalid argument 'k', was -1: expected a finite number >= 0");
  });
});

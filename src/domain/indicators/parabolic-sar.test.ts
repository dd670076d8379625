import { describe, expect, it } from 'vitest';
import { expectSeries } from '../../../test/indicators/expect-near.js';
import { parabolicSar } from './parabolic-sar.js';

// Wilder's own example (New Concepts in Technical Trading Systems, 1978), as transcribed in TA-Lib
// ta_regtest test_sar.c with its expected SAR values.
const wilderHigh = [
  51.12, 52.35, 52.1, 51.8, 52.1, 52.5, 52.8, 52.5, 53.5, 53.5, 53.8, 54.2, 53.4, 53.5, 54.4, 55.2, 55.7, 57, 57.5, 58,
  57.7, 58, 57.5, 57, 56.7, 57.5, 56.7, 56, 56.2, 54.8, 55.5, 54.7, 54, 52.5, 51, 51.5, 51.7, 53,
];
const wilderLow = [
  50, 51.5, 51, 50.5, 51.25, 51.7, 51.85, 51.5, 52.3, 52.5, 53, 53.5, 52.5, 52.1, 53, 54, 55, 56, 56.5, 57, 56.5, 57.3,
  56.7, 56.3, 56.2, 56, 55.5, 55, 54.9, 54, 54.5, 53.8, 53, 51.5, 50, 50.5, 50.2, 51.5,
];

describe('parabolicSar', () => {
  it("reproduces Wilder's example (TA-Lib ta_regtest test_sar.c, 0.02 / 0.2)", () => {
    const out = parabolicSar(wilderHigh, wilderLow, 0.02, 0.2);
    expect(out[0]).toBeNaN();
    expectSeries(out, [[1, 50], [2, 50.047], [5, 50.182], [36, 52.93], [37, 50]], 1e-3, 'SAR');
  });

  it('never sits inside the current bar', () => {
    const out = parabolicSar(wilderHigh, wilderLow);
    for (let i = 1; i < wilderHigh.length; i++) {
      const sar = out[i] ?? Number.NaN;
      expect(sar <= (wilderLow[i] ?? 0) || sar >= (wilderHigh[i] ?? 0), `bar ${i}: ${sar}`).toBe(true);
    }
  });

  it('rejects a maximum below the acceleration', () => {
    expect(() => parabolicSar([1], [1], 0.2, 0.1)).toThrow("invalid argument 'maximum', was 0.1: expected a number >= 0.2 (acceleration)");
  });
});

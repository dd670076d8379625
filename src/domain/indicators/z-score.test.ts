import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { zScore } from './z-score.js';

describe('zScore', () => {
  it('is (x - window mean) / population deviation of the window including x (two-pass definition)', () => {
    const out = zScore(taLibClose, 20);
    for (const i of [19, 100, 251]) {
      const window = Array.from(taLibClose.subarray(i - 19, i + 1));
      const mean = window.reduce((a, b) => a + b, 0) / 20;
      const deviation = Math.sqrt(window.reduce((a, x) => a + (x - mean) ** 2, 0) / 20);
      expectNear(out[i], ((taLibClose[i] ?? 0) - mean) / deviation, 1e-9, `z at ${i}`);
    }
  });

  it('is 0 on a flat window and +/-1 for two alternating values', () => {
    expect(zScore([4, 4, 4], 3)[2]).toBe(0);
    expect(Array.from(zScore([1, 3, 1, 3], 2).subarray(1))).toEqual([1, -1, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { taLibClose, taLibVolume } from '../../../test/indicators/ta-lib-reference-data.js';
import { Obv, obv } from './obv.js';

describe('obv', () => {
  it('starts at the first volume and adds or subtracts each volume by the close direction (TA-Lib OBV)', () => {
    const out = obv(taLibClose, taLibVolume);
    // close 91.5 -> 94.815 (up) -> 94.375 (down): 4077500, +4955900, -4775300.
    expect(Array.from(out.subarray(0, 3))).toEqual([4077500, 9033400, 4258100]);
  });

  it('leaves the total unchanged on an unchanged close', () => {
    expect(Array.from(obv([1, 1, 2], [10, 20, 30]))).toEqual([10, 10, 40]);
  });

  it('differs from technicalindicators only by its start: TA-Lib counts the first bar\'s volume', async () => {
    const { OBV } = await import('technicalindicators');
    const theirs = OBV.calculate({ close: Array.from(taLibClose), volume: Array.from(taLibVolume) });
    const ours = obv(taLibClose, taLibVolume);
    expect(theirs).toHaveLength(251);
    expect(theirs.at(-1)).toBe((ours[251] ?? 0) - (taLibVolume[0] ?? 0));
  });

  it('skips a bar with a missing volume', () => {
    const indicator = new Obv();
    expect([[1, 5], [2, Number.NaN], [3, 7]].map(([c, v]) => indicator.update(c ?? 0, v ?? 0))).toEqual([5, undefined, 12]);
  });
});

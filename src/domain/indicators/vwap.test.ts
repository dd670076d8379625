import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow, taLibVolume } from '../../../test/indicators/ta-lib-reference-data.js';
import { vwap } from './vwap.js';

describe('vwap (rolling)', () => {
  it('is sum(typical price * volume) / sum(volume) over the window', () => {
    const high = [11, 12, 13, 14];
    const low = [9, 10, 11, 12];
    const close = [10, 11, 12, 13];
    const volume = [100, 200, 300, 400];
    const out = vwap(high, low, close, volume, 3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe((10 * 100 + 11 * 200 + 12 * 300) / 600);
    expect(out[3]).toBe((11 * 200 + 12 * 300 + 13 * 400) / 900);
  });

  it('matches a direct computation on TA-Lib\'s reference history (20 bars)', () => {
    const out = vwap(taLibHigh, taLibLow, taLibClose, taLibVolume, 20);
    let turnover = 0;
    let traded = 0;
    for (let i = 232; i < 252; i++) {
      const tp = ((taLibHigh[i] ?? 0) + (taLibLow[i] ?? 0) + (taLibClose[i] ?? 0)) / 3;
      turnover += tp * (taLibVolume[i] ?? 0);
      traded += taLibVolume[i] ?? 0;
    }
    expectNear(out[251], turnover / traded, 1e-9, 'VWAP(20)');
  });

  it('returns the price of a window with one typical price, and undefined without volume', () => {
    expect(vwap([3, 3, 3], [1, 1, 1], [2, 2, 2], [0.1, 0.7, 1e6], 3)[2]).toBe(2);
    expect(vwap([3, 3], [1, 1], [2, 2], [0, 0], 2)[1]).toBeNaN();
  });
});

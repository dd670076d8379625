import { describe, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { keltner } from './keltner.js';

describe('keltner', () => {
  // ta4j 0.22.6 golden values on TA-Lib's history, published in TA-Lib ta_regtest test_kc.c, checked
  // there (and here) to 1e-12 relative: EMA(typical price) +/- multiplier * Wilder ATR.
  it.each([
    [8, 4, 1.5, 200, 115.64127560116764, 109.58860275540715, 103.53592990964667],
    [8, 4, 1.5, 225, 106.9941767789163, 100.77603770649361, 94.55789863407092],
    [8, 4, 1.5, 251, 112.60213497004759, 109.06516670756777, 105.52819844508795],
    [4, 4, 3.0, 200, 119.5676090131952, 107.46226332167424, 95.35691763015329],
    [4, 4, 3.0, 225, 116.34064574172066, 103.90436759687529, 91.46808945202991],
    [4, 4, 3.0, 251, 115.89326431782158, 108.81932779286193, 101.74539126790228],
  ])('KC(%d, %d, %d) at bar %d matches ta4j via TA-Lib test_kc.c', (ema, atr, k, bar, upper, middle, lower) => {
    const out = keltner(taLibHigh, taLibLow, taLibClose, ema, atr, k);
    expectNear(out.upper[bar], upper, 1e-12 * upper, 'upper');
    expectNear(out.middle[bar], middle, 1e-12 * middle, 'middle');
    expectNear(out.lower[bar], lower, 1e-12 * lower, 'lower');
  });
});

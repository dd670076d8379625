import { describe, expect, it } from 'vitest';
import { expectSeries } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { stochRsi } from './stoch-rsi.js';

describe('stochRsi', () => {
  it('matches TA-Lib ta_regtest (test_stoch.c) STOCHRSI(14, 14, 1), (14, 45, 1) and (11, 13, 16)', () => {
    const a = stochRsi(taLibClose, 14, 14, 1, 1);
    expect(a.k[26]).toBeNaN();
    expectSeries(a.k, [[27, 94.156709], [251, 0]], 1e-6, 'STOCHRSI(14,14,1) %K');
    expectSeries(stochRsi(taLibClose, 14, 45, 1, 1).k, [[58, 79.729186], [251, 48.1550743]], 1e-6, 'STOCHRSI(14,45,1) %K');
    const c = stochRsi(taLibClose, 11, 13, 1, 16);
    expectSeries(c.k, [[38, 5.25947], [251, 0]], 1e-5, 'STOCHRSI(11,13,16) %K');
    expectSeries(c.d, [[38, 57.1711], [251, 15.7303]], 1e-4, 'STOCHRSI(11,13,16) %D');
  });

  it('reads a machine-flat RSI window as flat (50), not as full-scale noise (TA-Lib issue #107)', () => {
    // On a flat run, Wilder's averages both decay by 13/14 a bar: the RSI is constant in exact
    // arithmetic and wanders by a few ulps in floating point.
    const moves = [100, 101, 103, 102, 104, 101, 99, 100, 103, 102, 105, 104, 103, 106, 104, 105];
    const out = stochRsi([...moves, ...Array.from({ length: 60 }, () => 105)], 14, 14, 1, 1);
    const settled = Array.from(out.k.subarray(16 + 14));
    expect(settled.every((k) => k === 50), settled.join(', ')).toBe(true);
  });
});

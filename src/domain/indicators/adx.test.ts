import { describe, expect, it } from 'vitest';
import { expectSeries } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { adx } from './adx.js';

describe('adx', () => {
  it('matches TA-Lib ta_regtest (test_adx.c) ADX(14), +DI(14), -DI(14), tabulated rounded to integers', () => {
    const out = adx(taLibHigh, taLibLow, taLibClose, 14);
    expect(out.adx[26]).toBeNaN();
    expectSeries(out.adx, [[27, 23], [28, 22], [250, 17], [251, 16]], 0.5, 'ADX');
    expectSeries(out.plusDi, [[27, 22], [28, 20], [251, 21]], 0.5, '+DI');
    expectSeries(out.minusDi, [[28, 25], [251, 21]], 0.5, '-DI');
  });

  it('reads a strong steady up-trend as +DI 100, -DI 0 and ADX 100', () => {
    const n = 40;
    const high = Array.from({ length: n }, (_, i) => 11 + i);
    const low = Array.from({ length: n }, (_, i) => 10 + i);
    const out = adx(high, low, high, 5);
    expect([out.plusDi[n - 1], out.minusDi[n - 1], out.adx[n - 1]]).toEqual([100, 0, 100]);
  });

  it('counts a bar without range or direction as DI = DX = 0 (TA-Lib skips it)', () => {
    const flat = Array.from({ length: 12 }, () => 7);
    expect(Array.from(adx(flat, flat, flat, 3).adx.subarray(5))).toEqual(Array.from({ length: 7 }, () => 0));
  });
});

import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { wma } from './wma.js';

describe('wma', () => {
  it('matches TA-Lib ta_regtest (test_ma.c) WMA(2) and WMA(30)', () => {
    expectSeries(wma(taLibClose, 2), [[1, 93.71], [2, 94.52], [3, 94.85], [251, 108.16]], TA_LIB_BAND, 'WMA(2)');
    // TA-Lib's table gives 109.3413 for bar 250 and 109.3466 for bar 251; the definition (checked below
    // with a direct sum) gives them the other way round, a swap TA-Lib's 0.01 band cannot see.
    expectSeries(wma(taLibClose, 30), [[29, 88.567], [30, 88.233], [31, 88.034], [58, 87.191], [250, 109.3466], [251, 109.3413]], TA_LIB_BAND, 'WMA(30)');
  });

  it('equals the weighted average written out (weights 1..n, newest heaviest)', () => {
    const window = Array.from(taLibClose.subarray(222, 252));
    const direct = window.reduce((sum, x, j) => sum + (j + 1) * x, 0) / ((30 * 31) / 2);
    expect(Math.abs((wma(taLibClose, 30)[251] ?? Number.NaN) - direct)).toBeLessThan(1e-12);
  });

  it('gives a flat window exactly its value', () => {
    expect(wma([5, 1e9, 0.1, 0.1, 0.1, 0.1], 4)[5]).toBe(0.1);
  });
});

import { describe, expect, it } from 'vitest';
import { expectNear, expectSeries } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow, taLibVolume } from '../../../test/indicators/ta-lib-reference-data.js';
import { mfi } from './mfi.js';

const run = (period: number): Float64Array => mfi(taLibHigh, taLibLow, taLibClose, taLibVolume, period);

describe('mfi', () => {
  it('matches TA-Lib ta_regtest (test_per_hlcv.c) MFI(14), (49), (50), (51) and (100)', () => {
    expect(run(14)[13]).toBeNaN();
    expectSeries(run(14), [[14, 42.8923], [15, 45.6072], [251, 53.1997]], 1e-4, 'MFI(14)');
    expectSeries(run(49), [[49, 44.7902], [50, 43.1963], [251, 57.4806]], 1e-4, 'MFI(49)');
    expectSeries(run(50), [[50, 44.2414], [51, 42.1108], [251, 50.5905]], 1e-4, 'MFI(50)');
    expectSeries(run(51), [[51, 43.1496], [52, 40.7692], [251, 51.7265]], 1e-4, 'MFI(51)');
    expectSeries(run(100), [[100, 50.0166], [101, 50.2648]], 1e-4, 'MFI(100)');
  });

  it('follows the definition where TA-Lib\'s table does not: MFI(100) on the last bar is 48.4265, not 48.8421', () => {
    // Summed directly: 100 flows ending at the last bar, signed by the typical price's direction.
    const tp = (i: number): number => ((taLibHigh[i] ?? 0) + (taLibLow[i] ?? 0) + (taLibClose[i] ?? 0)) / 3;
    let up = 0;
    let down = 0;
    for (let i = 152; i < 252; i++) {
      const flow = tp(i) * (taLibVolume[i] ?? 0);
      if (tp(i) > tp(i - 1)) up += flow;
      else if (tp(i) < tp(i - 1)) down += flow;
    }
    expectNear(run(100)[251], (100 * up) / (up + down), 1e-9, 'MFI(100) by definition');
    expectNear(run(100)[251], 48.4265, 1e-4, 'MFI(100)');
  });

  it('reads 50 when nothing flowed (TA-Lib: 0)', () => {
    expect(mfi([2, 2, 2], [1, 1, 1], [1.5, 1.5, 1.5], [10, 10, 10], 2)[2]).toBe(50);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSeries, TA_LIB_BAND } from '../../../test/indicators/expect-near.js';
import { taLibClose } from '../../../test/indicators/ta-lib-reference-data.js';
import { InvalidValueError } from '../errors.js';
import { Sma, sma } from './sma.js';

/**
 * Batch and streaming SMA of `series` agree value for value, bit for bit (signed zeros and NaN included).
 * The test setup fills every batch output with a sentinel first (perturbOutputs), so an element the batch
 * form leaves unwritten fails here.
 */
function expectBatchIsStreaming(period: number, series: readonly number[]): void {
  const batch = sma(series, period);
  const streaming = new Sma(period);
  const online = series.map((v) => streaming.update(v) ?? Number.NaN);
  // One expect per series, not per value: the long-series test below has 20,000 values per period.
  const wrong = online.findIndex((v, i) => !Object.is(batch[i], v));
  expect(wrong, `SMA(${period}) at ${wrong}: batch ${batch[wrong]}, streaming ${online[wrong]}`).toBe(-1);
}

describe('sma', () => {
  it('matches TA-Lib ta_regtest (test_ma.c) SMA(2) and SMA(30) on its reference history', () => {
    expectSeries(sma(taLibClose, 2), [[1, 93.15], [2, 94.59], [3, 94.73], [251, 108.31]], TA_LIB_BAND, 'SMA(2)');
    const sma30 = sma(taLibClose, 30);
    expectSeries(sma30, [[29, 90.42], [30, 90.21], [31, 89.96], [58, 87.12], [250, 107.95], [251, 108.42]], TA_LIB_BAND, 'SMA(30)');
    expect(sma30[28], 'warm-up of 29 bars').toBeNaN();
  });

  it('does not drift: after volatile values, an SMA over a long flat run is exactly the constant', () => {
    for (const flat of [0.3, 123.456789, 1e-7, 98765.4321]) {
      const values = [0.1, 0.7, 1e6, 3.3e-5, 0.1, 0.7, 1e6, ...Array.from({ length: 5000 }, () => flat)];
      for (const period of [3, 7, 20, 50]) {
        const out = sma(values, period);
        const streaming = new Sma(period);
        const online = values.map((v) => streaming.update(v));
        const wrong = values.findIndex((_, i) => i >= 7 + period - 1 && (out[i] !== flat || online[i] !== flat));
        expect(wrong, `SMA(${period}) over a run of ${flat}: first inexact bar (batch ${out[wrong]}, streaming ${online[wrong]})`).toBe(-1);
      }
    }
    // The same scenario with a plain running sum: the flaw this guards against is real.
    let sum = 0;
    const naive = [0.1, 0.7, 1e6, ...Array.from({ length: 100 }, () => 0.3)].map((v, i, all) => {
      sum += v - (i >= 3 ? (all[i - 3] ?? 0) : 0);
      return sum / 3;
    });
    expect(naive.slice(6).some((m) => m !== 0.3), 'a running sum keeps residue of 1e6').toBe(true);
  });

  it('gives equal windows bit-identical averages anywhere in a series (property)', () => {
    const price = fc.oneof(
      fc.integer({ min: 1, max: 1_000_000 }).map((i) => i / 100),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(price, { minLength: 25, maxLength: 60 }),
        fc.array(price, { maxLength: 80 }),
        (period, block, between) => {
          // block, some other history, then the same block again: both block ends see equal windows.
          const series = [...block, ...between, ...block];
          const out = sma(series, period);
          const firstEnd = block.length - 1;
          const secondEnd = series.length - 1;
          expect(Object.is(out[firstEnd], out[secondEnd]), `SMA(${period}) of equal windows`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the streaming form bit for bit on series full of runs of equal values, signed zeros included (property)', () => {
    // Few distinct values make runs of every length, the case the batch loop tracks by the run's start.
    const value = fc.constantFrom(0, -0, 0.1, 0.3, 1e6, 101.37, -2.5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(value, { minLength: 1, maxLength: 120 }), expectBatchIsStreaming),
      { numRuns: 500 },
    );
  });

  it('agrees with the streaming form bit for bit when values leave the range the batch loop takes four at a time (property)', () => {
    // Prices near 100 take the four-values-per-step path; zeros, short-mantissa values and tiny values sit
    // below it and take the one-value path; values far above or below the first window leave the grid.
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: 50, max: 200, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.5, 3) },
      { weight: 1, arbitrary: fc.double({ min: 1e-12, max: 1e-3, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(1e12, -7e9, Number.NaN, Number.POSITIVE_INFINITY) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), fc.array(value, { minLength: 1, maxLength: 90 }), expectBatchIsStreaming),
      { numRuns: 500 },
    );
  });

  it('agrees with the streaming form on a long series', () => {
    // Mostly prices near 100 (the four-at-a-time path), a zero now and then (the one-value path).
    const series = Array.from({ length: 20_000 }, (_, i) => (i % 997 === 0 ? 0 : 100 + 10 * Math.sin(i / 50) + ((i * 7919) % 1000) / 1000));
    for (const period of [1, 2, 20, 200]) expectBatchIsStreaming(period, series);
  });

  it('lets crossovers stay quiet on a flat market: SMA(10) and SMA(30) are equal bit for bit', () => {
    const values = [...Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i) * 5), ...Array.from({ length: 100 }, () => 101.37)];
    const fast = sma(values, 10);
    const slow = sma(values, 30);
    for (let i = 230; i < values.length; i++) expect(fast[i], `bar ${i}`).toBe(slow[i]);
  });

  it('accepts plain arrays and returns a Float64Array of the same length', () => {
    const out = sma([1, 2, 3, 4], 2);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([Number.NaN, 1.5, 2.5, 3.5]);
  });

  it('rejects a bad period with a message naming the argument and the value', () => {
    expect(() => sma([1, 2, 3], 0)).toThrow(InvalidValueError);
    expect(() => sma([1, 2, 3], 0)).toThrow("invalid argument 'period', was 0: expected an integer >= 1");
    expect(() => new Sma(2.5)).toThrow("invalid argument 'period', was 2.5: expected an integer >= 1");
    expect(() => sma([1], Number.NaN)).toThrow("invalid argument 'period', was NaN");
  });

  it('last is the value as a plain number: NaN until ready, after a reset and while a non-finite input is in the window', () => {
    const s = new Sma(2);
    expect(s.update(1)).toBeUndefined();
    expect(s.last).toBeNaN();
    expect(s.update(3)).toBe(2);
    expect(s.last).toBe(2);
    s.update(Number.NaN);
    expect(s.value).toBeUndefined();
    expect(s.last).toBeNaN();
    s.update(5);
    s.update(7);
    expect(s.last).toBe(s.value);
    s.reset();
    expect(s.last).toBeNaN();
  });

  it('step advances exactly as update does and returns whether a value is ready', () => {
    const values = [4, 1, Number.NaN, 2, 2, 9.5, -3, 0.1, 0.2, 0.3];
    const byUpdate = new Sma(3);
    const byStep = new Sma(3);
    for (const v of values) {
      const updated = byUpdate.update(v);
      const ready = byStep.step(v);
      expect(ready).toBe(updated !== undefined);
      expect(byStep.value).toBe(updated);
      expect(byStep.isReady).toBe(ready);
      expect(Object.is(byStep.last, byUpdate.last)).toBe(true);
    }
  });
});

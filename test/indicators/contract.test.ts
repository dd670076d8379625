// The shared contract every indicator is held to (issue 4, "two forms, one truth"):
// - the batch function and the streaming class agree bit for bit, on TA-Lib's reference history and
//   on real market data from ../shared/data;
// - the warm-up is the documented one (`warmupPeriod`, first defined output, `isReady`);
// - NaN and +/-Infinity inputs follow the documented policy, in both forms;
// - reset() forgets everything.
import { describe, expect, it } from 'vitest';
import { INDICATOR_CASES, type Column, type IndicatorCase } from './indicator-cases.js';
import { loadBars, sharedDataAvailable, type TestBars } from './market-data.js';
import { taLibClose, taLibHigh, taLibLow, taLibVolume } from './ta-lib-reference-data.js';

const taLibBars: TestBars = {
  name: 'TA-Lib ta_regtest history',
  tsOpen: Float64Array.from(taLibClose, (_, i) => Date.UTC(2000, 0, 3) + i * 86_400_000),
  open: taLibClose,
  high: taLibHigh,
  low: taLibLow,
  close: taLibClose,
  volume: taLibVolume,
};

const realBars: readonly TestBars[] = sharedDataAvailable()
  ? [loadBars('SOLUSDT-1h.csv'), loadBars('NVDA-1d.csv')]
  : [];

function runStreaming(c: IndicatorCase, bars: TestBars): Float64Array[] {
  const { push } = c.stream();
  const outputs = c.batch(bars).map((o) => new Float64Array(o.length));
  for (let i = 0; i < bars.close.length; i++) {
    const result = push(bars, i);
    outputs.forEach((o, k) => (o[i] = result?.[k] ?? Number.NaN));
  }
  return outputs;
}

/** Index of the first element that differs bit-wise (Object.is: NaN equals NaN, 0 differs from -0), or -1. */
function firstDifference(a: Float64Array, b: Float64Array, from = 0, shift = 0): number {
  for (let i = from; i < a.length; i++) {
    const j = i - shift;
    if (j < 0 || j >= b.length) continue;
    if (!Object.is(a[i], b[j])) return i;
  }
  return -1;
}

function withValue(bars: TestBars, column: Column, index: number, value: number): TestBars {
  const copy = Float64Array.from(bars[column]);
  copy[index] = value;
  return { ...bars, [column]: copy };
}

function withoutBar(bars: TestBars, index: number): TestBars {
  const drop = (a: Float64Array): Float64Array => Float64Array.from([...a.subarray(0, index), ...a.subarray(index + 1)]);
  return {
    name: bars.name,
    tsOpen: drop(bars.tsOpen),
    open: drop(bars.open),
    high: drop(bars.high),
    low: drop(bars.low),
    close: drop(bars.close),
    volume: drop(bars.volume),
  };
}

describe.each(INDICATOR_CASES)('indicator contract: $name', (c) => {
  it.each([taLibBars, ...realBars])('batch and streaming agree bit for bit on $name', (bars) => {
    const batch = c.batch(bars);
    const streaming = runStreaming(c, bars);
    batch.forEach((output, k) => {
      expect(output.length, 'batch output has the input length').toBe(bars.close.length);
      const at = firstDifference(output, streaming[k] ?? new Float64Array());
      expect(at, `output ${k} differs at index ${at}: batch ${output[at]} vs streaming ${streaming[k]?.[at]}`).toBe(-1);
    });
  });

  it('warms up exactly as documented', () => {
    const { indicator, push } = c.stream();
    expect(indicator.warmupPeriod, 'warmupPeriod').toBe(c.warmup);
    for (let i = 0; i <= c.warmup; i++) {
      const result = push(taLibBars, i);
      expect(result === undefined, `update ${i + 1} defined?`).toBe(i < c.warmup);
      expect(indicator.isReady, `isReady after update ${i + 1}`).toBe(i >= c.warmup);
    }
    for (const output of c.batch(taLibBars)) {
      const first = output.findIndex((x) => !Number.isNaN(x));
      expect(first, 'first defined batch value').toBe(c.warmup);
    }
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'treats %s inputs as documented, in every input column and both forms',
    (bad) => {
      const bars = realBars[0] ?? taLibBars;
      const k = 120;
      const clean = c.batch(bars);
      for (const column of c.columns) {
        const poisoned = withValue(bars, column, k, bad);
        const batch = c.batch(poisoned);
        const streaming = runStreaming(c, poisoned);
        batch.forEach((output, o) => {
          const where = `output ${o}, ${column}[${k}] = ${bad}`;
          expect(firstDifference(output, streaming[o] ?? new Float64Array()), `${where}: batch vs streaming`).toBe(-1);
          const before = firstDifference(output.subarray(0, k), clean[o] ?? new Float64Array());
          expect(before, `${where}: outputs before the bad bar are untouched`).toBe(-1);
          expect(output[k], `${where}: the bad bar's own output`).toBeNaN();
          const policy = c.nonFinite;
          if (policy.kind === 'skip') {
            const deleted = c.batch(withoutBar(bars, k))[o] ?? new Float64Array();
            expect(firstDifference(output, deleted, k + 1, 1), `${where}: later outputs = the series without that bar`).toBe(-1);
          } else if (policy.kind === 'endpoints') {
            expect(output[k + policy.lag], `${where}: NaN again when the bar is the lagged one`).toBeNaN();
            for (const at of [k + 1, k + policy.lag + 1]) {
              expect(Object.is(output[at], clean[o]?.[at]), `${where}: index ${at} as the clean series`).toBe(true);
            }
          } else {
            for (let i = k; i < k + policy.span; i++) expect(output[i], `${where}: index ${i} inside the window`).toBeNaN();
            expect(Number.isFinite(output[k + policy.span]), `${where}: defined again after the window`).toBe(true);
            if (policy.kind === 'window') {
              const after = firstDifference(output, clean[o] ?? new Float64Array(), k + (policy.cleanAfter ?? policy.span));
              expect(after, `${where}: outputs after the window equal the clean series (first diff ${after})`).toBe(-1);
            }
          }
        });
      }
    },
  );

  it.each([0, 3, 17])('agrees with streaming when a non-finite input falls in the warm-up (bar %i)', (k) => {
    for (const column of c.columns) {
      const poisoned = withValue(taLibBars, column, k, Number.NaN);
      const batch = c.batch(poisoned);
      const streaming = runStreaming(c, poisoned);
      batch.forEach((output, o) => {
        const at = firstDifference(output, streaming[o] ?? new Float64Array());
        expect(at, `output ${o}, ${column}[${k}] = NaN: batch vs streaming differ at ${at}`).toBe(-1);
        expect(Number.isFinite(output[251]), `output ${o}: defined again by the last bar`).toBe(true);
      });
    }
  });

  it('reset() forgets every input', () => {
    const { indicator, push } = c.stream();
    const first = Array.from({ length: 100 }, (_, i) => push(taLibBars, i));
    indicator.reset();
    expect(indicator.isReady, 'isReady after reset').toBe(false);
    const second = Array.from({ length: 100 }, (_, i) => push(taLibBars, i));
    expect(second).toEqual(first);
  });
});

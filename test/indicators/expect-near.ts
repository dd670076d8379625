import { expect } from 'vitest';

/** Asserts |actual - expected| <= tolerance, naming the reference in the failure message. */
export function expectNear(actual: number | undefined, expected: number, tolerance: number, what: string): void {
  expect(actual, `${what}: defined`).toBeTypeOf('number');
  const difference = Math.abs((actual ?? Number.NaN) - expected);
  expect(difference <= tolerance, `${what}: got ${actual}, expected ${expected} +/- ${tolerance}`).toBe(true);
}

/** Each [index, expected] pair checked with the same tolerance. */
export function expectSeries(
  series: Float64Array,
  rows: readonly (readonly [number, number])[],
  tolerance: number,
  what: string,
): void {
  for (const [index, expected] of rows) expectNear(series[index], expected, tolerance, `${what} at bar ${index}`);
}

/** TA-Lib's ta_regtest compares with an absolute band of 0.01 (CHECK_EXPECTED_VALUE); so do we. */
export const TA_LIB_BAND = 0.01;

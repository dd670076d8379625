import { describe, expect, it } from 'vitest';
import { inferTimeframe } from './infer-timeframe.js';

const DAY = 86_400_000;
const spaced = (stepsMs: number[], start = Date.UTC(2024, 0, 1)): Float64Array => {
  const ts = [start];
  for (const step of stepsMs) ts.push((ts[ts.length - 1] ?? 0) + step);
  return Float64Array.from(ts);
};

describe('inferTimeframe', () => {
  it.each([
    [60_000, '1m'],
    [300_000, '5m'],
    [5_400_000, '90m'],
    [3_600_000, '1h'],
    [4 * 3_600_000, '4h'],
    [DAY, '1d'],
    [7 * DAY, '1w'],
    [14 * DAY, '2w'],
    [1_000, '1s'],
  ])('spacing %d ms is %s', (stepMs, expected) => {
    const ts = spaced(Array.from({ length: 20 }, () => stepMs));
    expect(inferTimeframe(ts, ts.length)?.timeframe).toBe(expected);
  });

  it('takes the median, so weekends and outages do not matter', () => {
    const week = [DAY, DAY, DAY, DAY, 3 * DAY];
    const ts = spaced([...week, ...week, ...week, 10 * DAY]);
    expect(inferTimeframe(ts, ts.length)).toEqual({ timeframe: '1d', medianMs: DAY });
  });

  it('reads calendar months and quarters from month-end dates', () => {
    const monthEnds = [Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 31), Date.UTC(2024, 3, 30), Date.UTC(2024, 4, 31)];
    expect(inferTimeframe(Float64Array.from(monthEnds), 5)?.timeframe).toBe('1M');
    const quarters = [Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1), Date.UTC(2024, 6, 1), Date.UTC(2024, 9, 1)];
    expect(inferTimeframe(Float64Array.from(quarters), 4)?.timeframe).toBe('3M');
  });

  it('gives up on fewer than two bars and on spacings that are not whole seconds', () => {
    expect(inferTimeframe(Float64Array.of(0), 1)).toBeUndefined();
    expect(inferTimeframe(spaced([1500, 1500, 1500]), 4)).toBeUndefined();
  });

  it('samples long series evenly', () => {
    const ts = new Float64Array(1_000_000);
    for (let i = 0; i < ts.length; i += 1) ts[i] = i * 60_000;
    expect(inferTimeframe(ts, ts.length)?.timeframe).toBe('1m');
  });
});

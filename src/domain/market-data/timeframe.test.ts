import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { timeframe, timeframeMs, type Timeframe } from './timeframe.js';

describe('timeframe', () => {
  it.each([
    ['1s', 1_000],
    ['1m', 60_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['4h', 14_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1M', 2_592_000_000],
    ['9999d', 9999 * 86_400_000],
  ])('%s lasts %i ms', (tf, ms) => {
    expect(timeframeMs(timeframe(tf))).toBe(ms);
  });

  it('tells minutes (m) from months (M)', () => {
    expect(timeframeMs(timeframe('1M')) / timeframeMs(timeframe('1m'))).toBe(43_200);
  });

  it.each(['', '0m', '01m', '1', 'm', '1 m', '1H', '1y', '10000s', '1.5h', '-1m', 60])('rejects %o', (value) => {
    const error = thrown(() => timeframe(value as string, 'interval'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toMatch(/^invalid timeframe 'interval', was .*: expected a count and a unit s, m, h, d, w or M/);
  });

  it('timeframeMs re-checks an unchecked value', () => {
    expect(() => timeframeMs('2x' as Timeframe)).toThrow(InvalidValueError);
  });
});

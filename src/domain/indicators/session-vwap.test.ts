import { describe, expect, it } from 'vitest';
import { expectNear } from '../../../test/indicators/expect-near.js';
import { taLibClose, taLibHigh, taLibLow, taLibVolume } from '../../../test/indicators/ta-lib-reference-data.js';
import { sessionVwap, SessionVwap } from './session-vwap.js';

const HOUR = 3_600_000;

describe('sessionVwap', () => {
  it('restarts at each session and accumulates within it', () => {
    const ts = [0, HOUR, 23 * HOUR, 24 * HOUR, 25 * HOUR];
    const out = sessionVwap([2, 4, 6, 8, 10], [2, 4, 6, 8, 10], [2, 4, 6, 8, 10], [1, 1, 2, 5, 5], ts);
    expect(Array.from(out)).toEqual([2, 3, (2 + 4 + 12) / 4, 8, 9]);
  });

  it('places sessions with an offset (a 14:30 UTC open)', () => {
    const indicator = new SessionVwap(24 * HOUR, 14.5 * HOUR);
    expect(indicator.update(1, 1, 1, 1, 14 * HOUR)).toBe(1);
    expect(indicator.update(3, 3, 3, 1, 14.5 * HOUR)).toBe(3);
  });

  it('equals technicalindicators\' cumulative VWAP over a single session', async () => {
    const { VWAP } = await import('technicalindicators');
    const theirs = VWAP.calculate({ high: Array.from(taLibHigh), low: Array.from(taLibLow), close: Array.from(taLibClose), volume: Array.from(taLibVolume) });
    const ours = sessionVwap(taLibHigh, taLibLow, taLibClose, taLibVolume, new Float64Array(252), 1e12);
    for (const i of [0, 1, 100, 251]) expectNear(ours[i], theirs[i] ?? Number.NaN, 1e-9, `VWAP at ${i}`);
  });

  it('rejects a non-positive session length', () => {
    expect(() => new SessionVwap(0)).toThrow("invalid argument 'sessionMs', was 0: expected a positive integer (milliseconds)");
  });
});

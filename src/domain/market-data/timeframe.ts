import { InvalidValueError } from '../errors.js';

/**
 * A bar interval written as a count and a unit: "1s", "1m", "5m", "1h", "4h", "1d", "1w", "1M" (month).
 * Months have no fixed length, so their duration is only nominal (30 days) and bars of "1M" are aligned
 * on calendar months by whoever produces them.
 */
export type Timeframe = string & { readonly __brand: 'Timeframe' };

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000 } as const;
const PATTERN = /^([1-9]\d{0,3})([smhdwM])$/;

export function timeframe(value: string, field = 'timeframe'): Timeframe {
  if (typeof value !== 'string' || !PATTERN.test(value)) {
    throw new InvalidValueError('timeframe', field, value, 'a count and a unit s, m, h, d, w or M, such as "1m" or "4h"');
  }
  return value as Timeframe;
}

/** Durations already worked out: the engine and the venue ask on every bar that has orders. */
const DURATIONS = new Map<string, number>();

/** The nominal duration of one bar in milliseconds (a month counts as 30 days). */
export function timeframeMs(tf: Timeframe): number {
  const known = DURATIONS.get(tf);
  if (known !== undefined) return known;
  const match = PATTERN.exec(tf);
  if (match === null) throw new InvalidValueError('timeframe', 'timeframe', tf, 'a valid timeframe');
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (DURATIONS.size < 1_000) DURATIONS.set(tf, ms);
  return ms;
}

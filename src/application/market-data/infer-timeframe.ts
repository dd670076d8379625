import { timeframe, type Timeframe } from '../../domain/market-data/timeframe.js';

const DAY_MS = 86_400_000;
const MEAN_MONTH_MS = 30.436_875 * DAY_MS;
const FIXED_UNITS = [
  ['w', 7 * DAY_MS],
  ['d', DAY_MS],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
] as const;
/** The median is taken over at most this many spacings, evenly spread, so inference stays O(n) cheap. */
const MAX_SAMPLES = 10_001;

/**
 * The timeframe of bars whose open times are `tsOpen[0, length)`, from the median spacing between
 * consecutive bars: the median ignores weekends, holidays and outages as long as they are the minority.
 * Spacings of about a month or more become months ("1M", "3M"), since calendar months differ in length.
 * Returns undefined with fewer than two bars or a spacing that is not a whole number of seconds.
 */
export function inferTimeframe(tsOpen: Float64Array, length: number): { timeframe: Timeframe; medianMs: number } | undefined {
  const spacings = length - 1;
  if (spacings < 1) return undefined;
  const samples = Math.min(spacings, MAX_SAMPLES);
  const diffs = new Float64Array(samples);
  for (let k = 0; k < samples; k += 1) {
    const i = samples === spacings ? k + 1 : 1 + Math.floor((k * spacings) / samples);
    diffs[k] = (tsOpen[i] ?? Number.NaN) - (tsOpen[i - 1] ?? Number.NaN);
  }
  diffs.sort();
  const medianMs = diffs[(samples - 1) >> 1] ?? Number.NaN;
  if (!(medianMs > 0)) return undefined;
  if (medianMs >= 27 * DAY_MS) {
    const months = Math.round(medianMs / MEAN_MONTH_MS);
    if (months >= 1 && months <= 9999 && Math.abs(medianMs - months * MEAN_MONTH_MS) <= 0.1 * months * MEAN_MONTH_MS) {
      return { timeframe: timeframe(`${months}M`), medianMs };
    }
  }
  for (const [unit, unitMs] of FIXED_UNITS) {
    const count = medianMs / unitMs;
    if (Number.isInteger(count) && count <= 9999) return { timeframe: timeframe(`${count}${unit}`), medianMs };
  }
  return undefined;
}

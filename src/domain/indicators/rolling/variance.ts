/**
 * Population variance of a window from the exact means of its values and of their squares, in O(1).
 *
 * `mean(x^2) - mean(x)^2` is off by about 2^-50 * mean^2, i.e. 2^-50 * k^2 relative with the condition
 * number k = |mean| / deviation. Up to k = 2^10 (a deviation of at least ~0.1% of the level: daily,
 * hourly and most intraday price windows) that stays below 1e-9 relative, within the tolerance TA-Lib's
 * own variance oracle allows (1e-9 + 100 k eps, ta_regtest #118). Beyond it the caller recomputes the
 * window with `twoPassVariance`, O(period) but accurate to ~period * eps. The choice depends only on the
 * window's values, so equal windows still give equal results. Returns NaN to ask for the two passes.
 */
export function varianceFromMeans(meanOfSquares: number, mean: number): number {
  const meanSquared = mean * mean;
  const variance = meanOfSquares - meanSquared;
  return variance * 1_048_576 < meanSquared ? Number.NaN : variance;
}

/**
 * Corrected two-pass population variance (Bjorck) of `count` values of `ring` starting at `start` and
 * wrapping at the ring's end, around `mean`: error about count * 2^-53 relative, whatever the level.
 */
export function twoPassVariance(ring: Float64Array, start: number, count: number, mean: number): number {
  const end = start + count;
  const wrapped = end > ring.length ? end - ring.length : 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let j = start; j < end - wrapped; j++) {
    const deviation = (ring[j] ?? 0) - mean;
    sum += deviation;
    sumOfSquares += deviation * deviation;
  }
  for (let j = 0; j < wrapped; j++) {
    const deviation = (ring[j] ?? 0) - mean;
    sum += deviation;
    sumOfSquares += deviation * deviation;
  }
  const variance = (sumOfSquares - (sum * sum) / count) / count;
  return variance > 0 ? variance : 0;
}

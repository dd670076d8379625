export interface MaxDrawdown {
  /** Deepest fall below the running peak, percent of that peak (>= 0; above 100 only if equity went negative). */
  readonly depthPct: number;
  /** Longest time from a peak to the first point back at or above it, or to the last point if never regained. */
  readonly durationMs: number;
}

/**
 * Maximum drawdown of a per-bar equity curve, the running peak starting at `startingEquity` stamped at
 * `startTsMs` (so a loss on the first bar counts). A drawdown starts at the LAST point at the peak (a
 * flat stretch at the top is not under water) and ends at the first point back at or above the peak; one
 * that is never regained runs to the last point. `startingEquity` must be positive.
 */
export function maxDrawdown(tsMs: Float64Array, equity: Float64Array, length: number, startingEquity: number, startTsMs: number): MaxDrawdown {
  let peak = startingEquity;
  let peakTs = startTsMs;
  let underWater = false;
  let depth = 0;
  let duration = 0;
  for (let i = 0; i < length; i += 1) {
    const e = equity[i] as number;
    const t = tsMs[i] as number;
    if (e >= peak) {
      if (underWater) duration = Math.max(duration, t - peakTs);
      underWater = false;
      peak = e;
      peakTs = t;
    } else {
      underWater = true;
      depth = Math.max(depth, (peak - e) / peak);
    }
  }
  if (underWater && length > 0) duration = Math.max(duration, (tsMs[length - 1] as number) - peakTs);
  return { depthPct: depth * 100, durationMs: duration };
}

/**
 * The drawdown at every point, percent below the running peak (0 at a new high), the peak starting at
 * `startingEquity`. For charts: the same definition as `maxDrawdown`, so the deepest point of this
 * curve is the reported maximum drawdown. `startingEquity` must be positive.
 */
export function drawdownCurve(equity: Float64Array, length: number, startingEquity: number): Float64Array {
  const out = new Float64Array(length);
  let peak = startingEquity;
  for (let i = 0; i < length; i += 1) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    out[i] = ((peak - e) / peak) * 100;
  }
  return out;
}

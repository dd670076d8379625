// Hand-written: the application layer takes no vendor packages, and each statistic is a few lines whose
// exact convention (sample vs population, quantile rule) the README states.

export function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i += 1) sum += xs[i] as number;
  return sum / xs.length;
}

/** Sample standard deviation (divisor n - 1), two-pass for accuracy. */
export function sampleStdDev(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let sum = 0;
  for (let i = 0; i < xs.length; i += 1) {
    const d = (xs[i] as number) - m;
    sum += d * d;
  }
  return Math.sqrt(sum / (xs.length - 1));
}

/**
 * Downside deviation against a target of 0: the root mean square of min(r, 0) over ALL n returns
 * (Sortino & Price's convention; days above the target count as zero, they are not dropped).
 */
export function downsideDeviation(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i += 1) {
    const r = xs[i] as number;
    if (r < 0) sum += r * r;
  }
  return Math.sqrt(sum / xs.length);
}

/**
 * Historical value at risk and expected shortfall (CVaR) at `level`, as positive losses (fractions).
 * With the returns sorted ascending and k = ceil((1 - level) * n), VaR is minus the k-th worst return
 * and CVaR minus the mean of the k worst, so CVaR >= VaR; no interpolation. VaR is negative when even
 * the k-th worst return was a gain.
 */
export function historicalTailRisk(xs: ArrayLike<number>, level: number): { readonly valueAtRisk: number; readonly expectedShortfall: number } {
  const sorted = Float64Array.from(xs).sort();
  // 1 - 0.95 is 0.05000000000000004 in binary: without the nudge 40 returns would give k = 3, not 2.
  const k = Math.max(1, Math.ceil((1 - level) * sorted.length - 1e-9));
  let tail = 0;
  for (let i = 0; i < k; i += 1) tail += sorted[i] as number;
  return { valueAtRisk: -(sorted[k - 1] as number), expectedShortfall: -tail / k };
}

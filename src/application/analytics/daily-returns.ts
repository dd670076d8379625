const DAY_MS = 86_400_000;

export type DailyReturns = { readonly ok: true; readonly returns: Float64Array } | { readonly ok: false; readonly reason: string };

/**
 * Simple daily returns of an equity curve whose points are stamped at bar close times.
 *
 * The equity at the end of a UTC day is the last point stamped within it; a point stamped exactly at
 * 00:00 closes the day before (a 1d bar opened on Monday closes at Tuesday 00:00 and is Monday's), so
 * the day of a point is the UTC day of `tsMs - 1`. The first day's return is measured from
 * `startingEquity`, each later one from the previous day's end. Days without any point (gaps in the
 * data) are skipped: the next return spans them. A non-positive equity to measure from has no return.
 */
export function dailyReturns(tsMs: Float64Array, equity: Float64Array, length: number, startingEquity: number): DailyReturns {
  const out = new Float64Array(countDays(tsMs, length));
  let previous = startingEquity;
  let count = 0;
  for (let i = 0; i < length; i += 1) {
    const isLastOfDay = i === length - 1 || dayOf(tsMs[i] as number) !== dayOf(tsMs[i + 1] as number);
    if (!isLastOfDay) continue;
    if (!(previous > 0)) {
      return { ok: false, reason: `equity was ${String(previous)} at the end of a day: a return needs a positive equity to measure from` };
    }
    const current = equity[i] as number;
    out[count] = current / previous - 1;
    count += 1;
    previous = current;
  }
  return { ok: true, returns: out };
}

function dayOf(tsMs: number): number {
  return Math.floor((tsMs - 1) / DAY_MS);
}

function countDays(tsMs: Float64Array, length: number): number {
  let days = 0;
  for (let i = 0; i < length; i += 1) {
    if (i === length - 1 || dayOf(tsMs[i] as number) !== dayOf(tsMs[i + 1] as number)) days += 1;
  }
  return days;
}

import type { Timeframe } from '../../domain/market-data/timeframe.js';
import { timeframeMs } from '../../domain/market-data/timeframe.js';

/**
 * SQL for the gaps of one stored series, as find-bar-gaps.ts counts them for a loaded file: between
 * consecutive bars (lag() over the open times), `steps` = the distance in bars rounded to a whole
 * number; a gap is steps > 1 with steps - 1 missing bars. Month bars ("1M") step in calendar months
 * (UTC). Parameters: $1 instrument id, $2 timeframe; the step is a number we computed, not user text.
 */
export function barStepsSql(tf: Timeframe): string {
  const monthly = tf.endsWith('M');
  const steps = monthly
    ? `round((${monthIndex('ts_open')} - ${monthIndex('prev')}) / ${Number.parseInt(tf, 10)}::numeric)`
    : `round((ts_open - prev)::numeric / ${timeframeMs(tf)})`;
  return `SELECT prev, ts_open, ${steps} AS steps FROM (
    SELECT ts_open, lag(ts_open) OVER (ORDER BY ts_open) AS prev
    FROM bars WHERE instrument_id = $1 AND timeframe = $2
  ) AS pairs`;
}

/** Months since year 0 of an epoch-milliseconds column, in UTC. */
function monthIndex(column: string): string {
  const at = `(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;
  return `(extract(year FROM ${at}) * 12 + extract(month FROM ${at}))`;
}

import type { BarSeries } from '../../domain/market-data/bar.js';
import { timeframe as checkTimeframe } from '../../domain/market-data/timeframe.js';
import { AtbError } from '../../shared/errors.js';

/** The longest instrument id stored (the bars table checks it too). */
export const MAX_INSTRUMENT_ID_LENGTH = 64;

/**
 * Rejects, before anything is written, a series the bars table must not hold: an instrument id that is
 * empty, longer than 64 characters or contains a NUL, an invalid timeframe, open times that are not
 * strictly increasing safe integers, prices or volumes that are not finite. Any other text (quotes,
 * semicolons, SQL) is stored literally. Throws AtbError INVALID_INPUT naming the field and the value.
 */
export function checkStorableSeries(series: BarSeries): void {
  const id: string = series.instrumentId;
  if (id.length === 0 || id.length > MAX_INSTRUMENT_ID_LENGTH || id.includes('\0')) {
    const shown = id.length > 80 ? `${JSON.stringify(id.slice(0, 40))}… (${id.length} characters)` : JSON.stringify(id);
    throw new AtbError(
      'INVALID_INPUT',
      `invalid instrument id, was ${shown}: expected 1 to ${MAX_INSTRUMENT_ID_LENGTH} characters without NUL`,
      { field: 'instrumentId', length: id.length },
    );
  }
  try {
    checkTimeframe(series.timeframe);
  } catch (error) {
    const shown = series.timeframe.length > 40 ? `${JSON.stringify(series.timeframe.slice(0, 20))}…` : JSON.stringify(series.timeframe);
    throw new AtbError('INVALID_INPUT', `invalid timeframe, was ${shown}: expected a count and a unit such as "1m" or "4h"`, {
      field: 'timeframe',
    }, { cause: error });
  }
  let previous = -Infinity;
  for (let i = 0; i < series.length; i++) {
    const ts = series.tsOpen[i] ?? Number.NaN;
    if (!Number.isSafeInteger(ts) || ts <= previous) {
      throw invalidBar(series, i, 'tsOpen', ts, 'integer epoch milliseconds, strictly increasing');
    }
    previous = ts;
  }
  // Column by column: a million-bar check allocates nothing.
  const columns = { open: series.open, high: series.high, low: series.low, close: series.close, volume: series.volume };
  for (const [field, column] of Object.entries(columns)) {
    for (let i = 0; i < series.length; i++) {
      const value = column[i] ?? Number.NaN;
      if (!Number.isFinite(value)) throw invalidBar(series, i, field, value, 'a finite number');
    }
  }
}

function invalidBar(series: BarSeries, index: number, field: string, value: number, expected: string): AtbError {
  return new AtbError('INVALID_INPUT', `invalid bar ${index} of ${series.instrumentId} ${series.timeframe}, ${field} was ${value}: expected ${expected}`, {
    field,
    index,
    value,
  });
}

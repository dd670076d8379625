// Real bars from ../shared/data for the indicator tests: just the two simple layouts, parsed by a tiny
// reader (the product's own loader handles every layout; tests must not depend on it).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestBars {
  readonly name: string;
  readonly tsOpen: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

const SHARED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

/**
 * True when the shared data folder is present. Absent outside CI: the caller skips, with one loud
 * line. Under CI=true an absent folder is a failure, never a silent skip.
 */
export function sharedDataAvailable(): boolean {
  if (existsSync(SHARED_DATA_DIR)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but the shared market data is missing at ${SHARED_DATA_DIR}`);
  console.warn(`!!! SKIPPING real-data indicator tests: ${SHARED_DATA_DIR} not found`);
  return false;
}

/** `timestamp,Open,High,Low,Close,Volume` (SOLUSDT-1h) or `Date,Open,High,Low,Close,Adj Close,Volume` (NVDA-1d). */
export function loadBars(file: 'SOLUSDT-1h.csv' | 'NVDA-1d.csv'): TestBars {
  const lines = readFileSync(resolve(SHARED_DATA_DIR, file), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const at = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file}: no column ${name} in ${header.join(',')}`);
    return index;
  };
  const columns = { open: at('Open'), high: at('High'), low: at('Low'), close: at('Close'), volume: at('Volume') };
  const rows = lines.slice(1).map((line) => line.split(','));
  const column = (index: number): Float64Array => Float64Array.from(rows, (r) => Number(r[index]));
  return {
    name: file,
    tsOpen: Float64Array.from(rows, (r) => parseUtc(r[0] ?? '')),
    open: column(columns.open),
    high: column(columns.high),
    low: column(columns.low),
    close: column(columns.close),
    volume: column(columns.volume),
  };
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, both UTC, to epoch milliseconds. */
function parseUtc(text: string): number {
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`);
}

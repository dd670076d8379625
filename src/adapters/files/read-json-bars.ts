import type { ValidatingBarSink } from '../../application/market-data/validating-bar-sink.js';
import { parseUtcDateTime } from '../../application/market-data/utc-timestamp.js';
import { describeValue } from '../../domain/errors.js';
import { AtbError } from '../../shared/errors.js';
import { parseDecimalField } from './parse-decimal-field.js';

const FIELDS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Reads `[[ts, open, high, low, close, volume], …]`, the array-of-arrays form CCXT returns and Freqtrade
 * stores. Values may be numbers or numeric strings; the timestamp is epoch milliseconds (seconds when
 * below 1e11, as elsewhere) or date-time text; a missing sixth value means volume 0. Returns the layout
 * description. JSON.parse does the parsing: JSON files are not the bulk format, and it is exact.
 */
export function readJsonBars(file: string, text: string, sink: ValidatingBarSink): string {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new AtbError('DATA_INVALID', `${file}: not valid JSON: ${(error as Error).message}`, { file }, { cause: error });
  }
  if (!Array.isArray(data)) {
    throw new AtbError('DATA_INVALID', `${file}:1: expected a JSON array of [timestamp, open, high, low, close, volume] rows`, {
      file,
      line: 1,
    });
  }
  const values = new Float64Array(6);
  for (let row = 0; row < data.length; row += 1) {
    const item: unknown = data[row];
    if (!Array.isArray(item) || item.length < 5) {
      sink.reject(row, `row ${row} is ${describeValue(item)}: expected [timestamp, open, high, low, close, volume]`);
      continue;
    }
    let bad = -1;
    for (let k = 0; k < 6; k += 1) {
      const value = k === 5 && item.length === 5 ? 0 : toNumber(item[k], k === 0);
      values[k] = value;
      if (bad < 0 && !Number.isFinite(value)) bad = k;
    }
    if (bad >= 0) {
      const expected = bad === 0 ? 'epoch milliseconds or a date-time' : 'a number';
      sink.reject(row, `column '${FIELDS[bad] ?? ''}' is ${describeValue(item[bad])}: expected ${expected}`);
      continue;
    }
    const ts = values[0] ?? Number.NaN;
    sink.accept(
      row,
      ts < 1e11 ? ts * 1000 : ts,
      values[1] ?? Number.NaN,
      values[2] ?? Number.NaN,
      values[3] ?? Number.NaN,
      values[4] ?? Number.NaN,
      values[5] ?? Number.NaN,
    );
  }
  return 'JSON array of [timestamp, open, high, low, close, volume] rows; timestamp in epoch ms (s below 1e11) or text';
}

function toNumber(value: unknown, isTime: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const number = parseDecimalField(value, 0, value.length);
  if (!Number.isNaN(number) || !isTime) return number;
  return parseUtcDateTime(value, 0, value.length);
}

/**
 * The sink's `locate` for a JSON text: array index to the 1-based line the element starts on. The lines
 * are counted on the first call only, since they are needed only for messages.
 */
export function jsonRowLocator(text: string): (row: number) => number {
  let lines: readonly number[] | undefined;
  return (row) => (lines ??= rowLines(text))[row] ?? 0;
}

/** The 1-based line on which each element of the top-level array starts. */
function rowLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      if (depth === 1) starts.push(line);
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (depth === 1) starts.push(line);
      depth += 1;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    } else if (depth === 1 && c !== 0x2c && c > 0x20 && isValueStart(text, i)) {
      starts.push(line);
    }
  }
  return starts;
}

/** A scalar at depth 1 (a number, true, false or null) starts where the previous character is not part of it. */
function isValueStart(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  return prev === 0x2c || prev === 0x5b || prev <= 0x20;
}

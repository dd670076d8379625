import type { BarSeries } from '../../domain/market-data/bar.js';
import type { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';

/**
 * PostgreSQL's binary COPY format for bars, hand-written because it is small and the hot path of
 * ingest and reads: numbers are written and read as IEEE doubles and 64-bit integers with a DataView,
 * with no text formatting or parsing and no object per row (about twice as fast as text COPY).
 * @see https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const HEADER_BYTES = SIGNATURE.length + 8; // + flags (int32) + header extension length (int32)
const TWO_POW_32 = 4_294_967_296;
const NUMERIC_FIELDS = 6; // ts_open, open, high, low, close, volume
const FIELD_BYTES = 4 + 8;

function header(): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  bytes.set(SIGNATURE);
  return bytes; // flags 0, no header extension
}

function trailer(): Uint8Array {
  return new Uint8Array([0xff, 0xff]); // field count -1
}

/**
 * Rows `start` to `end` (exclusive) of a series as one complete binary COPY input for the columns
 * (instrument_id, timeframe, ts_open, open, high, low, close, volume), in chunks of `rowsPerChunk` rows.
 * `onRows` hears the number of rows encoded so far as each chunk is handed over.
 */
export function* encodeBarRows(
  series: BarSeries,
  start: number,
  end: number,
  rowsPerChunk: number,
  onRows?: (rows: number) => void,
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const instrument = encoder.encode(series.instrumentId);
  const timeframe = encoder.encode(series.timeframe);
  // The first three fields of every row are the same bytes: count, instrument id, timeframe.
  const prefix = new Uint8Array(2 + 4 + instrument.length + 4 + timeframe.length);
  const prefixView = new DataView(prefix.buffer);
  prefixView.setInt16(0, 2 + NUMERIC_FIELDS);
  prefixView.setInt32(2, instrument.length);
  prefix.set(instrument, 6);
  prefixView.setInt32(6 + instrument.length, timeframe.length);
  prefix.set(timeframe, 10 + instrument.length);
  const rowBytes = prefix.length + NUMERIC_FIELDS * FIELD_BYTES;
  const { tsOpen, open, high, low, close, volume } = series;

  yield header();
  for (let from = start; from < end; from += rowsPerChunk) {
    const to = Math.min(end, from + rowsPerChunk);
    const chunk = new Uint8Array((to - from) * rowBytes);
    const view = new DataView(chunk.buffer);
    let at = 0;
    for (let i = from; i < to; i++) {
      chunk.set(prefix, at);
      at += prefix.length;
      const ts = tsOpen[i] ?? 0;
      const hi = Math.floor(ts / TWO_POW_32);
      view.setInt32(at, 8);
      view.setInt32(at + 4, hi);
      view.setUint32(at + 8, ts - hi * TWO_POW_32);
      view.setInt32(at + 12, 8);
      view.setFloat64(at + 16, open[i] ?? 0);
      view.setInt32(at + 24, 8);
      view.setFloat64(at + 28, high[i] ?? 0);
      view.setInt32(at + 36, 8);
      view.setFloat64(at + 40, low[i] ?? 0);
      view.setInt32(at + 48, 8);
      view.setFloat64(at + 52, close[i] ?? 0);
      view.setInt32(at + 60, 8);
      view.setFloat64(at + 64, volume[i] ?? 0);
      at += NUMERIC_FIELDS * FIELD_BYTES;
    }
    yield chunk;
    onRows?.(to - start);
  }
  yield trailer();
}

/**
 * Appends the rows of a complete binary COPY output of (ts_open, open, high, low, close, volume) to
 * `builder`; returns the number of rows. Throws on anything else (a bug: the query is ours).
 */
export function decodeBarRows(bytes: Uint8Array, builder: BarSeriesBuilder): number {
  if (bytes.length === 0) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < SIGNATURE.length; i++) {
    if (bytes[i] !== SIGNATURE[i]) throw new Error('not a PostgreSQL binary COPY stream');
  }
  let at = HEADER_BYTES + view.getInt32(SIGNATURE.length + 4);
  let rows = 0;
  for (;;) {
    const fields = view.getInt16(at);
    if (fields === -1) return rows;
    if (fields !== NUMERIC_FIELDS) throw new Error(`expected ${NUMERIC_FIELDS} columns in a bar row, got ${fields}`);
    at += 2;
    for (let f = 0; f < NUMERIC_FIELDS; f++) {
      if (view.getInt32(at + f * FIELD_BYTES) !== 8) throw new Error('a bar column is NULL or not 8 bytes wide');
    }
    builder.push(
      view.getInt32(at + 4) * TWO_POW_32 + view.getUint32(at + 8),
      view.getFloat64(at + 16),
      view.getFloat64(at + 28),
      view.getFloat64(at + 40),
      view.getFloat64(at + 52),
      view.getFloat64(at + 64),
    );
    at += NUMERIC_FIELDS * FIELD_BYTES;
    rows++;
  }
}

import type { FileHandle } from 'node:fs/promises';
import { parseTimeOfDay, parseUtcDate, parseUtcDateTime } from '../../application/market-data/utc-timestamp.js';
import { CsvColumnRole, ROLE_NAMES } from './csv-column-role.js';
import type { CsvLayout } from './csv-layout.js';
import { contentStart, utf8 } from './latin1-text.js';
import { numberEnd, parseDecimalField, parseNumberAt } from './parse-decimal-field.js';

/** How many comment lines a scan keeps for the report. */
export const COMMENTS_KEPT = 3;
const EPOCH_TO_MS = { 'epoch-s': 1000, 'epoch-ms': 1, 'epoch-us': 1e-3, 'epoch-ns': 1e-6, iso: 1 } as const;

const FILE_PIECE_BYTES = 8 * 1024 * 1024;

/** Where scanned rows go: ValidatingBarSink, or a recorder that a worker thread sends back (csv-scan-worker.ts). */
export interface BarRowSink {
  accept(position: number, ts: number, open: number, high: number, low: number, close: number, volume: number): void;
  reject(position: number, reason: string): void;
}

/** A part of a file: bytes [start, end), where start is 0 or follows a line end. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Scans a CSV file from disk in pieces of `pieceBytes` cut at line ends, so the peak memory is one piece
 * (its bytes and its text) rather than the whole file twice: a 1M-bar file is 57 MB. With `range`, only
 * those bytes: line numbers then count from the range's start, and a range that does not start the file
 * has no header line (the caller adds the lines before it).
 */
export async function scanCsvFile(
  file: FileHandle,
  layout: CsvLayout,
  sink: BarRowSink,
  pieceBytes = FILE_PIECE_BYTES,
  range?: ByteRange,
): Promise<ScanPosition> {
  const start = range?.start ?? 0;
  const end = range?.end ?? Number.POSITIVE_INFINITY;
  const scanLayout = start === 0 ? layout : { ...layout, headerLine: 0 };
  let position: ScanPosition = start === 0 ? FILE_START : PART_START;
  let offset = start; // file offset of the next read
  let buffer = Buffer.allocUnsafe(pieceBytes);
  let carried = 0; // bytes of an unfinished last line kept at the start of the buffer
  for (;;) {
    if (carried === buffer.length) {
      // A line longer than the buffer: grow it.
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, carried);
      buffer = bigger;
    }
    const want = Math.min(buffer.length - carried, end - offset);
    const { bytesRead } = want > 0 ? await file.read(buffer, carried, want, offset) : { bytesRead: 0 };
    offset += bytesRead;
    const filled = carried + bytesRead;
    if (bytesRead === 0) {
      if (filled > 0) position = scanCsvBars(buffer.toString('latin1', 0, filled), scanLayout, sink, position);
      return position;
    }
    const lastNewline = buffer.lastIndexOf(0x0a, filled - 1);
    if (lastNewline < 0) {
      carried = filled;
      continue;
    }
    position = scanCsvBars(buffer.toString('latin1', 0, lastNewline + 1), scanLayout, sink, position);
    carried = filled - lastNewline - 1;
    buffer.copy(buffer, 0, lastNewline + 1, filled);
  }
}

/** Where a scan stopped: lines read so far and the comments kept, so a file can be scanned in chunks. */
export interface ScanPosition {
  readonly line: number;
  readonly comments: readonly string[];
  /** False inside a file: no byte-order mark to skip. */
  readonly atFileStart?: boolean;
}

const FILE_START: ScanPosition = { line: 0, comments: [], atFileStart: true };
const PART_START: ScanPosition = { line: 0, comments: [] };

/**
 * Reads every data row of a CSV text into `sink`, walking the string once by character code. Hand-written
 * rather than a CSV library because libraries hand out an array or object of strings per row: a million
 * rows meant a million arrays and six million strings to collect, several times the whole load budget
 * (ATB loads a 1M-row file in a few hundred ms). Numbers and dates are parsed in place (no substrings),
 * so a valid row allocates nothing. `text` is the file decoded as latin1 (see latin1-text.ts). Supported:
 * the layout's delimiter, CRLF or LF, a BOM, blank lines, `#` comment lines, spaces around fields and
 * double quotes around a field (not delimiters inside one).
 * `text` must end at a line end; pass the position a previous chunk returned to go on with the next.
 */
function scanCsvBars(text: string, layout: CsvLayout, sink: BarRowSink, from: ScanPosition): ScanPosition {
  const comments = [...from.comments];
  const delimiter = layout.delimiter.charCodeAt(0);
  const { roles, fieldCount, headerLine, dateOrder, decimalComma, timestampFormat } = layout;
  const epoch = timestampFormat !== 'iso';
  const toMs = EPOCH_TO_MS[timestampFormat];
  const length = text.length;
  let pos = from.atFileStart === true ? contentStart(text) : 0;
  let line = from.line;

  while (pos < length) {
    line += 1;
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = length;
    const next = lineEnd + 1;
    let end = lineEnd;
    if (end > pos && text.charCodeAt(end - 1) === 0x0d) end -= 1;
    let start = pos;
    pos = next;
    while (start < end && text.charCodeAt(start) === 0x20) start += 1;
    if (start === end || line === headerLine) continue;
    if (text.charCodeAt(start) === 0x23 /* # */) {
      if (comments.length < COMMENTS_KEPT) comments.push(utf8(text.slice(start, end)));
      continue;
    }

    let ts = Number.NaN;
    let date = Number.NaN;
    let time = Number.NaN;
    let open = Number.NaN;
    let high = Number.NaN;
    let low = Number.NaN;
    let close = Number.NaN;
    let volume = 0;
    let badRole = 0;
    let badStart = 0;
    let badEnd = 0;
    let field = 0;
    let fieldStart = start;
    for (;;) {
      const role = field < fieldCount ? (roles[field] ?? CsvColumnRole.IGNORE) : CsvColumnRole.IGNORE;
      let fieldEnd: number;
      let value = 0;
      if (role >= CsvColumnRole.OPEN) {
        // Numbers are parsed as the field is walked; only a field with something after its number is walked again.
        value = parseNumberAt(text, fieldStart, end, decimalComma);
        fieldEnd = numberEnd;
        let code = text.charCodeAt(fieldEnd);
        while (fieldEnd < end && (code === 0x20 || code === 0x22)) code = text.charCodeAt(++fieldEnd);
        if (fieldEnd < end && code !== delimiter) {
          value = Number.NaN;
          while (fieldEnd < end && text.charCodeAt(fieldEnd) !== delimiter) fieldEnd += 1;
        }
        if (role === CsvColumnRole.OPEN) open = value;
        else if (role === CsvColumnRole.HIGH) high = value;
        else if (role === CsvColumnRole.LOW) low = value;
        else if (role === CsvColumnRole.CLOSE) close = value;
        else volume = value;
      } else {
        fieldEnd = fieldStart;
        while (fieldEnd < end && text.charCodeAt(fieldEnd) !== delimiter) fieldEnd += 1;
        if (role !== CsvColumnRole.IGNORE) {
          let s = fieldStart;
          let e = fieldEnd;
          while (s < e && text.charCodeAt(s) === 0x20) s += 1;
          while (e > s && text.charCodeAt(e - 1) === 0x20) e -= 1;
          if (e - s >= 2 && text.charCodeAt(s) === 0x22 && text.charCodeAt(e - 1) === 0x22) {
            s += 1;
            e -= 1;
          }
          if (role === CsvColumnRole.TIMESTAMP) {
            value = epoch ? Math.round(parseDecimalField(text, s, e) * toMs) : parseUtcDateTime(text, s, e, dateOrder);
            ts = value;
          } else if (role === CsvColumnRole.DATE) {
            value = parseUtcDate(text, s, e, dateOrder);
            date = value;
          } else {
            value = parseTimeOfDay(text, s, e);
            time = value;
          }
        }
      }
      if (badRole === 0 && !Number.isFinite(value)) {
        badRole = role;
        badStart = fieldStart;
        badEnd = fieldEnd;
      }
      field += 1;
      if (fieldEnd >= end) break;
      fieldStart = fieldEnd + 1;
    }

    if (field !== fieldCount) {
      sink.reject(line, `expected ${fieldCount} columns, found ${field}`);
    } else if (badRole !== 0) {
      sink.reject(line, fieldReason(badRole, fieldText(text, badStart, badEnd)));
    } else {
      sink.accept(line, Number.isNaN(ts) ? date + time : ts, open, high, low, close, volume);
    }
  }
  return { line, comments };
}

/** A field as written (trimmed, unquoted, decoded as UTF-8), for messages. */
function fieldText(text: string, start: number, end: number): string {
  return utf8(text.slice(start, end).trim().replace(/^"(.*)"$/, '$1'));
}

function fieldReason(role: number, raw: string): string {
  const name = ROLE_NAMES[role] ?? 'unknown';
  const expected =
    role === CsvColumnRole.TIMESTAMP
      ? 'a date-time such as 2024-01-31 12:00:00, or epoch seconds or milliseconds'
      : role === CsvColumnRole.DATE
        ? 'a date such as 2024-01-31'
        : role === CsvColumnRole.TIME
          ? 'a time such as 09:30:00'
          : 'a number';
  return `column '${name}' is ${JSON.stringify(raw)}: expected ${expected}`;
}

import type { CsvColumnRef, CsvLayoutOverride, TimestampFormat } from '../../application/market-data/bar-load-report.js';
import {
  parseTimeOfDay,
  parseUtcDate,
  parseUtcDateTime,
  type DateOrder,
} from '../../application/market-data/utc-timestamp.js';
import { AtbError } from '../../shared/errors.js';
import { CsvColumnRole, ROLE_NAMES, normalizeColumnName, rolesFromHeader } from './csv-column-role.js';
import { describeCsvLayout } from './describe-csv-layout.js';
import { parseDecimalField } from './parse-decimal-field.js';
import { contentStart, utf8 } from './latin1-text.js';

/** A CSV file's shape as the scanner needs it. */
export interface CsvLayout {
  readonly delimiter: string;
  /** 1-based line of the header, 0 when the file has none. */
  readonly headerLine: number;
  /** Fields every data row must have. */
  readonly fieldCount: number;
  readonly roles: Uint8Array;
  readonly timestampFormat: TimestampFormat;
  readonly dateOrder: DateOrder;
  readonly decimalComma: boolean;
  readonly hasVolume: boolean;
  /** Average data line length in characters, to size the columns before scanning. */
  readonly meanLineLength: number;
  readonly description: string;
  readonly warnings: readonly string[];
}

/** The first lines that are neither blank nor comments, with their 1-based line numbers. */
export interface SampleLine {
  readonly line: number;
  readonly text: string;
}

const SAMPLE_LINES = 200;
const DELIMITERS = [';', '\t', '|', ','] as const;
/** The first lines that are not blank or comments, of a latin1-decoded text (see latin1-text.ts), as UTF-8. */
export function sampleLines(text: string, max = SAMPLE_LINES): SampleLine[] {
  const sample: SampleLine[] = [];
  let pos = contentStart(text);
  let line = 0;
  while (pos < text.length && sample.length < max) {
    line += 1;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const content = utf8(text.slice(pos, end).replace(/\r$/, ''));
    const trimmed = content.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) sample.push({ line, text: content });
    pos = end + 1;
  }
  return sample;
}

/**
 * Works out delimiter, header, columns and timestamp form from the first lines; `override` fixes any part
 * the detector cannot guess. Throws AtbError DATA_INVALID naming the line when the file cannot be read.
 */
export function detectCsvLayout(file: string, sample: readonly SampleLine[], override: CsvLayoutOverride = {}): CsvLayout {
  const first = sample[0];
  if (first === undefined) throw new AtbError('DATA_INVALID', `${file}: the file has no data rows`, { file });
  const delimiter = override.delimiter ?? detectDelimiter(sample);
  const firstFields = splitFields(first.text, delimiter);
  const hasHeader = override.hasHeader ?? looksLikeHeader(firstFields);
  const dataStart = hasHeader ? 1 : 0;
  const firstData = typicalRow(sample.slice(dataStart), delimiter);
  if (firstData === undefined) throw new AtbError('DATA_INVALID', `${file}: the file has a header but no data rows`, { file });
  const dataFields = splitFields(firstData.text, delimiter);
  const names = hasHeader ? firstFields : [];
  // Header names by column as read; differs from `names` when the header is one name short.
  let labels: readonly string[] = names;
  const notes: string[] = [];
  const warnings: string[] = [];

  let roles: CsvColumnRole[];
  if (override.columns !== undefined) {
    roles = rolesFromOverride(file, override.columns, names, dataFields.length);
  } else if (hasHeader) {
    roles = rolesFromHeader(names);
    const dateAt = roles.findIndex((r) => r === CsvColumnRole.TIMESTAMP || r === CsvColumnRole.DATE);
    // A header one name short, with a date and a time in the rows where it names one column (backtrader's
    // sample files): read the two as date and time and shift the names after them one column right.
    if (
      dataFields.length === names.length + 1 &&
      dateAt >= 0 &&
      isDateOnly(dataFields[dateAt] ?? '') &&
      isTimeOnly(dataFields[dateAt + 1] ?? '')
    ) {
      roles = [...roles.slice(0, dateAt), CsvColumnRole.DATE, CsvColumnRole.TIME, ...roles.slice(dateAt + 1)];
      labels = [...names.slice(0, dateAt + 1), '', ...names.slice(dateAt + 1)];
      notes.push(
        `the header names ${names.length} columns but rows have ${dataFields.length}: ` +
          `columns ${dateAt + 1}-${dateAt + 2} read as date and time`,
      );
    }
  } else {
    roles = positionalRoles(dataFields);
  }
  const fieldCount = Math.max(dataFields.length, roles.length);
  while (roles.length < fieldCount) roles.push(CsvColumnRole.IGNORE);

  const missing: CsvColumnRole[] = [CsvColumnRole.OPEN, CsvColumnRole.HIGH, CsvColumnRole.LOW, CsvColumnRole.CLOSE].filter(
    (r) => !roles.includes(r),
  );
  const hasTimestamp = roles.includes(CsvColumnRole.TIMESTAMP);
  if (!hasTimestamp && !(roles.includes(CsvColumnRole.DATE) && roles.includes(CsvColumnRole.TIME))) {
    missing.unshift(CsvColumnRole.TIMESTAMP);
  }
  if (missing.length > 0) {
    const found = hasHeader ? `the header has ${names.map((n) => `'${n}'`).join(', ')}` : 'the file has no header';
    throw new AtbError(
      'DATA_INVALID',
      `${file}:${first.line}: cannot tell which column is ${missing.map((r) => `'${ROLE_NAMES[r]}'`).join(', ')}: ` +
        `${found}; give the layout's columns`,
      { file, line: first.line },
    );
  }

  const tsField = dataFields[roles.indexOf(hasTimestamp ? CsvColumnRole.TIMESTAMP : CsvColumnRole.DATE)] ?? '';
  const timestampFormat = override.timestampFormat ?? (hasTimestamp ? detectTimestampFormat(tsField) : 'iso');
  const dateIndex = roles.indexOf(hasTimestamp ? CsvColumnRole.TIMESTAMP : CsvColumnRole.DATE);
  const dateOrder =
    timestampFormat === 'iso'
      ? (override.dateOrder ?? detectDateOrder(file, firstData, sample.slice(dataStart), delimiter, dateIndex, hasTimestamp))
      : 'ymd';
  const decimalComma = override.decimalComma ?? (delimiter !== ',' && usesDecimalCommas(sample.slice(dataStart), delimiter, roles));
  const hasVolume = roles.includes(CsvColumnRole.VOLUME);
  if (!hasVolume) warnings.push('the file has no volume column: volume is 0 on every bar');

  const dataSample = sample.slice(dataStart);
  const meanLineLength = dataSample.reduce((sum, s) => sum + s.text.length + 1, 0) / Math.max(1, dataSample.length);
  const dateOnly = timestampFormat === 'iso' && !Number.isNaN(parseUtcDate(tsField, 0, tsField.length, dateOrder));
  const description = describeCsvLayout({
    delimiter,
    headerLine: hasHeader ? first.line : 0,
    names: labels,
    roles,
    timestampFormat,
    dateOnly,
    dateOrder,
    decimalComma,
    notes,
  });
  return {
    delimiter,
    headerLine: hasHeader ? first.line : 0,
    fieldCount,
    roles: Uint8Array.from(roles),
    timestampFormat,
    dateOrder,
    decimalComma,
    hasVolume,
    meanLineLength,
    description,
    warnings,
  };
}

/**
 * The row the layout is read from: the first with the usual number of fields and no empty one, so one
 * malformed row at the top (which --skip-bad-rows will skip) does not mislead the detector.
 */
function typicalRow(dataSample: readonly SampleLine[], delimiter: string): SampleLine | undefined {
  const fields = dataSample.map((row) => splitFields(row.text, delimiter));
  const usual = mode(fields.map((f) => f.length));
  const index = fields.findIndex((f) => f.length === usual && f.every((value) => value !== ''));
  return dataSample[index >= 0 ? index : 0];
}

/**
 * The delimiter that splits most of the first rows into the same number (> 0) of fields, preferring the
 * most fields. The header is only required to contain it, since it may be one name short (see above).
 */
function detectDelimiter(sample: readonly SampleLine[]): string {
  const lines = sample.slice(0, 10).map((s) => s.text);
  let best = ',';
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    const counts = lines.map((l) => l.split(candidate).length - 1);
    const rows = counts.length > 1 ? counts.slice(1) : counts;
    const usual = mode(rows);
    const agreeing = rows.filter((c) => c === usual).length;
    if ((counts[0] ?? 0) > 0 && usual > bestCount && agreeing >= 0.6 * rows.length) {
      best = candidate;
      bestCount = usual;
    }
  }
  return best;
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

function splitFields(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
}

function isNumber(text: string): boolean {
  return !Number.isNaN(parseDecimalField(text, 0, text.length)) || !Number.isNaN(parseDecimalField(text, 0, text.length, true));
}

function isDateOnly(text: string): boolean {
  return ['ymd', 'dmy', 'mdy'].some((o) => !Number.isNaN(parseUtcDate(text, 0, text.length, o as DateOrder)));
}

function isTimeOnly(text: string): boolean {
  return !Number.isNaN(parseTimeOfDay(text, 0, text.length));
}

function isDateTime(text: string): boolean {
  return ['ymd', 'dmy', 'mdy'].some((o) => !Number.isNaN(parseUtcDateTime(text, 0, text.length, o as DateOrder)));
}

/** A header has at least one cell that is neither empty, a number, a date nor a time. */
function looksLikeHeader(fields: readonly string[]): boolean {
  return fields.some((f) => f !== '' && !isNumber(f) && !isDateTime(f) && !isTimeOnly(f));
}

/** No header: the timestamp (or a date and a time) first, then open, high, low, close and maybe volume. */
function positionalRoles(fields: readonly string[]): CsvColumnRole[] {
  const split = isDateOnly(fields[0] ?? '') && isTimeOnly(fields[1] ?? '');
  const time: CsvColumnRole[] = split ? [CsvColumnRole.DATE, CsvColumnRole.TIME] : [CsvColumnRole.TIMESTAMP];
  const prices = [CsvColumnRole.OPEN, CsvColumnRole.HIGH, CsvColumnRole.LOW, CsvColumnRole.CLOSE, CsvColumnRole.VOLUME];
  return [...time, ...prices].slice(0, fields.length);
}

function rolesFromOverride(
  file: string,
  columns: NonNullable<CsvLayoutOverride['columns']>,
  names: readonly string[],
  fieldCount: number,
): CsvColumnRole[] {
  const roles: CsvColumnRole[] = Array.from({ length: Math.max(fieldCount, names.length) }, () => CsvColumnRole.IGNORE);
  const entries: [CsvColumnRef | null | undefined, CsvColumnRole][] = [
    [columns.timestamp, CsvColumnRole.TIMESTAMP],
    [columns.date, CsvColumnRole.DATE],
    [columns.time, CsvColumnRole.TIME],
    [columns.open, CsvColumnRole.OPEN],
    [columns.high, CsvColumnRole.HIGH],
    [columns.low, CsvColumnRole.LOW],
    [columns.close, CsvColumnRole.CLOSE],
    [columns.volume, CsvColumnRole.VOLUME],
  ];
  for (const [ref, role] of entries) {
    if (ref === undefined || ref === null) continue;
    const index = typeof ref === 'number' ? ref : names.map(normalizeColumnName).indexOf(normalizeColumnName(ref));
    if (!Number.isInteger(index) || index < 0 || index >= roles.length) {
      throw new AtbError(
        'INVALID_INPUT',
        `invalid layout column '${ROLE_NAMES[role]}', was ${JSON.stringify(ref)}: expected a column index below ` +
          `${roles.length} or one of the header names${names.length > 0 ? ` (${names.join(', ')})` : ''} of ${file}`,
        { file, field: ROLE_NAMES[role] },
      );
    }
    roles[index] = role;
  }
  return roles;
}

/** Prices written `1,5` somewhere in the sample and never `1.5`. */
function usesDecimalCommas(dataSample: readonly SampleLine[], delimiter: string, roles: readonly CsvColumnRole[]): boolean {
  let comma = false;
  for (const row of dataSample) {
    const fields = splitFields(row.text, delimiter);
    for (let i = 0; i < fields.length; i += 1) {
      if ((roles[i] ?? CsvColumnRole.IGNORE) < CsvColumnRole.OPEN) continue;
      const field = fields[i] ?? '';
      if (field.includes('.')) return false;
      if (field.includes(',')) comma = true;
    }
  }
  return comma;
}

/** Numbers are epoch times, their unit told by magnitude (seconds below 1e11, i.e. before year 5138). */
function detectTimestampFormat(field: string): TimestampFormat {
  const value = parseDecimalField(field, 0, field.length);
  if (Number.isNaN(value)) return 'iso';
  if (value >= 1e17) return 'epoch-ns';
  if (value >= 1e14) return 'epoch-us';
  if (value >= 1e11) return 'epoch-ms';
  return 'epoch-s';
}

/**
 * ISO dates need nothing. `31.01.2024` and `01/31/2024` are told apart by a first or second part above
 * 12 somewhere in the sample; if none is, the order is ambiguous and must be given.
 */
function detectDateOrder(
  file: string,
  firstRow: SampleLine,
  dataSample: readonly SampleLine[],
  delimiter: string,
  dateIndex: number,
  isTimestamp: boolean,
): DateOrder {
  const value = splitFields(firstRow.text, delimiter)[dateIndex] ?? '';
  const parse = isTimestamp ? parseUtcDateTime : parseUtcDate;
  if (!Number.isNaN(parse(value, 0, value.length, 'ymd'))) return 'ymd';
  let dayFirst = false;
  let monthFirst = false;
  for (const row of dataSample) {
    const match = /^(\d{1,2})[./-](\d{1,2})[./-]\d{4}/.exec(splitFields(row.text, delimiter)[dateIndex] ?? '');
    if (match === null) continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  if (!/^\d{1,2}[./-]\d{1,2}[./-]\d{4}/.test(value)) {
    const line = firstRow.line;
    throw new AtbError(
      'DATA_INVALID',
      `${file}:${line}: column '${isTimestamp ? 'timestamp' : 'date'}' is ${JSON.stringify(value)}: expected a date ` +
        `such as 2024-01-31 or 2024-01-31 12:00:00, or epoch seconds or milliseconds`,
      { file, line },
    );
  }
  throw new AtbError(
    'DATA_INVALID',
    `${file}:${firstRow.line}: dates such as ${JSON.stringify(value)} may be day-first or month-first: ` +
      `give the layout's dateOrder 'dmy' or 'mdy'`,
    { file, line: firstRow.line },
  );
}

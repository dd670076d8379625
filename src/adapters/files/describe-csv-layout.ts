import type { TimestampFormat } from '../../application/market-data/bar-load-report.js';
import type { DateOrder } from '../../application/market-data/utc-timestamp.js';
import { CsvColumnRole } from './csv-column-role.js';

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};
const EPOCH_NAMES: Readonly<Record<TimestampFormat, string>> = {
  iso: 'date-time text, UTC unless an offset is written',
  'epoch-s': 'epoch seconds',
  'epoch-ms': 'epoch milliseconds',
  'epoch-us': 'epoch microseconds',
  'epoch-ns': 'epoch nanoseconds',
};

/** A CSV layout in words, for the load report: delimiter, header, which column is what, timestamp form. */
export function describeCsvLayout(parts: {
  delimiter: string;
  headerLine: number;
  names: readonly string[];
  roles: readonly CsvColumnRole[];
  timestampFormat: TimestampFormat;
  dateOnly: boolean;
  dateOrder: DateOrder;
  decimalComma: boolean;
  notes: readonly string[];
}): string {
  const { names, roles } = parts;
  const label = (i: number): string => {
    const name = names[i];
    return name === undefined ? `column ${i + 1}` : name === '' ? `column ${i + 1} (unnamed)` : `'${name}'`;
  };
  const column = (role: CsvColumnRole): string => label(roles.indexOf(role));
  const time = roles.includes(CsvColumnRole.TIMESTAMP)
    ? `time ${column(CsvColumnRole.TIMESTAMP)} (${parts.dateOnly ? 'dates, midnight UTC' : EPOCH_NAMES[parts.timestampFormat]})`
    : `date ${column(CsvColumnRole.DATE)} + time ${column(CsvColumnRole.TIME)} (UTC)`;
  const order = parts.dateOrder === 'ymd' ? '' : `, dates ${parts.dateOrder}`;
  const ignored = roles.flatMap((r, i) => (r === CsvColumnRole.IGNORE ? [label(i)] : []));
  const volume = roles.includes(CsvColumnRole.VOLUME) ? `, volume ${column(CsvColumnRole.VOLUME)}` : ', no volume';
  return [
    `${DELIMITER_NAMES[parts.delimiter] ?? JSON.stringify(parts.delimiter)}-separated${parts.decimalComma ? ' with decimal commas' : ''}`,
    parts.headerLine > 0 ? `header on line ${parts.headerLine}` : 'no header (columns by position)',
    `${time}${order}`,
    `open ${column(CsvColumnRole.OPEN)}, high ${column(CsvColumnRole.HIGH)}, low ${column(CsvColumnRole.LOW)}, ` +
      `close ${column(CsvColumnRole.CLOSE)}${volume}`,
    ...(ignored.length > 0 ? [`ignored ${ignored.join(', ')}`] : []),
    ...parts.notes,
  ].join('; ');
}

import * as zlib from 'node:zlib';
import { CompressionType, compressionRegistry, tableFromIPC, Type, type Table, type Vector } from 'apache-arrow';
import type { ValidatingBarSink } from '../../application/market-data/validating-bar-sink.js';
import { parseUtcDateTime } from '../../application/market-data/utc-timestamp.js';
import { AtbError } from '../../shared/errors.js';
import { CsvColumnRole, ROLE_NAMES, rolesFromHeader } from './csv-column-role.js';
import { decodeLz4Frame } from './decode-lz4-frame.js';

/** Divisors from a Timestamp column's unit (arrow TimeUnit SECOND..NANOSECOND) to milliseconds. */
const UNIT_TO_MS = [1e-3, 1, 1e3, 1e6] as const;
const UNIT_NAMES = ['s', 'ms', 'us', 'ns'] as const;

/**
 * Reads an Arrow IPC file or stream (Feather v2 is the IPC file format), such as Freqtrade's candle files:
 * columns `date` (timestamp, any unit, UTC), `open`, `high`, `low`, `close`, `volume`. Column names are
 * matched like CSV headers. The time column may also be a Date, epoch numbers or date-time text.
 * LZ4-compressed files (pyarrow's default) are read; ZSTD ones where Node has zstd (22.15+).
 * Returns the layout description.
 */
export function readArrowBars(file: string, bytes: Uint8Array, sink: ValidatingBarSink): string {
  registerCodecs();
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    const message = (error as Error).message;
    const hint = /compress/i.test(message) ? ' (ZSTD needs Node 22.15 or later; re-save the file with LZ4 or uncompressed)' : '';
    throw new AtbError('DATA_INVALID', `${file}: not a readable Arrow/Feather file: ${message}${hint}`, { file }, { cause: error });
  }
  const names = table.schema.fields.map((f) => f.name);
  const roles = rolesFromHeader(names);
  const timeIndex = roles.findIndex((r) => r === CsvColumnRole.TIMESTAMP || r === CsvColumnRole.DATE);
  const required = [CsvColumnRole.OPEN, CsvColumnRole.HIGH, CsvColumnRole.LOW, CsvColumnRole.CLOSE];
  const missing = [...(timeIndex < 0 ? [CsvColumnRole.TIMESTAMP] : []), ...required.filter((r) => !roles.includes(r))];
  if (missing.length > 0) {
    throw new AtbError(
      'DATA_INVALID',
      `${file}: no ${missing.map((r) => `'${ROLE_NAMES[r]}'`).join(', ')} column among ${names.map((n) => `'${n}'`).join(', ')}`,
      { file },
    );
  }
  const column = (role: CsvColumnRole): Vector | undefined => {
    const index = role === CsvColumnRole.TIMESTAMP ? timeIndex : roles.indexOf(role);
    return index < 0 ? undefined : (table.getChildAt(index) ?? undefined);
  };
  const time = timeReader(file, column(CsvColumnRole.TIMESTAMP), names[timeIndex] ?? '');
  const open = numberReader(file, column(CsvColumnRole.OPEN), 'open');
  const high = numberReader(file, column(CsvColumnRole.HIGH), 'high');
  const low = numberReader(file, column(CsvColumnRole.LOW), 'low');
  const close = numberReader(file, column(CsvColumnRole.CLOSE), 'close');
  const volumeColumn = column(CsvColumnRole.VOLUME);
  const volume = volumeColumn === undefined ? () => 0 : numberReader(file, volumeColumn, 'volume');

  for (let row = 0; row < table.numRows; row += 1) {
    sink.accept(row, time.read(row), open(row), high(row), low(row), close(row), volume(row));
  }
  const columns = ['open', 'high', 'low', 'close', ...(volumeColumn === undefined ? [] : ['volume'])].join(', ');
  return `Arrow IPC, ${table.numRows} rows; time '${names[timeIndex] ?? ''}' (${time.description}); ${columns}${
    volumeColumn === undefined ? '; no volume column (volume 0)' : ''
  }`;
}

type RowReader = (row: number) => number;

function timeReader(file: string, vector: Vector | undefined, name: string): { read: RowReader; description: string } {
  if (vector === undefined) throw new AtbError('DATA_INVALID', `${file}: no time column`, { file });
  const type = vector.type as { typeId: Type; unit?: number; timezone?: string | null };
  const valid = validity(vector);
  if (type.typeId === Type.Timestamp) {
    const unit = type.unit ?? 1;
    const divisor = UNIT_TO_MS[unit] ?? 1;
    const raw = vector.toArray() as ArrayLike<number | bigint>;
    return {
      read: (row) => (valid(row) ? Math.round(Number(raw[row]) / divisor) : Number.NaN),
      description: `timestamp[${UNIT_NAMES[unit] ?? unit}${type.timezone ? `, ${type.timezone}` : ''}]`,
    };
  }
  if (type.typeId === Type.Date) {
    return { read: (row) => (valid(row) ? Number(vector.get(row)) : Number.NaN), description: 'date' };
  }
  if (type.typeId === Type.Int || type.typeId === Type.Float) {
    const raw = vector.toArray() as ArrayLike<number | bigint>;
    return {
      read: (row) => {
        const value = valid(row) ? Number(raw[row]) : Number.NaN;
        return value < 1e11 ? value * 1000 : value;
      },
      description: 'epoch ms (s below 1e11)',
    };
  }
  if (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8) {
    return {
      read: (row) => {
        const text: unknown = vector.get(row);
        return typeof text === 'string' ? parseUtcDateTime(text, 0, text.length) : Number.NaN;
      },
      description: 'date-time text',
    };
  }
  throw new AtbError('DATA_INVALID', `${file}: column '${name}' has type ${String(vector.type)}: expected a timestamp, date or epoch number`, {
    file,
  });
}

function numberReader(file: string, vector: Vector | undefined, role: string): RowReader {
  if (vector === undefined) throw new AtbError('DATA_INVALID', `${file}: no '${role}' column`, { file });
  const typeId = (vector.type as { typeId: Type }).typeId;
  if (typeId !== Type.Float && typeId !== Type.Int) {
    throw new AtbError('DATA_INVALID', `${file}: column '${role}' has type ${String(vector.type)}: expected numbers`, { file });
  }
  const raw = vector.toArray() as ArrayLike<number | bigint>;
  const valid = validity(vector);
  if (raw instanceof Float64Array && vector.nullCount === 0) return (row) => raw[row] ?? Number.NaN;
  return (row) => (valid(row) ? Number(raw[row]) : Number.NaN);
}

function validity(vector: Vector): (row: number) => boolean {
  return vector.nullCount === 0 ? () => true : (row) => vector.isValid(row);
}

let codecsRegistered = false;

/** Registers decoders with apache-arrow once, keeping any codec the host application registered itself. */
function registerCodecs(): void {
  if (codecsRegistered) return;
  codecsRegistered = true;
  if (compressionRegistry.get(CompressionType.LZ4_FRAME) === null) {
    compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: decodeLz4Frame });
  }
  // zstd arrived in node:zlib with Node 22.15; feature-detected so Node 20 still reads LZ4 files.
  const zstd = (zlib as unknown as { zstdDecompressSync?: (data: Uint8Array) => Uint8Array }).zstdDecompressSync;
  if (zstd !== undefined && compressionRegistry.get(CompressionType.ZSTD) === null) {
    compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => new Uint8Array(zstd(data)) });
  }
}
